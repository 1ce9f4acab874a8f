// Issue 6: long sequences (level-of-detail rendering, zoom and pan).
#include "long_sequence.h"
#include "ui/model/attention_controller.h"
#include "ui/model/selection_model.h"
#include "ui/render/heatmap_lod.h"
#include "ui/views/heads/heatmap_widget.h"
#include "ui_test_main.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGridLayout>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>
#include <vector>

using namespace attnviz;
using namespace attnviz::ui;

class TestLod : public QObject {
    Q_OBJECT
private slots:
    void poolingMaxKeepsHotCellMeanDilutes()
    {
        Matrix m = Matrix::Zero(4096, 4096);
        m(1234, 2345) = 1.0f;
        LodSource s;
        s.values = &m;
        s.vmax = 1.0;
        const QSize px(512, 512); // 8×8 cells per pixel
        const QImage maxImage = renderLod(s, QRectF(0, 0, 4096, 4096), px, Pooling::Max);
        const QImage meanImage = renderLod(s, QRectF(0, 0, 4096, 4096), px, Pooling::Mean);
        QCOMPARE(maxImage.size(), px);
        const int x = 2345 / 8;
        const int y = 1234 / 8;
        QCOMPARE(maxImage.pixel(x, y), s.colorMap.map(1.0, 0.0, 1.0));
        QCOMPARE(meanImage.pixel(x, y), s.colorMap.map(1.0 / 64.0, 0.0, 1.0));
        QCOMPARE(meanImage.pixel(x + 1, y), s.colorMap.map(0.0, 0.0, 1.0));
        QVERIFY(meanImage.pixel(x, y) != maxImage.pixel(x, y));
        // A pixel of only masked cells gets the marker colour; masked cells are not pooled.
        Mask mask = Mask::shared(4096, 4096, true);
        for (int c = 0; c < 8; ++c)
            for (int r = 0; r < 8; ++r)
                mask.set(Mask::kAllHeads, r, c, false, 1);
        s.mask = &mask;
        const QImage masked = renderLod(s, QRectF(0, 0, 4096, 4096), px, Pooling::Mean);
        QCOMPARE(masked.pixel(0, 0), s.colorMap.maskedFill().rgb());
    }

    void longSequenceImageHasWidgetSize()
    {
        AttentionController c;
        c.setHeads(16); // d_model 64: d_k = 4
        QElapsedTimer total;
        total.start();
        c.setText(numberedWords(4096));
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 120000);
        QVERIFY2(c.error().isEmpty(), qPrintable(c.error()));
        const qint64 computeMs = total.elapsed();
        QCOMPARE(c.engine().queryLength(), 4096);
        QCOMPARE(c.engine().heads(), 16);

