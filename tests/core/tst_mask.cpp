#include "mask/presets.h"

#include <QTest>

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
    void invert();
    void validateShape();
    void namesRoundTrip();
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

void TestMask::invert()
{
    Mask m = makeMask(MaskPreset::Causal, 3, 3);
    m.invert();
    QCOMPARE(render(m), QString(".11|..1|...|"));
}

void TestMask::validateShape()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mask::shared(2, 3).validateFor(2, 3, 3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mask::perHead(3, 2, 2).validateFor(2, 2, 2));
    Mask::perHead(2, 2, 3).validateFor(2, 2, 3);
    Mask::shared(2, 3).validateFor(5, 2, 3);
}

void TestMask::namesRoundTrip()
{
    for (MaskPreset p : {MaskPreset::None, MaskPreset::Causal, MaskPreset::Padding,
                         MaskPreset::SlidingWindow, MaskPreset::BlockDiagonal,
                         MaskPreset::PrefixLM, MaskPreset::Random})
        QCOMPARE(maskPresetFromString(toString(p)), std::optional<MaskPreset>(p));
    QVERIFY(!maskPresetFromString("diagonal"));
}

QTEST_APPLESS_MAIN(TestMask)
#include "tst_mask.moc"
