// The shared drawing path: colour maps, cell image, layout and painting into an image.
#include "ui/render/color_map.h"
#include "ui/render/heatmap_painter.h"
#include "ui/render/legend.h"
#include "ui_test_main.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace attnviz;
using namespace attnviz::ui;

class TestPainter : public QObject {
    Q_OBJECT
private slots:
    void colorMapEnds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QColor>("low");
        QTest::addColumn<QColor>("high");
        // First and last entries of the published tables.
        QTest::newRow("viridis") << "viridis" << QColor::fromRgbF(0.267004f, 0.004874f, 0.329415f)
                                 << QColor::fromRgbF(0.993248f, 0.906157f, 0.143936f);
        QTest::newRow("magma") << "magma" << QColor::fromRgbF(0.001462f, 0.000466f, 0.013866f)
                               << QColor::fromRgbF(0.987053f, 0.991438f, 0.749504f);
        QTest::newRow("greys") << "greys" << QColor(Qt::white) << QColor(Qt::black);
    }
    void colorMapEnds()
    {
        QFETCH(QString, name);
        QFETCH(QColor, low);
        QFETCH(QColor, high);
        const ColorMap map = ColorMap::byName(name);
        auto close = [](QRgb a, QColor b) {
            return std::abs(qRed(a) - b.red()) <= 1 && std::abs(qGreen(a) - b.green()) <= 1 &&
                   std::abs(qBlue(a) - b.blue()) <= 1;
        };
        QVERIFY(close(map.at(0.0), low));
        QVERIFY(close(map.at(1.0), high));
        for (QRgb c : map.table())
            QVERIFY(c != map.maskedFill().rgb()); // the masked marker is never a map colour
    }

    void everyNamedMapExists()
    {
        QCOMPARE(ColorMap::names().size(), 7);
        for (const QString& n : ColorMap::names())
            QCOMPARE(ColorMap::byName(n).name(), n);
        QCOMPARE(ColorMap::byName(QStringLiteral("nope")).name(), QStringLiteral("viridis"));
        QVERIFY(ColorMap::byName(QStringLiteral("diverging")).isDiverging());
    }

    void ticks()
    {
        const QList<double> expected{0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
        const QList<double> unit = Legend::ticks(0.0, 1.0);
        QCOMPARE(unit.size(), expected.size());
        for (int i = 0; i < unit.size(); ++i)
            QVERIFY(std::abs(unit[i] - expected[i]) < 1e-12);
        const QList<double> t = Legend::ticks(0.0, 0.35);
        QCOMPARE(t.first(), 0.0);
        QVERIFY(t.last() <= 0.35 + 1e-9);
    }

    void cellsLayoutAndPaint()
    {
        Matrix values(3, 4);
        values << 0.0f, 0.5f, 1.0f, 0.25f, 0.1f, 0.2f, 0.3f, 0.4f, 1.0f, 0.0f, 0.0f, 0.0f;
        Mask mask = Mask::shared(3, 4);
        mask.set(0, 1, 2, false, 1);
        HeatmapPainter::Data d;
        d.values = &values;
        d.mask = &mask;
        d.rowTokens = {"a", "b", "c"};
        d.colTokens = {"w", "x", "y", "z"};
        d.title = "Head 1";
        const HeatmapPainter painter(d);

        const QImage cells = painter.renderCells();
        QCOMPARE(cells.size(), QSize(4, 3));
        QCOMPARE(cells.pixel(2, 0), d.colorMap.at(1.0));
        QCOMPARE(cells.pixel(0, 0), d.colorMap.at(0.0));
        QCOMPARE(cells.pixel(2, 1), d.colorMap.maskedFill().rgb());

        const HeatmapLayout l = painter.layout(QRectF(0, 0, 400, 300));
        QVERIFY(l.grid.width() > 0);
        QCOMPARE(l.grid.width() / 4, l.grid.height() / 3); // square cells
        QVERIFY(QRectF(0, 0, 400, 300).contains(l.grid));
        QVERIFY(l.title.bottom() <= l.grid.top());
        int r = -1;
        int c = -1;
        QVERIFY(l.cellAt(l.cellRect(2, 3).center(), &r, &c));
        QCOMPARE(r, 2);
        QCOMPARE(c, 3);
        QVERIFY(l.showValues);

        QImage out(400, 300, QImage::Format_ARGB32);
        out.fill(Qt::white);
        {
            QPainter p(&out);
            painter.paint(p, l);
        }
        const QPoint centre = l.cellRect(0, 2).toAlignedRect().topLeft() + QPoint(2, 2);
        QCOMPARE(out.pixel(centre), d.colorMap.at(1.0));
    }
};

ATTNVIZ_UI_TEST_MAIN(TestPainter)
#include "tst_painter.moc"
