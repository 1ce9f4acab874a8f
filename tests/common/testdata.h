#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

// The shared real models and tokenizer files (../shared/testdata beside the checkout, see its
// README). They are never copied into the repository: a suite that needs them skips with the path
// it looked in when they are absent.
inline QString testdataPath(const QString& relative)
{
    return QDir(QStringLiteral(ATTNVIZ_TESTDATA_DIR)).filePath(relative);
}

// Skips the current test function unless `relative` exists under the test data folder.
#define ATTNVIZ_REQUIRE_TESTDATA(relative)                                                         \
    do {                                                                                           \
        if (!QFileInfo::exists(testdataPath(relative)))                                            \
            QSKIP(qPrintable(QStringLiteral("test data not found: ") + testdataPath(relative)));   \
    } while (false)