        SelectionModel selection;
        QWidget window;
        auto* grid = new QGridLayout(&window);
        std::vector<HeatmapWidget*> heads;
        for (int h = 0; h < 16; ++h) {
            auto* w = new HeatmapWidget(&c, &selection, h);
            grid->addWidget(w, h / 4, h % 4);
            heads.push_back(w);
        }
        window.resize(1600, 1000);
        QElapsedTimer first;
        first.start();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(heads.begin(), heads.end(),
                                             [](HeatmapWidget* w) {
                                                 return !w->cellImage().isNull() &&
                                                        !w->isRendering();
                                             }),
                                 60000);
        const qint64 firstMs = first.elapsed();
        for (HeatmapWidget* w : heads) {
            const HeatmapLayout l = w->currentLayout();
            const QSize expected = (l.grid.size() * w->devicePixelRatioF()).toSize();
            QVERIFY(std::abs(w->cellImage().width() - expected.width()) <= 1);
            QVERIFY(std::abs(w->cellImage().height() - expected.height()) <= 1);
            QVERIFY(w->cellImage().width() < 4096);
        }
        // Repaint of the cached picture (what every hover or cursor move costs).
        QElapsedTimer repaint;
        repaint.start();
        constexpr int kFrames = 20;
        for (int i = 0; i < kFrames; ++i)
            heads[0]->repaint();
        const double repaintMs = repaint.nsecsElapsed() / 1e6 / kFrames;
        // Zoom frames in one head, rendered synchronously (the cost a wheel step pays).
        HeatmapWidget::setAsyncRenderCost(1e18);
        std::vector<double> frames;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer t;
            t.start();
            heads[0]->zoomAt(heads[0]->rect().center(), 1.25);
            heads[0]->repaint();
            frames.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(frames.begin(), frames.end());
        // The same in a focus-view-sized widget: zoom steps in, then pans, each frame rendered
        // synchronously from the engine (the worst case; normally large ones run in the
        // background while the previous image is shown scaled).
        HeatmapWidget focus(&c, &selection, 3);
        focus.resize(1000, 850);
        focus.show();
        QVERIFY(QTest::qWaitForWindowExposed(&focus));
        std::vector<double> focusFrames;
        for (int i = 0; i < 16; ++i) {
            QElapsedTimer t;
            t.start();
            if (i < 8)
                focus.zoomAt(focus.rect().center(), 1.25);
            else
                focus.panBy(QPointF(37, 23));
            focus.repaint();
            focusFrames.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(focusFrames.begin(), focusFrames.end());
        qInfo("focus view %dx%d px image: zoom/pan frame median %.2f ms, max %.2f ms",
              focus.cellImage().width(), focus.cellImage().height(),
              focusFrames[focusFrames.size() / 2], focusFrames.back());
        HeatmapWidget::setAsyncRenderCost(2.0e6);
        // A mask click: controller update plus the visible heatmaps' row re-render.
        QElapsedTimer click;
        click.start();
        constexpr int kClicks = 5;
        for (int i = 0; i < kClicks; ++i) {
            c.toggleCell(0, 2000 + i, 100);
            QCoreApplication::processEvents();
        }
        qInfo("mask click at L=4096, H=16: %.1f ms", click.nsecsElapsed() / 1e6 / kClicks);
        qInfo("L=4096 H=16 d_model=64: compute %lld ms; first picture of 16 heads (1600x1000 "
              "window) %lld ms; repaint %.2f ms; zoom frame median %.2f ms; RSS %.0f MiB, peak "
              "%.0f MiB",
              computeMs, firstMs, repaintMs, frames[frames.size() / 2], procStatusMiB("VmRSS:"),
              procStatusMiB("VmHWM:"));
    }

    void clickHitsCellUnderZoomAndPan()
    {
        AttentionController c;
        c.setPreset(MaskPreset::None);
        SelectionModel selection;
        HeatmapWidget w(&c, &selection, 1);
        w.resize(500, 500);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setView(QRectF(3.5, 2.25, 4, 4));
        QCOMPARE(w.currentLayout().view, QRectF(3.5, 2.25, 4, 4));
        for (int r = 3; r < 6; ++r)
            for (int col = 4; col < 7; ++col) {
                int rr = -1;
                int cc = -1;
                QVERIFY(w.currentLayout().cellAt(w.cellCenter(r, col), &rr, &cc));
                QCOMPARE(rr, r);
                QCOMPARE(cc, col);
            }
        QVERIFY(c.engine().mask().allowed(1, 4, 5));
        QTest::mouseClick(&w, Qt::LeftButton, {}, w.cellCenter(4, 5));
        QVERIFY(!c.engine().mask().allowed(1, 4, 5));
        QVERIFY(c.engine().mask().allowed(1, 4, 4));

        // Pan by two cells to the left: the same screen point is now two columns further right.
        const QPoint p = w.cellCenter(4, 5);
        const double cell = w.currentLayout().cell;
        w.panBy(QPointF(-2 * cell, 0));
        int rr = -1;
        int cc = -1;
        QVERIFY(w.currentLayout().cellAt(p, &rr, &cc));
        QCOMPARE(rr, 4);
        QCOMPARE(cc, 7);
        QTest::mouseClick(&w, Qt::LeftButton, {}, p);
        QVERIFY(!c.engine().mask().allowed(1, 4, 7));

        // Ctrl+wheel zooms around the cursor: the cell under it stays under it.
        w.resetView();
        const QPoint at = w.cellCenter(6, 2);
        QWheelEvent wheel(at, w.mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&w, &wheel);
        QVERIFY(!w.view().isEmpty());
        QVERIFY(w.view().width() < c.engine().keyLength());
        QVERIFY(w.currentLayout().cellAt(at, &rr, &cc));
        QCOMPARE(rr, 6);
        QCOMPARE(cc, 2);
        // Plain wheel without wheel zoom is left to the scroll area.
        const QRectF before = w.view();
        QWheelEvent plain(at, w.mapToGlobal(at), {}, QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(&w, &plain);
        QCOMPARE(w.view(), before);
        // The shown colour of a cell comes from the level-of-detail image.
        QVERIFY(w.ensureImage());
        QVERIFY(w.shownColor(6, 2) != 0);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestLod)
#include "tst_lod.moc"
