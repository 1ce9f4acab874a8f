#pragma once

#include <QMainWindow>

class QAction;
class QLabel;

namespace attnviz::ui {

class AttentionController;
class Classroom;
class ColorBar;
class ControlPanel;
class HeadGrid;
class RowInspector;
class SessionActions;
class SelectionModel;

// Controls on the left, the heads (grid or focus) with the colour legend in the centre, the row
// inspector on the right; Edit menu with undo/redo; geometry and colour map kept in QSettings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    AttentionController* controller() const { return m_controller; }
    SelectionModel* selection() const { return m_selection; }
    ControlPanel* controls() const { return m_controls; }
    HeadGrid* heads() const { return m_heads; }
    RowInspector* inspector() const { return m_inspector; }
    Classroom* classroom() const { return m_classroom; }
    SessionActions* files() const { return m_files; }
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void restoreSettings();
    void saveSettings() const;
    void showShortcuts();

    AttentionController* m_controller;
    SelectionModel* m_selection;
    ControlPanel* m_controls;
    HeadGrid* m_heads;
    ColorBar* m_colorBar;
    RowInspector* m_inspector;
    Classroom* m_classroom = nullptr;
    SessionActions* m_files = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QLabel* m_busy;
    QLabel* m_position;
};

} // namespace attnviz::ui
