#include "threads_option.h"

#include "common/parallel.h"

QCommandLineOption threadsOption()
{
    return {QStringLiteral("threads"),
            QStringLiteral("Threads to compute on (default: ATTNVIZ_THREADS, else every core)."),
            QStringLiteral("N")};
}

QString applyThreadsOption(const QCommandLineParser& parser)
{
    const QString name = QStringLiteral("threads");
    if (!parser.isSet(name))
        return {};
    bool ok = false;
    const int threads = parser.value(name).toInt(&ok);
    if (!ok || threads < 1 || threads > 256)
        return QStringLiteral("--threads must be a whole number from 1 to 256, got '%1'")
            .arg(parser.value(name));
    attnviz::setThreadCount(threads);
    return {};
}
