#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace attnviz::ui {
class MainWindow;
}

// The classroom command-line options (issue 5): --lang, --theme, --presentation, --pipeline,
// --teaching, --step, --lesson, --lesson-step. Kept out of gui_main so that it stays short.
class ClassroomOptions {
public:
    // Before the window exists: the saved (or --theme) theme and the language (--lang or the
    // system locale). Reads argv itself because translations must be in place before the
    // parser's own texts are made.
    static void prepare(int argc, char** argv);

    ClassroomOptions();
    void add(QCommandLineParser& parser) const;
    // After the window is shown. Returns an exit code (2: bad option) or -1 to carry on.
    int apply(const QCommandLineParser& parser, attnviz::ui::MainWindow& window) const;

private:
    QCommandLineOption m_lang;
    QCommandLineOption m_theme;
    QCommandLineOption m_presentation;
    QCommandLineOption m_pipeline;
    QCommandLineOption m_teaching;
    QCommandLineOption m_step;
    QCommandLineOption m_lesson;
    QCommandLineOption m_lessonStep;
};
