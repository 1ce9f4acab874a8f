// Export to PNG, SVG and PDF through the one drawing path, checked headless.
#include "ui/actions/export_options_dialog.h"
#include "ui/export/image_exporter.h"
#include "ui/render/figure.h"
#include "ui_test_main.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

// 2 heads of 3×4 with values k/12 (head 0) and 1 - k/12 (head 1); cell (0, 3) of head 1 masked.
Figure knownFigure()
{
    Figure f;
    f.title = QStringLiteral("Known values");
    f.rowTokens = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
    f.colTokens = {QStringLiteral("k0"), QStringLiteral("k1"), QStringLiteral("k2"),
                   QStringLiteral("k3")};
    for (int h = 0; h < 2; ++h) {
        FigurePanel p;
        p.head = h;
        p.title = QStringLiteral("Head %1").arg(h + 1);
        p.values.resize(3, 4);
        for (int k = 0; k < 12; ++k)
            p.values(k / 4, k % 4) = h == 0 ? k / 12.0f : 1.0f - k / 12.0f;
        f.panels.push_back(p);
    }
    f.mask = Mask::perHead(2, 3, 4);
    f.mask.set(1, 0, 3, false, 2);
    f.vmin = 0.0;
    f.vmax = 1.0;
    f.colorMap = ColorMap::byName(QStringLiteral("magma"));
    f.showValues = false; // the pixel checks sample plain cells
    f.legendTitle = QStringLiteral("weight");
    return f;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void png_data()
    {
        QTest::addColumn<double>("scale");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("2x") << 2.0;
        QTest::newRow("4x") << 4.0;
    }
    void png()
    {
        QFETCH(double, scale);
        const Figure f = knownFigure();
        const FigureRenderer renderer(f);
        QTemporaryDir dir;
        ExportRequest request{ExportFormat::Png, scale, dir.filePath(QStringLiteral("f.png")),
                              Json{{"hello", 1}}};
        QCOMPARE(exportFigure(f, request), QString());
        QImage image(request.path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), int(std::ceil(renderer.naturalSize().width() * scale)));
        QCOMPARE(image.height(), int(std::ceil(renderer.naturalSize().height() * scale)));
        // Every unmasked cell has exactly the colour-map table's colour of its value.
        for (int h = 0; h < 2; ++h)
            for (int r = 0; r < 3; ++r)
                for (int c = 0; c < 4; ++c) {
                    if (h == 1 && r == 0 && c == 3)
                        continue;
                    const QRectF cell = renderer.cellRect(h, r, c);
                    const QPoint at((cell.left() + cell.width() * 0.3) * scale,
                                    (cell.top() + cell.height() * 0.3) * scale);
                    const double v = f.panels[h].values(r, c);
                    const QRgb expected = f.colorMap.table()[int(v * 255.0 + 0.5)];
                    QCOMPARE(QColor(image.pixel(at)).name(), QColor(expected).name());
                }
        // The masked cell shows the marker colour (between its hatch lines).
        const QRectF masked = renderer.cellRect(1, 0, 3);
        int marker = 0;
        for (int y = 1; y < int(masked.height() * scale) - 1; ++y)
            for (int x = 1; x < int(masked.width() * scale) - 1; ++x)
                marker +=
                    image.pixel(QPoint(masked.left() * scale + x, masked.top() * scale + y)) ==
                    f.colorMap.maskedFill().rgb();
        QVERIFY(marker > masked.width() * masked.height() * scale * scale / 3);
        // The sidecar is next to the image.
        QFile sidecar(request.path + QStringLiteral(".json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(sidecar.readAll()).object().value("hello").toInt(), 1);
    }

    void svg()
    {
        const Figure f = knownFigure();
        const FigureRenderer renderer(f);
        QTemporaryDir dir;
        ExportRequest request{ExportFormat::Svg, 1.0, dir.filePath(QStringLiteral("f.svg")), {}};
        QCOMPARE(exportFigure(f, request), QString());
        QFile file(request.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        const QRectF cell = renderer.cellRect(0, 0, 0);
        int cellRects = 0;
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("rect")) {
                const auto a = xml.attributes();
                if (std::abs(a.value("width").toDouble() - cell.width()) < 1e-3 &&
                    std::abs(a.value("height").toDouble() - cell.height()) < 1e-3)
                    ++cellRects;
            } else if (xml.name() == QLatin1String("text")) {
                texts << xml.readElementText().trimmed();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cellRects, 2 * 3 * 4); // one <rect> per cell, masked ones included
        for (const QString& t : f.rowTokens + f.colTokens)
            QVERIFY2(texts.contains(t), qPrintable(t));
        QVERIFY(texts.contains(QStringLiteral("Head 2")));
        QVERIFY(texts.contains(QStringLiteral("Known values")));
        QVERIFY(texts.contains(QStringLiteral("weight")));
        // The hatching is a vector path, not a bitmap pattern.
        file.seek(0);
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("<path"));
        QVERIFY(!QFile::exists(request.path + QStringLiteral(".json"))); // no sidecar asked
    }

    void pdf_data()
    {
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("pages");
        QTest::newRow("one head") << 1 << 1;
        QTest::newRow("two heads: grid + one page each") << 2 << 3;
    }
    void pdf()
    {
        QFETCH(int, heads);
        QFETCH(int, pages);
        Figure f = knownFigure();
        f.panels.resize(heads);
        QCOMPARE(pdfPageCount(f), pages);
        QTemporaryDir dir;
        ExportRequest request{ExportFormat::Pdf, 1.0, dir.filePath(QStringLiteral("f.pdf")), {}};
        QCOMPARE(exportFigure(f, request), QString());
        QFile file(request.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
        QCOMPARE(int(QString::fromLatin1(pdf).count(page)), pages);
    }

    void refusesBadRequests()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.png"));
        QVERIFY(!exportFigure(knownFigure(), {ExportFormat::Png, 5.0, path, {}}).isEmpty());
        QVERIFY(!exportFigure(Figure{}, {ExportFormat::Png, 2.0, path, {}}).isEmpty());
        QVERIFY(!QFile::exists(path));
        // An unwritable place: an error, nothing left behind.
        const QString missing = dir.filePath(QStringLiteral("no/such/dir/x.svg"));
        QVERIFY(!exportFigure(knownFigure(), {ExportFormat::Svg, 1.0, missing, {}}).isEmpty());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void engineFigureRanges()
    {
        // Signed stages default to the diverging map, centred on zero.
        AttentionEngine e;
        Matrix x = Matrix::Random(5, 8);
        AttentionWeights w = AttentionWeights::zeros(8);
        w.wq = Matrix::Identity(8, 8);
        w.wk = Matrix::Identity(8, 8);
        w.wv = Matrix::Identity(8, 8);
        w.wo = Matrix::Identity(8, 8);
        AttentionOptions o;
        o.heads = 2;
        e.compute(x, x, w, Mask(), o);
        const QStringList tokens{"a", "b", "c", "d", "e"};
        const Figure scores = makeFigure(e, tokens, tokens, Stage::Scores, {}, {});
        QVERIFY(scores.colorMap.isDiverging());
        QCOMPARE(scores.vmin, -scores.vmax);
        QCOMPARE(int(scores.panels.size()), 2);
        const Figure weights =
            makeFigure(e, tokens, tokens, Stage::Weights, {1}, QStringLiteral("plasma"));
        QCOMPARE(weights.colorMap.name(), QStringLiteral("plasma"));
        QCOMPARE(weights.vmin, 0.0);
        QCOMPARE(int(weights.panels.size()), 1);
        QCOMPARE(weights.panels[0].head, 1);
        const Figure out = makeFigure(e, tokens, tokens, Stage::Output, {}, {});
        QCOMPARE(out.colTokens.size(), 4); // d_k dimensions, not tokens
    }
    void exportOptionsOfferStagesAndRememberThem()
    {
        const std::vector<Stage> all{Stage::Weights, Stage::Scores, Stage::Masked, Stage::Output};
        {
            ExportOptionsDialog png(ExportFormat::Png, all);
            QCOMPARE(png.findChild<QComboBox*>()->count(), 4);
            QVERIFY(png.stage() == Stage::Weights);
            QVERIFY(!png.findChild<QDoubleSpinBox*>()->isHidden());
            png.findChild<QComboBox*>()->setCurrentIndex(2);
            png.findChild<QDoubleSpinBox*>()->setValue(3.0);
            png.accept();
        }
        ExportOptionsDialog again(ExportFormat::Png, all);
        QVERIFY(again.stage() == Stage::Masked);
        QCOMPARE(again.scale(), 3.0);
        ExportOptionsDialog svg(ExportFormat::Svg, all);
        QVERIFY(svg.findChild<QDoubleSpinBox*>()->isHidden()); // no pixels in a vector image
        // Imported attention offers its weights only, whatever was chosen last time.
        ExportOptionsDialog imported(ExportFormat::Pdf, {Stage::Weights});
        QCOMPARE(imported.findChild<QComboBox*>()->count(), 1);
        QVERIFY(imported.stage() == Stage::Weights);
    }
    void crossAttentionColumnsAreKeys()
    {
        // Three queries attend to two keys: columns carry the key tokens, rows the queries.
        AttentionEngine e;
        AttentionWeights w = AttentionWeights::zeros(4);
        w.wq = w.wk = w.wv = w.wo = Matrix::Identity(4, 4);
        e.compute(Matrix::Random(3, 4), Matrix::Random(2, 4), w, Mask(), {.heads = 2});
        const QStringList queries{"q1", "q2", "q3"}, keys{"k1", "k2"};
        for (Stage stage : {Stage::Scores, Stage::Weights, Stage::Masked}) {
            const Figure f = makeFigure(e, queries, keys, stage, {}, {});
            QCOMPARE(f.rowTokens, queries);
            QCOMPARE(f.colTokens, keys);
        }
    }
};

ATTNVIZ_UI_TEST_MAIN(TestExport)
#include "tst_export.moc"
