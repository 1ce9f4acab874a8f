#include "gui_main.h"

#include "classroom_options.h"
#include "common/isa.h"
#include "common/parallel.h"
#include "subcommands.h"
#include "ui/actions/import_actions.h"
#include "ui/actions/session_actions.h"
#include "ui/io/autosave.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/autosave_prompt.h"
#include "ui/shell/main_window.h"
#include "ui/views/heads/head_grid.h"
#include "ui/views/heads/heatmap_widget.h"
#include "ui/views/pipeline/pipeline_images.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QImageWriter>
#include <QPixmap>
#include <QTextStream>
#include <QThread>
#include <cstdio>
#include <cstring>
#include <limits>

namespace {

void waitUntilIdle(attnviz::ui::AttentionController* controller)
{
    QElapsedTimer timer;
    timer.start();
    while (controller->isBusy() && timer.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

// --screenshot, --help and --version need no screen: without one they render offscreen rather
// than fail to find a display.
bool needsNoScreen(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char* option : {"--screenshot", "--help", "-h", "--version", "-v"})
            if (std::strcmp(argv[i], option) == 0)
                return true;
    return false;
}

} // namespace

int runGui(int argc, char** argv)
{
    if (!hasDisplay() && needsNoScreen(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Read before QApplication, which takes "-session" for itself (X11 session management).
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AttnViz"));
    QApplication::setOrganizationName(QStringLiteral("AttnViz"));
    // --version names the kernels' instruction-set path, which depends on the CPU.
    QApplication::setApplicationVersion(
        QStringLiteral(ATTNVIZ_VERSION_STRING " (kernels: %1, %2 threads)")
            .arg(QString::fromLatin1(attnviz::isaName(attnviz::activeIsa())))
            .arg(attnviz::threadCount()));
    QApplication::setApplicationDisplayName(QStringLiteral("AttnViz"));
    // Ties the windows to the installed desktop entry (Wayland's app id) and its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(ATTNVIZ_APP_ID));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(ATTNVIZ_APP_ID)));
    ClassroomOptions::prepare(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Multi-head attention, every stage visible.") +
        QStringLiteral("\n\n") + QString::fromUtf8(subcommandList()).trimmed());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the main window to a PNG file and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption session(QStringLiteral("session"),
                                     QApplication::translate("main", "Open a session file."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tokens(QStringLiteral("tokens"),
                                    QApplication::translate("main", "Start with this text."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption heads(QStringLiteral("heads"),
                                   QApplication::translate("main", "Number of heads."),
                                   QStringLiteral("H"));
    const QCommandLineOption focusHead(
        QStringLiteral("focus-head"),
        QApplication::translate("main", "Start in the focus view of head N (1-based)."),
        QStringLiteral("N"));
    parser.addOptions({screenshot, session, tokens, heads, focusHead});
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QApplication::translate("main", "A session (.json) or attention tensor (.npy) to open."),
        QStringLiteral("[file]"));
    const ClassroomOptions classroom;
    classroom.add(parser);
    parser.process(arguments);

    QTextStream err(stderr);

    attnviz::ui::MainWindow window;
    auto* controller = window.controller();
    QString fileToOpen = parser.isSet(session) ? parser.value(session) : QString();
    if (fileToOpen.isEmpty() && !parser.positionalArguments().isEmpty())
        fileToOpen = parser.positionalArguments().constFirst();
    if (!fileToOpen.isEmpty()) {
        // A broken or foreign file is an error of the command line: exit 2 with the reason.
        auto* imports = window.files()->imports();
        QString error;
        const auto connection = QObject::connect(imports, &attnviz::ui::ImportActions::finished,
                                                 [&error](const QString& e) { error = e; });
        error = window.files()->openFile(fileToOpen, false);
        while (error.isEmpty() && imports->isBusy())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents,
                                            50);
        QObject::disconnect(connection);
        if (!error.isEmpty()) {
            err << "attnviz: " << error << Qt::endl;
            return 2;
        }
        waitUntilIdle(controller);
    }
    if (parser.isSet(tokens))
        controller->setText(parser.value(tokens));
    if (parser.isSet(heads)) {
        bool ok = false;
        const int h = parser.value(heads).toInt(&ok);
        if (!ok || h <= 0) {
            err << "attnviz: --heads needs a positive number" << Qt::endl;
            return 2;
        }
        controller->setHeads(h);
    }
    if (parser.isSet(screenshot)) {
        // The picture is grabbed once: render the heatmaps and pipeline panels in the paints,
        // not in the background.
        attnviz::ui::HeatmapWidget::setAsyncRenderCost(std::numeric_limits<double>::infinity());
        attnviz::ui::PipelineImages::setAsyncRenderCost(std::numeric_limits<double>::infinity());
    }
    window.show();
    waitUntilIdle(controller);
    if (parser.isSet(focusHead)) {
        bool ok = false;
        const int n = parser.value(focusHead).toInt(&ok);
        if (!ok || n < 1 || n > window.heads()->headCount()) {
            err << "attnviz: --focus-head must be between 1 and " << window.heads()->headCount()
                << Qt::endl;
            return 2;
        }
        window.heads()->focusHead(n - 1);
    }
    if (const int rc = classroom.apply(parser, window); rc >= 0)
        return rc;

    if (parser.isSet(screenshot)) {
        waitUntilIdle(controller);
        const QString file = parser.value(screenshot);
        const QPixmap pixmap = window.grab();
        QImageWriter writer(file, "png");
        if (!writer.write(pixmap.toImage())) {
            err << "attnviz: cannot write screenshot " << file << ": " << writer.errorString()
                << Qt::endl;
            return 1;
        }
        return 0;
    }
    // Interactive runs autosave the session (2 s after a change) and, when the previous run did
    // not exit cleanly, offer to restore what it was doing.
    attnviz::ui::Autosave autosave(controller);
    window.files()->keepImportsIn(&autosave);
    if (autosave.start() && !parser.isSet(session) && !parser.isSet(tokens) &&
        parser.positionalArguments().isEmpty())
        attnviz::ui::offerRestore(autosave, &window);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &autosave,
                     &attnviz::ui::Autosave::markCleanExit);
    return app.exec();
}
