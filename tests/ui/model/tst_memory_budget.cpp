// Issue 6: a recompute that fits the memory budget alone but not next to the result on screen
// releases that result first. The views keep their last picture and disable what needs the
// numbers until the new result arrives (or show why it did not); a request that cannot fit even
// alone is refused and the old result stays.
#include "long_sequence.h"
#include "shown_window.h"
#include "ui/model/attention_controller.h"
#include "ui/model/selection_model.h"
#include "ui/shell/main_window.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/heads/heatmap_widget.h"
#include "ui/views/heads/row_inspector.h"
#include "ui/views/pipeline/pipeline_view.h"
#include "ui_test_main.h"

#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <stdexcept>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

void throwRuntime(const ComputeRequest&)
{
    throw std::runtime_error("injected failure");
}

// A budget that holds the next result but not the next and the shown one together.
quint64 tightBudget(const AttentionController& c)
{
    const int length = c.engine().queryLength();
    return c.estimatedMemory(length) + c.shownMemory() / 2;
}

bool showsText(QWidget* w, const QString& text)
{
    for (const QLabel* label : w->findChildren<QLabel*>())
        if (label->text() == text)
            return true;
    return false;
}

QAction* actionWithShortcut(QWidget* w, const QKeySequence& key)
{
    for (QAction* a : w->findChildren<QAction*>())
        if (a->shortcut() == key)
            return a;
    return nullptr;
}

} // namespace

