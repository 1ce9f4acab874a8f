#pragma once

// Helpers shared by the long-sequence tests and the UI latency benchmark.

#include <QFile>
#include <QStringList>

// "w0 w1 … w(n−1)": a text of n distinct one-word tokens.
inline QString numberedWords(int n)
{
    QStringList words;
    for (int i = 0; i < n; ++i)
        words << QStringLiteral("w%1").arg(i);
    return words.join(QLatin1Char(' '));
}

// A line of /proc/self/status in MiB: "VmRSS:" (resident now), "VmHWM:" (peak); -1 if absent.
inline double procStatusMiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}
