#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QMenuBar;
class QTabWidget;
class QWidget;

namespace attnviz::ui {

class AttentionController;
class HeadGrid;
class LessonBar;
class LessonPlayer;
class PipelinePage;
class PresentationMode;
class TeachingPage;

// Classroom mode, wired into the main window: the Heads / Pipeline / Teaching tabs, presentation
// mode (F5, Esc), themes, and lessons (Page Up / Page Down). Keeps main_window small.
class Classroom : public QObject {
    Q_OBJECT
public:
    enum Tab { HeadsTab, PipelineTab, TeachingTab };

    Classroom(QMainWindow* window, AttentionController* controller, HeadGrid* heads);

    // The central widget: the lesson banner above the tabs, `headsPage` as the first tab.
    QWidget* createCentralWidget(QWidget* headsPage);
    // View ▸ (pipeline, teaching, presentation, theme) and the Lessons menu.
    void createMenus(QMenuBar* menuBar, QMenu* viewMenu);

    QTabWidget* tabs() const { return m_tabs; }
    PipelinePage* pipeline() const { return m_pipeline; }
    TeachingPage* teaching() const { return m_teaching; }
    PresentationMode* presentation() const { return m_presentation; }
    LessonPlayer* lessons() const { return m_lessons; }
    LessonBar* lessonBar() const { return m_lessonBar; }
    QAction* presentationAction() const { return m_presentationAction; }

public slots:
    void showTab(int tab);
    void openLessonFile();
    // Opens a lesson (a file or a ":/lessons/…" resource); false with a message box on failure.
    bool openLesson(const QString& path, bool quiet = false);

private:
    void applyLessonStep(int index);

    QMainWindow* m_window;
    AttentionController* m_controller;
    HeadGrid* m_heads;
    QTabWidget* m_tabs = nullptr;
    PipelinePage* m_pipeline = nullptr;
    TeachingPage* m_teaching = nullptr;
    PresentationMode* m_presentation;
    LessonPlayer* m_lessons;
    LessonBar* m_lessonBar = nullptr;
    QAction* m_presentationAction = nullptr;
};

} // namespace attnviz::ui
