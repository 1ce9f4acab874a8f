#pragma once

// Runs the built attnviz binary (ATTNVIZ_BIN) as users do: no display, no Qt environment.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct CliRun {
    int code = -1; // -1: crashed or timed out
    QString err;
};

inline CliRun runCommand(const QString& command, const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(v));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ATTNVIZ_BIN), QStringList{command} + args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromLocal8Bit(p.readAllStandardError())};
}
