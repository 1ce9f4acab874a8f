// The main window driven like a user: clicks, drags, Shift, the keyboard, the row inspector and
// undo/redo through the Edit menu actions.
#include "shown_window.h"
#include "ui/model/attention_controller.h"
#include "ui/model/selection_model.h"
#include "ui/shell/main_window.h"
#include "ui/views/controls/control_panel.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/heads/heatmap_widget.h"
#include "ui/views/heads/row_inspector.h"
#include "ui_test_main.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QThreadPool>
#include <QUndoStack>
#include <memory>

using namespace attnviz;
using namespace attnviz::ui;

class TestHeatmapInteraction : public ShownWindowTest {
    Q_OBJECT
private slots:
    void init() { QVERIFY(showWindow()); }
    void cleanup() { m_window.reset(); }

    // Defect 5: HeadGrid::rebuild deletes the heatmaps while their renders run on the pool. A
    // render must not touch its widget from the worker (it did, through a QPointer: asan and
    // tsan report it); the widgets that remain still get theirs.
    void rebuildWhileRendering()
    {
        HeatmapWidget::setAsyncRenderCost(0.0); // every render goes to the pool
        for (int i = 0; i < 24; ++i) {
            c()->setHeads(i % 2 ? 4 : 8); // a new head count: every heatmap is replaced
            QCoreApplication::processEvents();
        }
        QThreadPool::globalInstance()->waitForDone();
        for (int h = 0; h < m_window->heads()->headCount(); ++h)
            QTRY_VERIFY(!heatmap(h)->isRendering());
        QTRY_VERIFY(!heatmap(0)->cellImage().isNull());
        HeatmapWidget::setAsyncRenderCost(2.0e6);
    }

    void clickMasksCellAndRenormalises()
    {
        const int head = 1;
        const int row = 5;
        const int col = 2; // causal: visible before the click
        m_window->selection()->setCursor(head, row, 0);
        const std::vector<float> shownBefore = m_window->inspector()->shownWeights();
        QCOMPARE(m_window->inspector()->row(), row);
        const Matrix before = c()->engine().weights(head);
        const Matrix otherHead = c()->engine().weights(0);
        QVERIFY(c()->engine().mask().allowed(head, row, col));
        QVERIFY(before(row, col) > 0.0f);

        QTest::mouseClick(heatmap(head), Qt::LeftButton, {}, heatmap(head)->cellCenter(row, col));

        QVERIFY(!c()->engine().mask().allowed(head, row, col));
        const Matrix after = c()->engine().weights(head);
        QCOMPARE(after(row, col), 0.0f);
        QVERIFY(std::abs(after.row(row).sum() - 1.0f) < 1e-6f);
        for (int j = 0; j <= row; ++j)
            if (j != col)
                QVERIFY(after(row, j) > before(row, j)); // mass moved to the other keys
        QVERIFY(c()->engine().weights(0) == otherHead);  // only this head
        QVERIFY(c()->engine().mask().allowed(0, row, col));
        // The row inspector shows the new weights and the old ones as ghosts.
        QCOMPARE(m_window->inspector()->head(), head);
        QCOMPARE(m_window->inspector()->row(), row);
        QVERIFY(m_window->inspector()->shownWeights() != shownBefore);
        QCOMPARE(m_window->inspector()->shownWeights()[col], 0.0f);
        QVERIFY(m_window->inspector()->ghostWeights() == shownBefore);
        // The cached cell image shows the masked marker colour at that cell.
        QVERIFY(heatmap(head)->ensureImage() && heatmap(0)->ensureImage());
        QVERIFY(heatmap(head)->shownColor(row, col) != heatmap(0)->shownColor(row, col));

        // Undo restores the exact previous weights; redo re-applies.
        QVERIFY(m_window->undoAction()->isEnabled());
        m_window->undoAction()->trigger();
        QVERIFY(c()->engine().mask().allowed(head, row, col));
        QVERIFY(c()->engine().weights(head) == before);
        m_window->redoAction()->trigger();
        QVERIFY(!c()->engine().mask().allowed(head, row, col));
        QVERIFY(c()->engine().weights(head) == after);
    }

