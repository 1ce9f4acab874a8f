#include "common/error.h"
#include "mask/mask_tensor.h"
#include "mask/presets.h"

#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace attnviz;

namespace {

QString render(const Mask& m, int head = 0)
{
    QString s;
    for (int i = 0; i < m.rows(); ++i) {
        for (int j = 0; j < m.cols(); ++j)
            s += m.allowed(head, i, j) ? '1' : '.';
        s += '|';
    }
    return s;
}

} // namespace

class TestMask : public QObject {
    Q_OBJECT

private slots:
    void presets_data();
    void presets();
    void randomIsSeeded();
    void singleHeadEditSplitsSharedMask();
    void allHeadsEdit();
    void copiesAreIndependent();
    void copiesReadOnOtherThreads();
    void longMasks();
    void invert();
    void reset();
    void validateShape();
    void namesRoundTrip();
    void fromValues();
    void fromValuesRejects_data();
    void fromValuesRejects();
};

void TestMask::presets_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << int(MaskPreset::None) << "1111|1111|1111|1111|";
    QTest::newRow("causal") << int(MaskPreset::Causal) << "1...|11..|111.|1111|";
    QTest::newRow("padding") << int(MaskPreset::Padding) << "111.|111.|111.|111.|";
    QTest::newRow("window") << int(MaskPreset::SlidingWindow) << "11..|111.|.111|..11|";
    QTest::newRow("block") << int(MaskPreset::BlockDiagonal) << "11..|11..|..11|..11|";
    QTest::newRow("prefix") << int(MaskPreset::PrefixLM) << "11..|11..|111.|1111|";
}

void TestMask::presets()
{
    QFETCH(int, preset);
    QFETCH(QString, expected);
    const MaskPresetParams params{.padding = 1, .window = 1, .block = 2, .prefix = 2};
    const Mask m = makeMask(MaskPreset(preset), 4, 4, params);
    QCOMPARE(render(m), expected);
    QVERIFY(!m.isPerHead());
}

void TestMask::randomIsSeeded()
{
    const Mask a = makeMask(MaskPreset::Random, 16, 16, {.probability = 0.5, .seed = 1});
    const Mask b = makeMask(MaskPreset::Random, 16, 16, {.probability = 0.5, .seed = 1});
    const Mask c = makeMask(MaskPreset::Random, 16, 16, {.probability = 0.5, .seed = 2});
    QCOMPARE(render(a), render(b));
    QVERIFY(render(a) != render(c));
    const int blocked = int(render(a).count('.'));
    QVERIFY(blocked > 80 && blocked < 176); // about half of 256
}

void TestMask::singleHeadEditSplitsSharedMask()
{
    Mask m = Mask::shared(3, 3);
    m.set(0, 1, 1, true, 4); // unchanged value: stays shared
    QVERIFY(!m.isPerHead());
    m.set(2, 1, 1, false, 4);
    QVERIFY(m.isPerHead());
    QCOMPARE(m.planes(), 4);
    QVERIFY(!m.allowed(2, 1, 1));
    QVERIFY(m.allowed(0, 1, 1));
    QVERIFY(m.allowed(3, 1, 1));
}

void TestMask::allHeadsEdit()
{
    Mask m = Mask::perHead(3, 2, 2);
    m.set(Mask::kAllHeads, 0, 1, false, 3);
    for (int h = 0; h < 3; ++h)
        QVERIFY(!m.allowed(h, 0, 1));
    QVERIFY(m.rowAllAllowed(0, 1));
    m.set(Mask::kAllHeads, 0, 0, false, 3);
    QVERIFY(m.rowAllBlocked(1, 0));
}