class TestMemoryBudget : public ShownWindowTest {
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(showWindow());
        c()->setAsyncThreshold(AttentionController::kAlwaysAsync);
        QVERIFY(heatmap(1)->ensureImage());
        QVERIFY(!heatmap(1)->cellImage().isNull());
    }
    void cleanup()
    {
        setComputeFaultHookForTesting(nullptr);
        m_window.reset();
    }

    void recomputeReleasesShownResultWhenBothDoNotFit()
    {
        const Matrix before = c()->engine().weights(1);
        const QImage picture = heatmap(1)->cellImage();
        const QRgb shown = heatmap(1)->shownColor(8, 3);
        QVERIFY(shown != 0);
        c()->setMemoryBudget(tightBudget(*c()));
        QVERIFY(c()->budgetRefusal(c()->engine().queryLength()).isEmpty());
        QSignalSpy released(c(), &AttentionController::resultReleased);
        QSignalSpy results(c(), &AttentionController::resultChanged);
        m_window->selection()->setCursor(1, 8, 3);

        c()->setSeed(c()->state().seed + 1);

        // Accepted: the shown engine is gone while the worker computes the new one.
        QVERIFY(c()->isBusy());
        QCOMPARE(released.size(), 1);
        QVERIFY(c()->isReleased());
        QVERIFY(!c()->hasResult());
        QCOMPARE(c()->shownMemory(), quint64(0));
        QVERIFY(c()->error().isEmpty());
        // The last picture stays on screen, drawn from the kept image.
        QCOMPARE(heatmap(1)->cellImage(), picture);
        QCOMPARE(heatmap(1)->shownColor(8, 3), shown);
        m_window->repaint();
        QVERIFY(heatmap(1)->currentLayout().rows == before.rows());
        // What needs the numbers is off, and says so.
        QVERIFY(!c()->canEditMask());
        c()->toggleCell(1, 8, 3);
        QVERIFY(c()->state().mask.allowed(1, 8, 3));
        QTest::mouseClick(heatmap(1), Qt::LeftButton, {}, heatmap(1)->cellCenter(8, 3));
        QVERIFY(c()->state().mask.allowed(1, 8, 3));
        QVERIFY(c()->cellToolTip(1, 8, 3).contains(QStringLiteral("Computing")));
        QVERIFY(m_window->inspector()->shownWeights().empty());
        QVERIFY(showsText(m_window->inspector(), c()->releasedNote()));
        m_window->selection()->setHover(1, 4, 2);
        QVERIFY(m_window->inspector()->shownWeights().empty());
        QAction* exportImage =
            actionWithShortcut(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QVERIFY(exportImage);
        QVERIFY(!exportImage->isEnabled());

        // The new result arrives and everything comes back.
        QTRY_VERIFY_WITH_TIMEOUT(!c()->isBusy(), 10000);
        QCOMPARE(results.size(), 1);
        QVERIFY(!c()->isReleased());
        QVERIFY(c()->hasResult());
        QVERIFY(c()->error().isEmpty());
        QVERIFY(c()->engine().weights(1) != before);
        QVERIFY(c()->canEditMask());
        QVERIFY(!m_window->inspector()->shownWeights().empty());
        QVERIFY(exportImage->isEnabled());
        QVERIFY(c()->cellToolTip(1, 8, 3).contains(QStringLiteral("Head 2")));
        QVERIFY(heatmap(1)->ensureImage());
        QVERIFY(heatmap(1)->cellImage() != picture);
    }

    void requestAboveBudgetAloneIsRefused()
    {
        const Matrix before = c()->engine().weights(1);
        const int length = c()->engine().queryLength();
        c()->setMemoryBudget(c()->estimatedMemory(length) - 1);
        QSignalSpy released(c(), &AttentionController::resultReleased);
        c()->setSeed(c()->state().seed + 1);
        QVERIFY(!c()->isBusy());
        QVERIFY(released.isEmpty());
        QVERIFY(!c()->isReleased());
        QVERIFY(c()->error().contains(QStringLiteral("memory budget")));
        QVERIFY(c()->hasResult());
        QVERIFY(c()->engine().weights(1) == before);
        QVERIFY(c()->canEditMask());
    }

    void bothFitNothingIsReleased()
    {
        const int length = c()->engine().queryLength();
        c()->setMemoryBudget(c()->estimatedMemory(length) + c()->shownMemory());
        QSignalSpy released(c(), &AttentionController::resultReleased);
        c()->setSeed(c()->state().seed + 1);
        QVERIFY(c()->isBusy());
        QVERIFY(released.isEmpty());
        QVERIFY(c()->hasResult()); // the old result stays interactive while the job runs
        QTRY_VERIFY_WITH_TIMEOUT(!c()->isBusy(), 10000);
        QVERIFY(c()->error().isEmpty());
    }

    void failedRecomputeAfterReleaseKeepsPicture()
    {
        const QImage picture = heatmap(1)->cellImage();
        c()->setMemoryBudget(tightBudget(*c()));
        setComputeFaultHookForTesting(&throwRuntime);
        c()->setSeed(c()->state().seed + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!c()->isBusy(), 10000);
        setComputeFaultHookForTesting(nullptr);
        QVERIFY(c()->error().contains(QStringLiteral("injected failure")));
        QVERIFY(c()->isReleased());
        QVERIFY(!c()->hasResult());
        QCOMPARE(heatmap(1)->cellImage(), picture);
        m_window->repaint();
        QVERIFY(c()->cellToolTip(1, 2, 1).contains(QStringLiteral("failed")));
        QVERIFY(showsText(m_window->inspector(), c()->releasedNote()));
        QVERIFY(!c()->canEditMask());
        // The next change computes again (nothing on screen to release).
        c()->setSeed(c()->state().seed + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!c()->isBusy(), 10000);
        QVERIFY(c()->error().isEmpty());
        QVERIFY(c()->hasResult());
        QVERIFY(!c()->isReleased());
    }

    void undoWhileReleasedRecomputesWithTheMask()
    {
        c()->toggleCell(2, 6, 1);
        QVERIFY(!c()->engine().mask().allowed(2, 6, 1));
        c()->setMemoryBudget(tightBudget(*c()));
        c()->setTemperature(0.5);
        QVERIFY(c()->isReleased());
        c()->undoStack()->undo(); // the cell edit: the job starts again with the mask undone
        QVERIFY(c()->state().mask.allowed(2, 6, 1));
        QTRY_VERIFY_WITH_TIMEOUT(!c()->isBusy(), 10000);
        QVERIFY(c()->hasResult());
        QVERIFY(c()->engine().mask().allowed(2, 6, 1));
        QVERIFY(c()->engine().mask() == c()->state().mask);
        QCOMPARE(c()->engine().options().temperature, 0.5f);
    }

    void memoryBudgetRefuses()
    {
        AttentionController c;
        const Matrix before = c.engine().weights(0);
        const int maskRows = c.state().mask.rows();
        c.setMemoryBudget(64ull << 20);
        QSignalSpy errors(&c, &AttentionController::errorChanged);
        c.setHeads(16);
        c.setText(numberedWords(4096));
        QVERIFY(!c.isBusy());
        QVERIFY(c.error().contains(QStringLiteral("4096 tokens")));
        QVERIFY(c.error().contains(QStringLiteral("memory budget of 64.0 MiB")));
        QVERIFY(c.error().contains(QStringLiteral("Memory budget…")));
        QVERIFY(c.error().contains(QStringLiteral("GiB"))); // the estimate, about 1.1 GiB
        QVERIFY(!errors.isEmpty());
        // The last good result stays; not even the 16 MiB mask was allocated.
        QCOMPARE(c.engine().queryLength(), 11);
        QVERIFY(c.engine().weights(0) == before);
        QCOMPARE(c.state().mask.rows(), maskRows);
        QVERIFY(c.estimatedMemory(4096) > (1ull << 30));
        // Raising the budget lets the same request through.
        c.setMemoryBudget(4ull << 30);
        QVERIFY(c.budgetRefusal(4096).isEmpty());
    }

    void pipelineKeepsItsPanels()
    {
        PipelineView view(c());
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(static_cast<int>(view.panels().size()), 11);
        c()->setMemoryBudget(tightBudget(*c()));
        c()->setSeed(c()->state().seed + 1);
        QVERIFY(c()->isReleased());
        QCOMPARE(static_cast<int>(view.panels().size()), 11);
        view.hoverCell(4, 2, 3);
        QVERIFY(view.highlighted().empty());
        QCOMPARE(view.captionText(), c()->releasedNote());
        view.repaint();
        QTRY_VERIFY_WITH_TIMEOUT(!c()->isBusy(), 10000);
        QVERIFY(view.panels()[7].values == c()->engine().weights(0));
    }
};

ATTNVIZ_UI_TEST_MAIN(TestMemoryBudget)
#include "tst_memory_budget.moc"