    void dragPaintsRectangleAsOneStep()
    {
        c()->setPreset(MaskPreset::None);
        const int head = 2;
        const int undoBefore = c()->undoStack()->count();
        HeatmapWidget* w = heatmap(head);
        QTest::mousePress(w, Qt::LeftButton, {}, w->cellCenter(1, 1));
        QTest::mouseMove(w, w->cellCenter(2, 3));
        QTest::mouseMove(w, w->cellCenter(3, 4));
        QTest::mouseRelease(w, Qt::LeftButton, {}, w->cellCenter(3, 4));
        const int n = c()->engine().queryLength();
        for (int h = 0; h < c()->engine().heads(); ++h)
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    const bool inside = h == head && i >= 1 && i <= 3 && j >= 1 && j <= 4;
                    QCOMPARE(c()->engine().mask().allowed(h, i, j), !inside);
                }
        QCOMPARE(c()->undoStack()->count(), undoBefore + 1);
        // Dragging from a blocked cell erases (wait: a quick second press would be a double click).
        QTest::qWait(QApplication::doubleClickInterval() + 50);
        QTest::mousePress(w, Qt::LeftButton, {}, w->cellCenter(3, 4));
        QTest::mouseMove(w, w->cellCenter(2, 4));
        QTest::mouseRelease(w, Qt::LeftButton, {}, w->cellCenter(2, 4));
        QCOMPARE(c()->undoStack()->count(), undoBefore + 2);
        QVERIFY(c()->engine().mask().allowed(head, 2, 4));
        QVERIFY(c()->engine().mask().allowed(head, 3, 4));
        QVERIFY(!c()->engine().mask().allowed(head, 3, 3));
        c()->undoStack()->undo();
        c()->undoStack()->undo();
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                QVERIFY(c()->engine().mask().allowed(head, i, j));
    }

    void shiftEditsAllHeads()
    {
        HeatmapWidget* w = heatmap(0);
        QTest::mouseClick(w, Qt::LeftButton, Qt::ShiftModifier, w->cellCenter(6, 3));
        for (int h = 0; h < c()->engine().heads(); ++h) {
            QVERIFY(!c()->engine().mask().allowed(h, 6, 3));
            QCOMPARE(c()->engine().weights(h)(6, 3), 0.0f);
        }
        // Shift-drag: a rectangle in every head, one undo step.
        const int undoBefore = c()->undoStack()->count();
        QTest::mousePress(w, Qt::LeftButton, Qt::ShiftModifier, w->cellCenter(8, 0));
        QTest::mouseMove(w, w->cellCenter(9, 1));
        QTest::mouseRelease(w, Qt::LeftButton, Qt::ShiftModifier, w->cellCenter(9, 1));
        for (int h = 0; h < c()->engine().heads(); ++h)
            for (int i = 8; i <= 9; ++i)
                for (int j = 0; j <= 1; ++j)
                    QVERIFY(!c()->engine().mask().allowed(h, i, j));
        QCOMPARE(c()->undoStack()->count(), undoBefore + 1);
    }

    void keyboardPath()
    {
        HeatmapWidget* w = heatmap(1);
        w->setFocus();
        m_window->selection()->setCursor(1, 0, 0);
        QTest::keyClick(w, Qt::Key_Right);
        QTest::keyClick(w, Qt::Key_Down);
        QTest::keyClick(w, Qt::Key_Down);
        QTest::keyClick(w, Qt::Key_Up);
        QTest::keyClick(w, Qt::Key_Down);
        QCOMPARE(m_window->selection()->cursorRow(), 2);
        QCOMPARE(m_window->selection()->cursorCol(), 1);
        QTest::keyClick(w, Qt::Key_Left);
        QTest::keyClick(w, Qt::Key_Left); // clamped at column 0
        QCOMPARE(m_window->selection()->cursorCol(), 0);
        QTest::keyClick(w, Qt::Key_Right);
        QVERIFY(c()->engine().mask().allowed(1, 2, 1));
        QTest::keyClick(w, Qt::Key_Space);
        QVERIFY(!c()->engine().mask().allowed(1, 2, 1));
        QVERIFY(c()->engine().mask().allowed(0, 2, 1));
        QTest::keyClick(w, Qt::Key_Space);
        QVERIFY(c()->engine().mask().allowed(1, 2, 1));

        // Digits focus a head, +/− zoom, Esc returns.
        QTest::keyClick(w, Qt::Key_3);
        QVERIFY(m_window->heads()->isFocused());
        QCOMPARE(m_window->heads()->focusedHead(), 2);
        HeatmapWidget* focus = m_window->heads()->focusHeatmap();
        QCOMPARE(focus->head(), 2);
        const double zoom = m_window->heads()->zoom();
        QTest::keyClick(focus, Qt::Key_Plus);
        QVERIFY(m_window->heads()->zoom() > zoom);
        QTest::keyClick(focus, Qt::Key_Minus);
        QCOMPARE(m_window->heads()->zoom(), zoom);
        QTest::keyClick(focus, Qt::Key_Space); // edits the focused head at the cursor
        QVERIFY(!c()->engine().mask().allowed(2, 2, 1));
        QTest::keyClick(focus, Qt::Key_Escape);
        QVERIFY(!m_window->heads()->isFocused());
    }

    void titleClickOpensFocusView()
    {
        HeatmapWidget* w = heatmap(3);
        QTest::mouseClick(w, Qt::LeftButton, {}, w->titleRect().center());
        QCOMPARE(m_window->heads()->focusedHead(), 3);
        HeatmapWidget* focus = m_window->heads()->focusHeatmap();
        QVERIFY(focus->isVisible());
        QVERIFY(focus->width() > w->width());
        QTest::mouseClick(focus, Qt::LeftButton, {}, focus->cellCenter(4, 4));
        QVERIFY(!c()->engine().mask().allowed(3, 4, 4));
    }

    void contextActionsAndTooltip()
    {
        c()->setRow(0, 3, false);
        for (int j = 0; j < c()->engine().keyLength(); ++j)
            QVERIFY(!c()->engine().mask().allowed(0, 3, j));
        c()->setColumn(Mask::kAllHeads, 0, false);
        for (int h = 0; h < c()->engine().heads(); ++h)
            for (int i = 0; i < c()->engine().queryLength(); ++i)
                QVERIFY(!c()->engine().mask().allowed(h, i, 0));
        const QString tip = c()->cellToolTip(1, 2, 1);
        QVERIFY(tip.contains(QStringLiteral("sat")));
        QVERIFY(tip.contains(QStringLiteral("cat")));
        QVERIFY(tip.contains(QStringLiteral("scaled score")));
        QVERIFY(tip.contains(QStringLiteral("weight")));
    }

    void inspectorRowSumExplainsFullyMaskedRows()
    {
        c()->setRow(0, 4, false);
        m_window->selection()->setCursor(0, 4, 0);
        QVERIFY(m_window->inspector()->rowSumText().contains(QStringLiteral("1.000000")));
        QVERIFY(m_window->inspector()->rowSumText().contains(QStringLiteral("uniform")));
        c()->setFill(MaskFill::NegInf);
        QVERIFY(m_window->inspector()->rowSumText().contains(QStringLiteral("0.000000")));
        QVERIFY(m_window->inspector()->rowSumText().contains(QStringLiteral("zero")));
    }

    void invalidInputShowsMessageAndKeepsPicture()
    {
        const Matrix before = c()->engine().weights(0);
        const QImage image = heatmap(0)->cellImage();
        m_window->controls()->headsSpin()->setValue(6); // 64 % 6 != 0
        QLabel* message = m_window->controls()->messageLabel();
        QVERIFY(message->isVisible());
        QVERIFY(message->text().contains(QStringLiteral("not divisible")));
        QVERIFY(c()->engine().weights(0) == before);
        QCOMPARE(heatmap(0)->cellImage(), image);
        QCOMPARE(m_window->controls()->dModelSpin()->singleStep(), 6);
        m_window->controls()->dModelSpin()->setValue(66);
        QVERIFY(!message->isVisible());
        QCOMPARE(m_window->heads()->headCount(), 6);
    }

    void controlsDriveTheController()
    {
        const Matrix before = c()->engine().weights(0);
        m_window->controls()->seedSpin()->setValue(9);
        QCOMPARE(c()->state().seed, std::uint64_t(9));
        QVERIFY(c()->engine().weights(0) != before);
        m_window->controls()->temperatureSlider()->setValue(100);
        QCOMPARE(c()->engine().options().temperature, 10.0f);
        m_window->controls()->presetCombo()->setCurrentIndex(0); // none
        QVERIFY(c()->state().preset == MaskPreset::None);
        QVERIFY(c()->engine().mask().allowed(0, 0, 5));
        c()->undoStack()->undo(); // the combo follows the undo
        QCOMPARE(m_window->controls()->presetCombo()->currentIndex(), 1);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestHeatmapInteraction)
#include "tst_heatmap_interaction.moc"
