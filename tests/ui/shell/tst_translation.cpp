// The compiled-in Chinese translation loads and translates the main window; the language
// switch installs it. (Completeness of the .ts is checked by the translations_complete test.)
#include "ui/shell/classroom.h"
#include "ui/shell/language.h"
#include "ui/shell/main_window.h"
#include "ui_test_main.h"

#include <QFontDatabase>
#include <QLocale>
#include <QMenuBar>
#include <QTabWidget>
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
