#include "common/parallel.h"

#include <QTest>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace attnviz;

class TestParallel : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { setThreadCount(1); }
    void callsEveryIndexOnce_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("n");
        for (int threads : {1, 2, 4})
            for (int n : {0, 1, 3, 100})
                QTest::addRow("%d threads, n=%d", threads, n) << threads << n;
    }
    void callsEveryIndexOnce()
    {
        QFETCH(int, threads);
        QFETCH(int, n);
        setThreadCount(threads);
        QCOMPARE(threadCount(), threads);
        std::vector<std::atomic<int>> calls(static_cast<std::size_t>(n));
        std::atomic<bool> workerInRange = true;
        parallelFor(n, [&](int i) {
            ++calls[static_cast<std::size_t>(i)];
            workerInRange = workerInRange && currentWorker() >= 0 && currentWorker() < threads;
        });
        for (const auto& c : calls)
            QCOMPARE(c.load(), 1);
        QVERIFY(workerInRange);
    }
    void usesTheThreads()
    {
        setThreadCount(2);
        std::atomic<int> waiting = 0;
        std::atomic<bool> met = false;
        // Two tasks that each wait for the other finish only if they run at the same time.
        parallelFor(2, [&](int) {
            ++waiting;
            for (int spin = 0; spin < 2000 && waiting < 2; ++spin)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            met = met || waiting == 2;
        });
        QVERIFY(met);
    }
    void rethrowsTheFirstException()
    {
        setThreadCount(2);
        std::atomic<int> done = 0;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, parallelFor(10, [&](int i) {
                                     if (i == 3)
                                         throw std::runtime_error("task 3");
                                     ++done;
                                 }));
        QCOMPARE(done.load(), 9);
        // The pool still works after a failed loop.
        std::atomic<int> after = 0;
        parallelFor(5, [&](int) { ++after; });
        QCOMPARE(after.load(), 5);
    }
    void nestedAndConcurrentLoopsComplete()
    {
        setThreadCount(2);
        std::atomic<int> inner = 0;
        auto nested = [&] { parallelFor(4, [&](int) { parallelFor(3, [&](int) { ++inner; }); }); };
        std::thread other(nested);
        nested();
        other.join();
        QCOMPARE(inner.load(), 24);
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "tst_parallel.moc"
