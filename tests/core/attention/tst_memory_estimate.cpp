#include "attention/memory_estimate.h"

#include <QTest>

using namespace attnviz;

class TestMemoryEstimate : public QObject {
    Q_OBJECT
private slots:
    void stages_data()
    {
        QTest::addColumn<int>("l");
        QTest::addColumn<int>("s");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("h");
        QTest::addColumn<bool>("perHead");
        QTest::newRow("demo") << 8 << 8 << 64 << 4 << false;
        QTest::newRow("cross") << 100 << 37 << 48 << 3 << true;
        QTest::newRow("long") << 4096 << 4096 << 512 << 16 << false;
    }
    void stages()
    {
        QFETCH(int, l);
        QFETCH(int, s);
        QFETCH(int, d);
        QFETCH(int, h);
        QFETCH(bool, perHead);
        const MemoryEstimate e = estimateEngineMemory(l, s, d, h, perHead);
        const std::uint64_t L = l, S = s, D = d, H = h;
        QCOMPARE(e.q, L * D * 4);
        QCOMPARE(e.k, 2 * S * D * 4); // K and its packed copy
        QCOMPARE(e.v, 2 * S * D * 4);
        QCOMPARE(e.weights, H * L * S * 4);
        QCOMPARE(e.concat, L * D * 4);
        QCOMPARE(e.output, L * D * 4);
        QCOMPARE(e.mask, (perHead ? H : 1) * L * S);
        QVERIFY(e.total() > e.weights);
    }
    void longSequenceIsAboutOneGiB()
    {
        // L = 4096, H = 16: the weights alone are 1 GiB; everything else is a few percent.
        const MemoryEstimate e = estimateEngineMemory(4096, 4096, 512, 16, false);
        QCOMPARE(e.weights, std::uint64_t(1) << 30);
        QVERIFY(e.total() < (std::uint64_t(11) << 30) / 10);
        QVERIFY(e.total() < kDefaultMemoryBudget);
    }
    void nonsenseSizesCountAsZero()
    {
        QCOMPARE(estimateEngineMemory(-5, 3, 8, 2, false).weights, std::uint64_t(0));
    }
    void formatting()
    {
        QCOMPARE(formatBytes(100), std::string("100 B"));
        QCOMPARE(formatBytes(2ull << 30), std::string("2.00 GiB"));
        QCOMPARE(formatBytes(640ull << 20), std::string("640.0 MiB"));
    }
};

QTEST_APPLESS_MAIN(TestMemoryEstimate)
#include "tst_memory_estimate.moc"
