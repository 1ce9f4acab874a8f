// The job tracker: newest wins, delivery is queued to the GUI thread, and results of jobs whose
// tracker is gone or superseded are dropped.
#include "ui/model/job_tracker.h"
#include "ui_test_main.h"

#include <QSemaphore>
#include <QThread>
#include <QThreadPool>
#include <memory>
#include <vector>

using namespace attnviz::ui;

class TestJobTracker : public QObject {
    Q_OBJECT
private slots:
    void deliversOnTheGuiThread()
    {
        JobTracker jobs;
        QThread* worker = nullptr;
        QThread* delivered = nullptr;
        jobs.start([] { return QThread::currentThread(); },
                   [&delivered, &worker](QThread* t) {
                       worker = t;
                       delivered = QThread::currentThread();
                   });
        QVERIFY(jobs.isBusy());
        QTRY_VERIFY(delivered != nullptr);
        QCOMPARE(delivered, QThread::currentThread());
        QVERIFY(worker != QThread::currentThread());
        QVERIFY(!jobs.isBusy());
    }

    void newestWins_data()
    {
        QTest::addColumn<int>("jobs");
        QTest::newRow("two") << 2;
        QTest::newRow("five") << 5;
    }

    void newestWins()
    {
        QFETCH(int, jobs);
        QThreadPool pool;
        pool.setMaxThreadCount(jobs); // all run at once, the newest finishes first
        JobTracker tracker(&pool);
        std::vector<int> delivered;
        for (int i = 0; i < jobs; ++i)
            tracker.start(
                [i, jobs] {
                    QThread::msleep(20 * (jobs - i));
                    return i;
                },
                [&delivered](int v) { delivered.push_back(v); });
        pool.waitForDone();
        QTRY_VERIFY(!tracker.isBusy());
        QCoreApplication::processEvents(); // the older jobs' (dropped) deliveries
        QCOMPARE(delivered, std::vector<int>{jobs - 1});
    }

    void invalidateDropsRunningJobs()
    {
        QThreadPool pool;
        JobTracker tracker(&pool);
        bool delivered = false;
        const auto first = tracker.start([] { return 1; }, [&delivered](int) { delivered = true; });
        QCOMPARE(tracker.invalidate(), first + 1);
        QVERIFY(!tracker.isBusy());
        pool.waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }

    // The owner may be deleted while its job runs: the job finishes, nothing is delivered.
    void ownerDeletedWhileRunning()
    {
        QThreadPool pool;
        QSemaphore started;
        QSemaphore release;
        bool delivered = false;
        auto tracker = std::make_unique<JobTracker>(&pool);
        tracker->start(
            [&started, &release] {
                started.release();
                release.acquire();
                return 1;
            },
            [&delivered](int) { delivered = true; });
        started.acquire();
        tracker.reset();
        release.release();
        pool.waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestJobTracker)
#include "tst_job_tracker.moc"
