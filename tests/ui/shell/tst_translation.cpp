// The compiled-in Chinese translation loads and translates the main window; the language
// switch installs it. (Completeness of the .ts is checked by the translations_complete test.)
#include "ui/io/session_file.h"
#include "ui/shell/classroom.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui_test_main.h"

#include <QFontDatabase>
#include <QLocale>
#include <QMenuBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace attnviz::ui;

class TestTranslation : public QObject {
    Q_OBJECT
private slots:
    void qmIsEmbedded()
    {
        QTranslator t;
        QVERIFY(t.load(QStringLiteral(":/i18n/attnviz_zh_CN.qm")));
        QCOMPARE(t.translate("attnviz::ui::Classroom", "Pipeline"), QStringLiteral("计算流程"));
        QVERIFY(!t.translate("attnviz::ui::MainWindow", "&File").isEmpty());
    }

    // Defect 3: the session file's messages were looked up under "QObject", while lupdate filed
    // them elsewhere, so they stayed English in a Chinese UI.
    void sessionErrorsInChinese_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object")
            << QByteArray("[1, 2]") << "不是 AttnViz 会话（JSON 不是对象）";
        QTest::newRow("foreign") << QByteArray(R"({"format": "x"})")
                                 << "不是 AttnViz 会话（没有 \"format\"";
        QTest::newRow("nested") << QByteArray(R"({"format": "attnviz-session", "version": 1,
            "text": "a", "dModel": 0})")
                                << "“dModel”必须是 1 到 65536 之间的整数";
    }
    void sessionErrorsInChinese()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.attnviz.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/attnviz_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        SessionDocument doc;
        const QString error = loadSession(path, &doc);
        QCoreApplication::removeTranslator(&zh);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void chineseUi()
    {
        QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
        MainWindow w;
        QStringList menus;
        for (QAction* a : w.menuBar()->actions())
            menus << a->text();
        QVERIFY2(menus.first().contains(QStringLiteral("文件")), qPrintable(menus.join(',')));
        QCOMPARE(w.classroom()->tabs()->tabText(Classroom::PipelineTab),
                 QStringLiteral("计算流程"));
        // A Simplified Chinese face is in the font list when one is installed.
        if (QFontDatabase::families().contains(QStringLiteral("Noto Sans CJK SC")))
            QVERIFY(QApplication::font().families().contains(QStringLiteral("Noto Sans CJK SC")));
    }
};

ATTNVIZ_UI_TEST_MAIN(TestTranslation)
#include "tst_translation.moc"
