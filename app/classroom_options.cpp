#include "classroom_options.h"

#include "ui/lessons/lesson_player.h"
#include "ui/shell/classroom.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui/shell/presentation_mode.h"
#include "ui/shell/theme.h"
#include "ui/views/pipeline/pipeline_page.h"
#include "ui/views/pipeline/pipeline_view.h"

#include <QApplication>
#include <QTextStream>
#include <cstring>

namespace {

QString argValue(int argc, char** argv, const char* name)
{
    const std::size_t n = std::strlen(name);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0 && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (std::strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
            return QString::fromLocal8Bit(argv[i] + n + 1);
    }
    return {};
}

} // namespace

void ClassroomOptions::prepare(int argc, char** argv)
{
    using namespace attnviz::ui;
    const QString theme = argValue(argc, argv, "--theme");
    ThemeManager::apply(theme.isEmpty() ? ThemeManager::saved() : ThemeManager::fromName(theme));
    installLanguage(argValue(argc, argv, "--lang"));
}

ClassroomOptions::ClassroomOptions()
    : m_lang(QStringLiteral("lang"),
             QApplication::translate("main", "User interface language: zh_CN or en (default: "
                                             "the system's)."),
             QStringLiteral("LANG"))
    , m_theme(QStringLiteral("theme"), QApplication::translate("main", "Theme: light or dark."),
              QStringLiteral("NAME"))
    , m_presentation(QStringLiteral("presentation"),
                     QApplication::translate("main", "Start in presentation mode (full screen)."))
    , m_pipeline(QStringLiteral("pipeline"),
                 QApplication::translate("main", "Start on the pipeline view."))
    , m_teaching(QStringLiteral("teaching"),
                 QApplication::translate("main", "Start on the teaching toggles."))
    , m_step(QStringLiteral("step"),
             QApplication::translate("main", "Pipeline step mode, revealed up to step N (1-9)."),
             QStringLiteral("N"))
    , m_lesson(QStringLiteral("lesson"),
               QApplication::translate("main", "Open a lesson: a file, or the number of a shipped "
                                               "lesson (1-based)."),
               QStringLiteral("FILE|N"))
    , m_lessonStep(QStringLiteral("lesson-step"),
                   QApplication::translate("main", "Go to step N of the lesson (1-based)."),
                   QStringLiteral("N"))
{
}

void ClassroomOptions::add(QCommandLineParser& parser) const
{
    parser.addOptions(
        {m_lang, m_theme, m_presentation, m_pipeline, m_teaching, m_step, m_lesson, m_lessonStep});
}

int ClassroomOptions::apply(const QCommandLineParser& parser, attnviz::ui::MainWindow& window) const
{
    using namespace attnviz::ui;
    QTextStream err(stderr);
    Classroom* classroom = window.classroom();
    if (parser.isSet(m_lesson)) {
        QString path = parser.value(m_lesson);
        bool isNumber = false;
        const int n = path.toInt(&isNumber);
        const QStringList shipped = LessonPlayer::shippedLessons();
        if (isNumber && n >= 1 && n <= shipped.size())
            path = shipped.at(n - 1);
        if (!classroom->openLesson(path, true)) {
            err << "attnviz: --lesson: cannot open " << path << Qt::endl;
            return 2;
        }
        if (parser.isSet(m_lessonStep)) {
            const int step = parser.value(m_lessonStep).toInt();
            if (step < 1 || step > classroom->lessons()->count()) {
                err << "attnviz: --lesson-step must be between 1 and "
                    << classroom->lessons()->count() << Qt::endl;
                return 2;
            }
            classroom->lessons()->goTo(step - 1);
        }
    }
    if (parser.isSet(m_pipeline) || parser.isSet(m_step))
        classroom->showTab(Classroom::PipelineTab);
    if (parser.isSet(m_teaching))
        classroom->showTab(Classroom::TeachingTab);
    if (parser.isSet(m_step)) {
        const int step = parser.value(m_step).toInt();
        if (step < 1 || step > attnviz::ui::kPipelineSteps) {
            err << "attnviz: --step must be between 1 and " << attnviz::ui::kPipelineSteps
                << Qt::endl;
            return 2;
        }
        classroom->pipeline()->view()->setStepMode(true);
        classroom->pipeline()->view()->setRevealedStep(step - 1);
    }
    if (parser.isSet(m_presentation))
        classroom->presentation()->enter();
    return -1;
}
