// widenRows on ggml's block formats against numpy (tests/crosscheck/ggml_quants.py): seeded
// random floats quantised in numpy into Q8_0, Q4_0, Q4_K and Q6_K, plus random blocks, and the
// values numpy computes from those bytes with ggml's formulas; ours must equal them bit for bit.
// Two hand-worked blocks pin the parts that are easiest to get wrong.

#include "io/gguf.h"
#include "iotestutil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cstring>
#include <map>

using namespace attnviz::io;

namespace {

std::vector<float> widened(const WeightView& view)
{
    std::vector<float> out(std::size_t(view.rows() * view.cols()));
    widenRows(view, 0, view.rows(), out.data());
    return out;
}

WeightView blockView(WeightType type, const std::string& bytes)
{
    WeightView view;
    view.name = "w";
    view.type = type;
    view.shape = {1, 256};
    view.data = reinterpret_cast<const std::byte*>(bytes.data());
    view.bytes = bytes.size();
    return view;
}

} // namespace

class TestDequantize : public QObject {
    Q_OBJECT

private slots:
    void q4kScalesWithHighBits();
    void q6kNegativeScale();
    void againstNumpy_data();
    void againstNumpy();
};

// Sub-block 5 takes its scale and min from get_scale_min_k4's j ≥ 4 branch: the low four bits
// from scales[9], the high two from the top of scales[1] and scales[5].
void TestDequantize::q4kScalesWithHighBits()
{
    std::string block(144, '\0');
    block[0] = char(0x00), block[1] = char(0x3C); // d = 1
    block[2] = char(0x00), block[3] = char(0x38); // dmin = 0.5
    char* scales = block.data() + 4;
    scales[1] = char(0xC3);      // sub-block 1: scale 3; sub-block 5: scale high bits 3
    scales[5] = char(0x47);      // sub-block 1: min 7;   sub-block 5: min high bits 1
    scales[9] = char(0x21);      // sub-block 5: scale low bits 1, min low bits 2
    block[16 + 0] = char(0x40);  // element 0 (sub-block 0, low nibble) 0; element 32: 4
    block[16 + 64] = char(0xA0); // element 128 (sub-block 4) 0; element 160 (sub-block 5): 10
    const std::vector<float> y = widened(blockView(WeightType::Q4_K, block));
    QCOMPARE(y[0], 0.0f);
    QCOMPARE(y[32], 3.0f * 4 - 0.5f * 7);           // 8.5
    QCOMPARE(y[33], -0.5f * 7);                     // nibble 0
    QCOMPARE(y[160], (1.0f * 49) * 10 - 0.5f * 18); // scale 1 | 3 << 4, min 2 | 1 << 4
    QCOMPARE(y[161], -0.5f * 18);
}

// 6-bit values: four low bits in ql, two high bits in qh; signed scales per 16 elements.
void TestDequantize::q6kNegativeScale()
{
    std::string block(210, '\0');
    block[0] = char(0x05);                            // ql[0]: element 0 low 5, element 64 low 0
    block[128] = char(0x02);                          // qh[0]: element 0 high 2, element 64 high 0
    block[192] = char(-3), block[196] = char(2);      // scales of elements 0–15 and 64–79
    block[208] = char(0x00), block[209] = char(0x38); // d = 0.5
    const std::vector<float> y = widened(blockView(WeightType::Q6_K, block));
    QCOMPARE(y[0], 0.5f * -3 * ((5 | 2 << 4) - 32)); // -7.5
    QCOMPARE(y[1], 0.5f * -3 * -32);                 // 48
    QCOMPARE(y[64], 0.5f * 2 * -32);
    QCOMPARE(y[16], -0.0f); // scales[1] is 0
}

void TestDequantize::againstNumpy_data()
{
    QTest::addColumn<int>("seed");
    for (int seed : {1, 2, 3})
        QTest::addRow("seed %d", seed) << seed;
}

void TestDequantize::againstNumpy()
{
    QFETCH(int, seed);
    QTemporaryDir dir;
    QProcess python;
    python.start(QStringLiteral(ATTNVIZ_PYTHON3),
                 {QStringLiteral(ATTNVIZ_CROSSCHECK_DIR "/quant_cases.py"), "--seed",
                  QString::number(seed), "--out", dir.path()});
    QVERIFY2(python.waitForFinished(120000) && python.exitStatus() == QProcess::NormalExit &&
                 python.exitCode() == 0,
             qPrintable("quant_cases.py failed (needs /usr/bin/python3 with numpy): " +
                        python.readAllStandardError()));

    const GgufFile quant(dir.filePath("quant.gguf").toStdString());
    const GgufFile expected(dir.filePath("expected.gguf").toStdString());
    std::map<WeightType, int> covered;
    for (const WeightView& view : quant.tensors()) {
        const std::vector<float> ours = widened(view);
        const std::vector<float> numpy = widened(expected.require(view.name));
        QCOMPARE(ours.size(), numpy.size());
        for (std::size_t i = 0; i < ours.size(); ++i)
            if (std::bit_cast<std::uint32_t>(ours[i]) != std::bit_cast<std::uint32_t>(numpy[i]))
                QFAIL(qPrintable(QString("%1[%2]: ours %3, numpy %4")
                                     .arg(QString::fromStdString(view.name))
                                     .arg(i)
                                     .arg(double(ours[i]), 0, 'g', 9)
                                     .arg(double(numpy[i]), 0, 'g', 9)));
        ++covered[view.type];
    }
    for (WeightType type : {WeightType::Q8_0, WeightType::Q4_0, WeightType::Q4_K, WeightType::Q6_K})
        QVERIFY2(covered[type] >= 6, toString(type).data());
}

QTEST_APPLESS_MAIN(TestDequantize)
#include "tst_dequantize.moc"
