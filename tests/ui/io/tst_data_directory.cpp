#include "ui/io/data_directory.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using attnviz::ui::dataDirectory;

class TestDataDirectory : public QObject {
    Q_OBJECT

private slots:
    // Installed under any prefix, the data is share/attnviz beside bin/ (whether or not
    // anything was installed there).
    void installedBesideBin()
    {
        QTemporaryDir prefix;
        QVERIFY(QDir(prefix.path()).mkpath(QStringLiteral("bin")));
        QCOMPARE(dataDirectory(prefix.filePath(QStringLiteral("bin"))),
                 prefix.filePath(QStringLiteral("share/attnviz")));
    }

    // A binary of the build tree (this test's) reads the source tree's resources/.
    void buildTreeReadsTheSources()
    {
        const QString dir = dataDirectory();
        QVERIFY2(QFileInfo::exists(dir + QStringLiteral("/lessons/01_causal_masking.json")),
                 qPrintable(dir));
        QCOMPARE(dataDirectory(QCoreApplication::applicationDirPath() + QStringLiteral("/..")),
                 dir);
    }
};

QTEST_GUILESS_MAIN(TestDataDirectory)
#include "tst_data_directory.moc"