void TestMask::copiesAreIndependent()
{
    // Copies and split heads share storage until written (copy on write): every write must
    // still reach exactly the mask and head it names.
    const Mask original = makeMask(MaskPreset::Causal, 3, 3);
    Mask split = original;
    split.set(1, 2, 0, false, 3);
    QCOMPARE(render(original), QString("1..|11.|111|"));
    QCOMPARE(render(split, 0), QString("1..|11.|111|"));
    QCOMPARE(render(split, 1), QString("1..|11.|.11|"));
    QCOMPARE(render(split, 2), QString("1..|11.|111|"));
    Mask copy = split;
    QCOMPARE(copy, split);
    copy.set(Mask::kAllHeads, 0, 2, true, 3);
    QVERIFY(!(copy == split));
    for (int h = 0; h < 3; ++h) {
        QVERIFY(copy.allowed(h, 0, 2));
        QVERIFY(!split.allowed(h, 0, 2));
    }
    // Heads on one storage are inverted once, not once per head.
    copy.invert();
    QCOMPARE(render(copy, 0), QString(".1.|..1|...|"));
    QCOMPARE(render(copy, 1), QString(".1.|..1|1..|"));
    QCOMPARE(render(copy, 2), QString(".1.|..1|...|"));
    QCOMPARE(render(split, 2), QString("1..|11.|111|"));
    // Equal cells in different storage are equal; a per-head mask is not a shared one.
    QCOMPARE(Mask::perHead(2, 2, 2), Mask::perHead(2, 2, 2));
    QVERIFY(!(Mask::perHead(1, 2, 2) == Mask::shared(2, 2)));
    Mask reused = original;
    reused.reset(3, 3);
    QCOMPARE(render(original), QString("1..|11.|111|"));
    QCOMPARE(render(reused), QString("111|111|111|"));
}

void TestMask::copiesReadOnOtherThreads()
{
    // A background job reads its copy while the GUI thread edits the original (copy on write):
    // the copy never changes under the reader. The tsan preset checks the sharing for races.
    Mask original = Mask::shared(600, 600); // more than one chunk of storage
    const std::vector<Mask> copies(2, original);
    std::atomic<int> changed{0};
    std::vector<std::thread> readers;
    for (const Mask& copy : copies)
        readers.emplace_back([&copy, &changed] {
            for (int pass = 0; pass < 10; ++pass)
                for (int r = 0; r < copy.rows(); r += 7)
                    for (int c = 0; c < copy.cols(); c += 13)
                        if (!copy.allowed(0, r, c))
                            ++changed;
        });
    for (int r = 0; r < original.rows(); ++r)
        original.set(Mask::kAllHeads, r, r, false, 1);
    for (std::thread& t : readers)
        t.join();
    QCOMPARE(changed.load(), 0);
    QVERIFY(!original.allowed(0, 7, 7));
    QVERIFY(copies[0].allowed(0, 7, 7));
}

void TestMask::longMasks()
{
    // Rows are stored in chunks (copy on write per chunk): edits across chunk boundaries, per
    // head, in copies, and equality that ignores the unused rows of the last chunk.
    constexpr int kRows = 300;
    constexpr int kCols = 2000;
    Mask m = Mask::shared(kRows, kCols, false);
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c)
            m.set(Mask::kAllHeads, r, c, true, 1);
    QCOMPARE(m, Mask::shared(kRows, kCols, true));
    const Mask before = m;
    for (int r = 0; r < kRows; ++r)
        m.set(r % 3, r, (r * 7) % kCols, false, 3);
    QVERIFY(m.isPerHead());
    for (int r = 0; r < kRows; ++r)
        for (int h = 0; h < 3; ++h) {
            QCOMPARE(m.allowed(h, r, (r * 7) % kCols), h != r % 3);
            QCOMPARE(m.rowAllAllowed(h, r), h != r % 3);
        }
    QVERIFY(before.rowAllAllowed(0, kRows - 1));
    Mask copy = m;
    copy.set(Mask::kAllHeads, kRows - 1, 0, false, 3);
    QVERIFY(m.allowed(1, kRows - 1, 0));
    QVERIFY(!copy.allowed(0, kRows - 1, 0) && !copy.allowed(2, kRows - 1, 0));
    copy.set(Mask::kAllHeads, kRows - 1, 0, true, 3);
    QCOMPARE(copy, m);
    copy.invert();
    QVERIFY(copy.rowAllBlocked(1, 5));
    QVERIFY(copy.allowed(2, 5, 35));
}

