// Lessons: every shipped lesson opens and steps to the end (Page Down), the views follow each
// step, stepping back restores the earlier state, and broken files give a reason.
#include "ui/io/lesson.h"
#include "ui/lessons/lesson_bar.h"
#include "ui/lessons/lesson_player.h"
#include "ui/model/attention_controller.h"
#include "ui/shell/classroom.h"
#include "ui/shell/main_window.h"
#include "ui/views/pipeline/pipeline_page.h"
#include "ui/views/pipeline/pipeline_view.h"
#include "ui_test_main.h"

#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTest>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

void checkStepShown(MainWindow& w, const LessonStep& step)
{
    Classroom* room = w.classroom();
    const SessionState& s = w.controller()->state();
    const SessionState expected =
        LessonPlayer::stateAt(room->lessons()->lesson(), room->lessons()->index());
    QCOMPARE(s.text, expected.text);
    QVERIFY(s.preset == expected.preset);
    QCOMPARE(s.scale, expected.scale);
    QCOMPARE(s.temperature, expected.temperature);
    QVERIFY(s.designedHeads == expected.designedHeads);
    QVERIFY(w.controller()->error().isEmpty());
    if (step.view == QLatin1String("pipeline")) {
        QCOMPARE(room->tabs()->currentIndex(), int(Classroom::PipelineTab));
        PipelineView* view = room->pipeline()->view();
        QCOMPARE(view->head(), step.head);
        const auto stage = PipelineModel::stepFromKey(step.stage);
        QCOMPARE(view->stepMode(), stage.has_value());
        if (stage)
            QCOMPARE(view->revealedStep(), int(*stage));
    } else if (step.view == QLatin1String("teaching")) {
        QCOMPARE(room->tabs()->currentIndex(), int(Classroom::TeachingTab));
    } else {
        QCOMPARE(room->tabs()->currentIndex(), int(Classroom::HeadsTab));
    }
    QVERIFY(!room->lessonBar()->captionLabel()->text().isEmpty());
}

} // namespace

class TestLesson : public QObject {
    Q_OBJECT
private slots:
    void shippedLessonsParse()
    {
        const QStringList shipped = LessonPlayer::shippedLessons();
        QVERIFY(shipped.size() >= 4);
        for (const QString& path : shipped) {
            QString error;
            const auto lesson = Lesson::load(path, &error);
            QVERIFY2(lesson, qPrintable(error));
            QVERIFY(!Lesson::localized(lesson->title).isEmpty());
            for (const LessonStep& step : lesson->steps) {
                // Every caption is there in English and in Chinese.
                QVERIFY(step.caption.contains("en"));
                QVERIFY(step.caption.contains("zh_CN"));
            }
        }
    }

    void everyLessonStepsToTheEnd_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : LessonPlayer::shippedLessons())
            QTest::newRow(qPrintable(path)) << path;
    }

    void everyLessonStepsToTheEnd()
    {
        QFETCH(QString, path);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        Classroom* room = w.classroom();
        QVERIFY(room->openLesson(path, true));
        LessonPlayer* player = room->lessons();
        QVERIFY(player->isActive());
        QVERIFY(room->lessonBar()->isVisible());
        std::vector<std::vector<Matrix>> seen;
        for (int i = 0; i < player->count(); ++i) {
            QCOMPARE(player->index(), i);
            checkStepShown(w, player->step());
            std::vector<Matrix> weights;
            for (int h = 0; h < w.controller()->engine().heads(); ++h)
                weights.push_back(w.controller()->engine().weights(h));
            seen.push_back(std::move(weights));
            // Page Down is a window shortcut (it works while presentation hides the menus).
            QTest::keyClick(&w, Qt::Key_PageDown);
        }
        QCOMPARE(player->index(), player->count() - 1); // stays on the last step
        QVERIFY(!player->next());
        // Page Up walks back through exactly the same numbers.
        for (int i = player->count() - 1; i >= 0; --i) {
            QCOMPARE(player->index(), i);
            for (int h = 0; h < w.controller()->engine().heads(); ++h)
                QVERIFY(w.controller()->engine().weights(h) == seen[i][h]);
            QTest::keyClick(&w, Qt::Key_PageUp);
        }
        player->stop();
        QVERIFY(!room->lessonBar()->isVisible());
    }

    void badLessons_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        const QByteArray ok = R"({"format":"attnviz-lesson","version":1,"title":"t",
            "setup":{"text":"a b c","d_model":8,"heads":2},"steps":[STEP]})";
        auto with = [&](const char* step) { return QByteArray(ok).replace("STEP", step); };
        QTest::newRow("not json") << QByteArray("{") << "JSON";
        QTest::newRow("format") << QByteArray(R"({"format":"x"})") << "attnviz-lesson";
        QTest::newRow("version")
            << with(R"({"caption":"c"})").replace("\"version\":1", "\"version\":9") << "version 9";
        QTest::newRow("no steps") << QByteArray(ok).replace("[STEP]", "[]") << "no steps";
        QTest::newRow("caption") << with(R"({"stage":"softmax"})") << "caption";
        QTest::newRow("stage") << with(R"({"stage":"nope","caption":"c"})") << "nope";
        QTest::newRow("head") << with(R"({"head":3,"caption":"c"})") << "between 1 and 2";
        QTest::newRow("mask") << with(R"({"mask":"diagonal","caption":"c"})") << "diagonal";
        QTest::newRow("view") << with(R"({"view":"3d","caption":"c"})") << "3d";
        QTest::newRow("pattern") << with(R"({"pattern":"induction","caption":"c"})") << "induction";
        // Defect 6: a seed that is negative, NaN-like or too large was cast to uint64_t (UB).
        auto setup = [&](const char* field) {
            return QByteArray(ok).replace("\"heads\":2", field).replace("STEP", "");
        };
        QTest::newRow("negative seed") << setup(R"("heads":2,"seed":-1)") << "seed";
        QTest::newRow("huge seed") << setup(R"("heads":2,"seed":1e300)") << "seed";
        QTest::newRow("seed beyond 2^53")
            << setup(R"("heads":2,"seed":18446744073709551616)") << "seed";
        QTest::newRow("fractional seed") << setup(R"("heads":2,"seed":0.5)") << "seed";
        QTest::newRow("string seed") << setup(R"("heads":2,"seed":"7")") << "seed";
        QTest::newRow("huge heads") << setup(R"("heads":1e12)") << "heads";
        QTest::newRow("divisible")
            << QByteArray(ok).replace("\"heads\":2", "\"heads\":3").replace("STEP", "")
            << "divisible";
    }

    void badLessons()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!Lesson::parse(json, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void seedUpTo2Pow53()
    {
        QString error;
        const auto lesson = Lesson::parse(R"({"format":"attnviz-lesson","version":1,"title":"t",
            "setup":{"text":"a b","seed":9007199254740992},"steps":[{"caption":"c"}]})",
                                          &error);
        QVERIFY2(lesson, qPrintable(error));
        QCOMPARE(lesson->setup.seed, std::uint64_t(1) << 53);
    }

    void captionsFollowTheLanguage()
    {
        const Json caption = {{"en", "hello"}, {"zh_CN", "你好"}};
        QLocale::setDefault(QLocale(QStringLiteral("zh_CN")));
        QCOMPARE(Lesson::localized(caption), QStringLiteral("你好"));
        QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
        QCOMPARE(Lesson::localized(caption), QStringLiteral("hello"));
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        QCOMPARE(Lesson::localized(Json("plain")), QStringLiteral("plain"));
    }
};

ATTNVIZ_UI_TEST_MAIN(TestLesson)
#include "tst_lesson.moc"
