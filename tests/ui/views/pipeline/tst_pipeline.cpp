// The pipeline view: panels hold the engine's numbers, hovering outlines the source cells, and
// step mode reveals the stages in order with a caption each.
#include "ui/model/attention_controller.h"
#include "ui/model/pipeline_model.h"
#include "ui/render/color_map.h"
#include "ui/shell/classroom.h"
#include "ui/shell/main_window.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/pipeline/pipeline_page.h"
#include "ui/views/pipeline/pipeline_view.h"
#include "ui_test_main.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

bool contains(const std::vector<PanelCells>& cells, int panel, const QRect& rect)
{
    for (const PanelCells& c : cells)
        if (c.panel == panel && c.cells == rect)
            return true;
    return false;
}

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private slots:
    void panelsHoldTheEngineStages()
    {
        AttentionController c;
        PipelineView view(&c);
        view.setHead(2);
        const auto& p = view.panels();
        QCOMPARE(static_cast<int>(p.size()), 11);
        const AttentionEngine& e = c.engine();
        const int dk = e.dHead();
        QVERIFY(p[0].values == *c.input());
        QVERIFY(p[1].values == Matrix(e.q().middleCols(2 * dk, dk)));
        QVERIFY(p[2].values == Matrix(e.k().middleCols(2 * dk, dk).transpose()));
        QVERIFY(p[3].values == Matrix(e.v().middleCols(2 * dk, dk)));
        QVERIFY(p[4].values == e.rawScores(2));
        QVERIFY(p[5].values == e.scaledScores(2));
        QVERIFY(p[6].values == e.maskedScores(2));
        QVERIFY(p[7].values == e.weights(2));
        QVERIFY(p[8].values == Matrix(e.headOutput(2)));
        QVERIFY(p[9].values == e.concat());
        QVERIFY(p[10].values == e.output());
        QVERIFY(!p[7].isSigned);
        QVERIFY(p[4].isSigned);
        QCOMPARE(p[2].shape(), QStringLiteral("16×11"));
    }

    void stepModeRevealsStagesInOrder()
    {
        AttentionController c;
        PipelineView view(&c);
        view.resize(1200, 800);
        view.show();
        QVERIFY(!view.stepMode());
        QCOMPARE(view.revealedStep(), kPipelineSteps - 1);
        // → starts step mode on the first stage.
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(view.stepMode());
        QSet<QString> captions;
        for (int step = 0; step < kPipelineSteps; ++step) {
            QCOMPARE(view.revealedStep(), step);
            for (int s = 0; s < kPipelineSteps; ++s)
                QCOMPARE(view.isStepVisible(static_cast<PipelineStep>(s)), s <= step);
            const QString caption = view.captionText();
            QVERIFY(caption.contains(PipelineModel::stepName(static_cast<PipelineStep>(step))));
            QVERIFY(caption.contains(PipelineModel::caption(static_cast<PipelineStep>(step))));
            captions.insert(caption);
            // Hovering a hidden stage shows nothing.
            if (step < kPipelineSteps - 1) {
                view.hoverCell(10, 0, 0);
                QVERIFY(view.highlighted().empty());
            }
            QTest::keyClick(&view, Qt::Key_Right);
        }
        QCOMPARE(view.revealedStep(), kPipelineSteps - 1); // stays on the last stage
        QCOMPARE(captions.size(), kPipelineSteps);         // one sentence per stage
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.revealedStep(), kPipelineSteps - 2);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.revealedStep(), 0);
        QTest::keyClick(&view, Qt::Key_End);
        QVERIFY(!view.stepMode());
    }

    void hoverOutlinesTheSources()
    {
        AttentionController c;
        PipelineView view(&c);
        const int d = c.engine().dModel();
        const int dk = c.engine().dHead();
        const int l = c.engine().queryLength();
        view.hoverCell(4, 2, 3); // S[2,3] = q_2 · k_3
        QVERIFY(contains(view.highlighted(), 1, QRect(0, 2, dk, 1)));
        QVERIFY(contains(view.highlighted(), 2, QRect(3, 0, 1, dk)));
        view.hoverCell(7, 5, 1); // softmax normalises the masked row
        QVERIFY(contains(view.highlighted(), 6, QRect(0, 5, l, 1)));
        view.hoverCell(2, 4, 6); // Kᵀ column 6 comes from X row 6
        QVERIFY(contains(view.highlighted(), 0, QRect(0, 6, d, 1)));
        view.hoverCell(8, 3, 2); // (A V)[3,2]: row 3 of A, column 2 of V
        QVERIFY(contains(view.highlighted(), 7, QRect(0, 3, l, 1)));
        QVERIFY(contains(view.highlighted(), 3, QRect(2, 0, 1, l)));
        view.hoverCell(9, 1, 1); // head 1's block of the concatenation
        QVERIFY(contains(view.highlighted(), 8, QRect(1, 1, 1, 1)));
        view.hoverCell(9, 1, dk + 1); // another head's block: not shown
        QVERIFY(view.highlighted().empty());
        view.hoverCell(-1, -1, -1);
        QVERIFY(view.highlighted().empty());
    }

    void mouseHover()
    {
        AttentionController c;
        PipelineView view(&c);
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const HeatmapLayout l = view.panelLayout(4);
        QVERIFY(l.cell > 0);
        QTest::mouseMove(&view, l.cellRect(3, 1).center().toPoint());
        QTRY_VERIFY(contains(view.highlighted(), 1, QRect(0, 3, c.engine().dHead(), 1)));
        QVERIFY(view.captionText().contains(QStringLiteral("[3, 1]")));
        const QImage shot = view.grab().toImage();
        QCOMPARE(shot.size(), view.size() * shot.devicePixelRatio());
    }

    void longSequencePanelsAreScreenSized()
    {
        // Issue 6: at L = 2048 an L×L panel holds 4M cells; its image has the panel's on-screen
        // size (level of detail), not one pixel per cell.
        AttentionController c;
        QStringList words;
        for (int i = 0; i < 2048; ++i)
            words << QStringLiteral("w%1").arg(i);
        c.setText(words.join(QLatin1Char(' ')));
        QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 60000);
        QCOMPARE(c.engine().queryLength(), 2048);
        QElapsedTimer timer;
        timer.start();
        PipelineView view(&c);
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.repaint();
        const double firstMs = timer.nsecsElapsed() / 1e6;
        const double dpr = view.devicePixelRatioF();
        auto checkSizes = [&](qint64* bytes) {
            *bytes = 0;
            for (int i = 0; i < 11; ++i) {
                const QImage& image = view.panelImage(i);
                const QSize grid = (view.panelLayout(i).grid.size() * dpr).toSize();
                QVERIFY(!image.isNull());
                QVERIFY(std::abs(image.width() - grid.width()) <= 1);
                QVERIFY(std::abs(image.height() - grid.height()) <= 1);
                QVERIFY(image.width() <= view.width() * dpr);
                QVERIFY(image.height() <= view.height() * dpr);
                *bytes += image.sizeInBytes();
            }
        };
        qint64 bytes = 0;
        checkSizes(&bytes);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(view.panelImage(7).width() < 2048); // an L×L panel
        // The masked corner of the causal softmax panel has the marker colour.
        const QImage& weights = view.panelImage(7);
        QCOMPARE(weights.pixel(weights.width() - 1, 0),
                 ColorMap::byName(c.state().colorMap).maskedFill().rgb());
        // Many cells per pixel: max and mean pooling give different pictures.
        const QImage maxPooled = view.panelImage(7);
        view.setPooling(Pooling::Mean);
        QVERIFY(view.panelImage(7) != maxPooled);
        // The images follow the layout, rendered in the background.
        view.resize(900, 600);
        view.repaint();
        QVERIFY(view.isRendering());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isRendering(), 20000);
        qint64 smaller = 0;
        checkSizes(&smaller);
        QVERIFY(smaller < bytes);
        timer.restart();
        view.hoverCell(7, 100, 50);
        view.repaint();
        qInfo("pipeline at L=2048: panels and first paint %.0f ms, hover repaint %.1f ms, images "
              "%lld KiB "
              "(one pixel per cell: %lld KiB)",
              firstMs, timer.nsecsElapsed() / 1e6, bytes / 1024,
              qint64(4) * 4 * 2048 * 2048 / 1024 + qint64(3) * 4 * 64 * 2048 / 1024);
    }

    void poolingFollowsTheHeadGrid()
    {
        MainWindow window;
        PipelineView* view = window.classroom()->pipeline()->view();
        window.heads()->setPooling(Pooling::Mean);
        QCOMPARE(view->pooling(), Pooling::Mean);
        window.heads()->setPooling(Pooling::Max);
        QCOMPARE(view->pooling(), Pooling::Max);
    }

    void followsTheController()
    {
        AttentionController c;
        PipelineView view(&c);
        c.setText(QStringLiteral("a b c"));
        QCOMPARE(view.panels()[7].values.rows(), 3);
        c.toggleCell(0, 2, 0);
        QVERIFY(view.panels()[7].values == c.engine().weights(0));
        c.setHeads(8);
        view.setHead(7);
        QCOMPARE(view.panels()[1].values.cols(), 8);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestPipeline)
#include "tst_pipeline.moc"
