#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

// --threads N of the headless commands: the thread pool's size (core/common/parallel.h).
QCommandLineOption threadsOption();

// Sets the pool's size if --threads is given. Returns the error when N is not a whole number
// from 1 to 256, else an empty string.
QString applyThreadsOption(const QCommandLineParser& parser);
