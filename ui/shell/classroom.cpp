#include "classroom.h"

#include "presentation_mode.h"
#include "theme.h"
#include "ui/lessons/lesson_bar.h"
#include "ui/lessons/lesson_player.h"
#include "ui/model/attention_controller.h"
#include "ui/model/pipeline_model.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/pipeline/pipeline_page.h"
#include "ui/views/pipeline/pipeline_view.h"
#include "ui/views/teaching/teaching_compare.h"
#include "ui/views/teaching/teaching_page.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace attnviz::ui {

Classroom::Classroom(QMainWindow* window, AttentionController* controller, HeadGrid* heads)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_heads(heads)
    , m_presentation(new PresentationMode(window))
    , m_lessons(new LessonPlayer(controller, this))
{
    connect(m_lessons, &LessonPlayer::stepApplied, this, &Classroom::applyLessonStep);
}

QWidget* Classroom::createCentralWidget(QWidget* headsPage)
{
    auto* central = new QWidget(m_window);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_lessonBar = new LessonBar(m_lessons, central);
    m_tabs = new QTabWidget(central);
    m_tabs->setDocumentMode(true);
    m_pipeline = new PipelinePage(m_controller, m_tabs);
    // Small cells are pooled as in the head grid (View ▸ Small cells: pooling).
    m_pipeline->view()->setPooling(m_heads->pooling());
    connect(m_heads, &HeadGrid::poolingChanged, m_pipeline->view(), &PipelineView::setPooling);
    m_teaching = new TeachingPage(m_controller, m_tabs);
    m_tabs->addTab(headsPage, tr("Heads"));
    m_tabs->addTab(m_pipeline, tr("Pipeline"));
    m_tabs->addTab(m_teaching, tr("Teaching"));
    layout->addWidget(m_lessonBar);
    layout->addWidget(m_tabs, 1);
    return central;
}

void Classroom::createMenus(QMenuBar* menuBar, QMenu* view)
{
    // Actions are also added to the window itself so that their shortcuts keep working while
    // presentation mode hides the menu bar.
    auto add = [this](QMenu* menu, const QString& text, const QKeySequence& key, auto slot) {
        QAction* a = menu->addAction(text, this, slot);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(a);
        return a;
    };
    view->addSeparator();
    add(view, tr("&Heads"), QKeySequence(Qt::CTRL | Qt::Key_1), [this] { showTab(HeadsTab); });
    add(view, tr("&Pipeline of one head"), QKeySequence(Qt::CTRL | Qt::Key_2),
        [this] { showTab(PipelineTab); });
    add(view, tr("&Teaching toggles"), QKeySequence(Qt::CTRL | Qt::Key_3),
        [this] { showTab(TeachingTab); });
    view->addSeparator();
    m_presentationAction = add(view, tr("&Presentation mode"), QKeySequence(Qt::Key_F5),
                               [this] { m_presentation->toggle(); });
    m_presentationAction->setCheckable(true);
    connect(m_presentation, &PresentationMode::activeChanged, m_presentationAction,
            &QAction::setChecked);
    // Esc leaves presentation mode; it is only bound while presenting so that it keeps its
    // meaning (back to all heads) otherwise.
    auto* leave = new QAction(tr("Leave presentation mode"), m_window);
    leave->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(leave);
    connect(leave, &QAction::triggered, m_presentation, &PresentationMode::leave);
    connect(m_presentation, &PresentationMode::activeChanged, leave, [leave](bool on) {
        leave->setShortcut(on ? QKeySequence(Qt::Key_Escape) : QKeySequence());
    });

    QMenu* theme = view->addMenu(tr("T&heme"));
    auto* themes = new QActionGroup(theme);
    const std::pair<Theme, QString> choices[] = {{Theme::Light, tr("&Light")},
                                                 {Theme::Dark, tr("&Dark")}};
    for (const auto& [t, label] : choices) {
        QAction* a = theme->addAction(label);
        a->setCheckable(true);
        a->setChecked(ThemeManager::current() == t);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [t = t] {
            ThemeManager::apply(t);
            ThemeManager::save(t);
        });
    }

    QMenu* lessons = menuBar->addMenu(tr("&Lessons"));
    for (const QString& path : LessonPlayer::shippedLessons()) {
        const auto lesson = Lesson::load(path, nullptr);
        if (lesson)
            lessons->addAction(Lesson::localized(lesson->title), this,
                               [this, path] { openLesson(path); });
    }
    lessons->addSeparator();
    lessons->addAction(tr("&Open lesson file…"), this, &Classroom::openLessonFile);
    lessons->addSeparator();
    add(lessons, tr("&Next step"), QKeySequence(Qt::Key_PageDown), [this] { m_lessons->next(); });
    add(lessons, tr("&Previous step"), QKeySequence(Qt::Key_PageUp),
        [this] { m_lessons->previous(); });
    lessons->addAction(tr("&End lesson"), m_lessons, &LessonPlayer::stop);
}

void Classroom::showTab(int tab)
{
    if (!m_tabs)
        return;
    m_tabs->setCurrentIndex(tab);
    if (QWidget* page = m_tabs->currentWidget())
        page->setFocus();
}

void Classroom::openLessonFile()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open lesson"), QString(),
                                                      tr("AttnViz lessons (*.json)"));
    if (!path.isEmpty())
        openLesson(path);
}

bool Classroom::openLesson(const QString& path, bool quiet)
{
    QString error;
    const auto lesson = Lesson::load(path, &error);
    if (!lesson) {
        if (!quiet)
            QMessageBox::warning(m_window, tr("Cannot open lesson"), error);
        return false;
    }
    m_lessons->start(*lesson);
    return true;
}

void Classroom::applyLessonStep(int index)
{
    const LessonStep& step = m_lessons->lesson().steps.at(index);
    if (step.view == QLatin1String("heads")) {
        showTab(HeadsTab);
        m_heads->focusHead(step.head);
    } else if (step.view == QLatin1String("teaching")) {
        showTab(TeachingTab);
        m_teaching->headCombo()->setCurrentIndex(step.head);
    } else {
        showTab(PipelineTab);
        PipelineView* view = m_pipeline->view();
        view->setHead(step.head);
        const auto stage = PipelineModel::stepFromKey(step.stage);
        view->setStepMode(stage.has_value());
        if (stage)
            view->setRevealedStep(static_cast<int>(*stage));
    }
}

} // namespace attnviz::ui