void TestMask::invert()
{
    Mask m = makeMask(MaskPreset::Causal, 3, 3);
    m.invert();
    QCOMPARE(render(m), QString(".11|..1|...|"));
}

void TestMask::reset()
{
    Mask m = makeMask(MaskPreset::Causal, 3, 3);
    m.set(1, 0, 0, false, 2);
    QVERIFY(m.isPerHead());
    m.reset(2, 3);
    QVERIFY(!m.isPerHead());
    QCOMPARE(m.planes(), 1);
    QCOMPARE(render(m), QString("111|111|"));
}

void TestMask::validateShape()
{
    QVERIFY_THROWS_EXCEPTION(Error, Mask::shared(2, 3).validateFor(2, 3, 3));
    QVERIFY_THROWS_EXCEPTION(Error, Mask::perHead(3, 2, 2).validateFor(2, 2, 2));
    Mask::perHead(2, 2, 3).validateFor(2, 2, 3);
    Mask::shared(2, 3).validateFor(5, 2, 3);
}

void TestMask::namesRoundTrip()
{
    for (MaskPreset p :
         {MaskPreset::None, MaskPreset::Causal, MaskPreset::Padding, MaskPreset::SlidingWindow,
          MaskPreset::BlockDiagonal, MaskPreset::PrefixLM, MaskPreset::Random})
        QCOMPARE(maskPresetFromString(toString(p)), std::optional<MaskPreset>(p));
    QVERIFY(!maskPresetFromString("diagonal"));
}

void TestMask::fromValues()
{
    const Mask shared = maskFromValues({2, 3}, {1, 0, 2, 0, -1, 0}, "m.npy");
    QVERIFY(!shared.isPerHead());
    QCOMPARE(render(shared), QString("1.1|.1.|"));
    QCOMPARE(maskValues(shared), (std::vector<float>{1, 0, 1, 0, 1, 0}));
    QCOMPARE(maskShape(shared), (std::vector<std::int64_t>{2, 3}));

    const Mask perHead = maskFromValues({2, 1, 2}, {1, 0, 0, 1}, "m.npy");
    QVERIFY(perHead.isPerHead());
    QCOMPARE(render(perHead, 0), QString("1.|"));
    QCOMPARE(render(perHead, 1), QString(".1|"));
    QCOMPARE(maskShape(perHead), (std::vector<std::int64_t>{2, 1, 2}));
    QCOMPARE(maskFromValues(maskShape(perHead), maskValues(perHead), "again"), perHead);
}

void TestMask::fromValuesRejects_data()
{
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<float>>("values");
    QTest::addColumn<QString>("expected");
    QTest::newRow("rank 1") << QList<qint64>{4} << QList<float>{1, 1, 1, 1} << "dimensions";
    QTest::newRow("rank 4") << QList<qint64>{1, 1, 1, 1} << QList<float>{1} << "dimensions";
    QTest::newRow("zero dim") << QList<qint64>{0, 3} << QList<float>{} << "out of range";
    QTest::newRow("huge dim") << QList<qint64>{1, qint64(1) << 40} << QList<float>{1}
                              << "out of range";
    QTest::newRow("short") << QList<qint64>{2, 2} << QList<float>{1, 1, 1} << "holds 3";
    QTest::newRow("nan") << QList<qint64>{1, 2} << QList<float>{1, NAN} << "NaN";
}

void TestMask::fromValuesRejects()
{
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<float>, values);
    QFETCH(QString, expected);
    try {
        maskFromValues(std::vector<std::int64_t>(shape.begin(), shape.end()),
                       std::vector<float>(values.begin(), values.end()), "bad.npy");
        QFAIL("expected attnviz::Error");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).startsWith("bad.npy: "), e.what());
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}

QTEST_APPLESS_MAIN(TestMask)
#include "tst_mask.moc"
