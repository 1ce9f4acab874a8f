#include "io/tensor_matrix.h"
#include "io/weights_loader.h"
#include "iotestutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <limits>

using namespace attnviz;
using namespace attnviz::io;

namespace {

using TensorMap = std::map<std::string, Tensor>;

// Values base, base + 1, ... so that every element says where it came from.
Tensor counting(std::vector<std::int64_t> shape, float base)
{
    Tensor t;
    t.shape = std::move(shape);
    t.values.resize(static_cast<std::size_t>(t.elementCount()));
    for (std::size_t i = 0; i < t.values.size(); ++i)
        t.values[i] = base + float(i);
    return t;
}

constexpr int D = 4;

TensorMap packed(const std::string& prefix = {})
{
    return {{prefix + "in_proj_weight", counting({3 * D, D}, 0)},
            {prefix + "in_proj_bias", counting({3 * D}, 1000)},
            {prefix + "out_proj.weight", counting({D, D}, 2000)},
            {prefix + "out_proj.bias", counting({D}, 3000)}};
}

TensorMap separate(const std::string& prefix = {}, const std::string& out = "o_proj")
{
    return {{prefix + "q_proj.weight", counting({D, D}, 0)},
            {prefix + "k_proj.weight", counting({D, D}, 16)},
            {prefix + "v_proj.weight", counting({D, D}, 32)},
            {prefix + out + ".weight", counting({D, D}, 2000)},
            {prefix + "q_proj.bias", counting({D}, 1000)},
            {prefix + "k_proj.bias", counting({D}, 1004)},
            {prefix + "v_proj.bias", counting({D}, 1008)},
            {prefix + out + ".bias", counting({D}, 3000)}};
}

// Both layouts above hold the same numbers, so one check serves both.
void checkCountingWeights(const AttentionWeights& w)
{
    QCOMPARE(w.dModel(), D);
    QCOMPARE(w.wq(0, 0), 0.0f);
    QCOMPARE(w.wq(1, 2), 6.0f);
    QCOMPARE(w.wk(0, 0), 16.0f);
    QCOMPARE(w.wk(3, 3), 31.0f);
    QCOMPARE(w.wv(0, 1), 33.0f);
    QCOMPARE(w.wv(3, 3), 47.0f);
    QCOMPARE(w.bq(0), 1000.0f);
    QCOMPARE(w.bk(0), 1004.0f);
    QCOMPARE(w.bv(3), 1011.0f);
    QCOMPARE(w.wo(2, 1), 2009.0f);
    QCOMPARE(w.bo(3), 3003.0f);
}

QString errorOf(const TensorMap& tensors)
{
    return iotest::formatErrorOf([&] { weightsFromTensors(tensors, "w.safetensors"); });
}

} // namespace

Q_DECLARE_METATYPE(TensorMap)

class TestWeightsLoader : public QObject {
    Q_OBJECT

private slots:
    void layouts_data();
    void layouts();
    void missingBiasesAreZero();
    void rejects_data();
    void rejects();
    void readWeightsFile();
    void matrixHelpers();
};

void TestWeightsLoader::layouts_data()
{
    QTest::addColumn<TensorMap>("tensors");
    QTest::newRow("nn.MultiheadAttention") << packed();
    QTest::newRow("packed, prefixed") << packed("encoder.layers.0.self_attn.");
    QTest::newRow("o_proj") << separate();
    QTest::newRow("out_proj") << separate({}, "out_proj");
    QTest::newRow("HuggingFace prefix") << separate("model.layers.3.self_attn.");
    TensorMap extra = separate("model.layers.0.self_attn.");
    extra["model.embed_tokens.weight"] = counting({10, D}, 0);
    extra["lm_head.out_proj.weight"] = counting({2, D}, 0); // an output head, not attention
    QTest::newRow("other tensors around") << extra;
}

void TestWeightsLoader::layouts()
{
    QFETCH(TensorMap, tensors);
    checkCountingWeights(weightsFromTensors(tensors, "w"));
}

void TestWeightsLoader::missingBiasesAreZero()
{
    TensorMap t = packed("x.");
    t.erase("x.in_proj_bias");
    t.erase("x.out_proj.bias");
    AttentionWeights w = weightsFromTensors(t, "w");
    QCOMPARE(w.wk(0, 0), 16.0f);
    for (const RowVector* b : {&w.bq, &w.bk, &w.bv, &w.bo}) {
        QCOMPARE(b->size(), Eigen::Index(D));
        QVERIFY(b->isZero(0.0f));
    }
    TensorMap s = separate();
    s.erase("k_proj.bias");
    w = weightsFromTensors(s, "w");
    QVERIFY(w.bk.isZero(0.0f));
    QCOMPARE(w.bv(0), 1008.0f);
}

void TestWeightsLoader::rejects_data()
{
    QTest::addColumn<TensorMap>("tensors");
    QTest::addColumn<QString>("message");
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();

    TensorMap t = packed("p.");
    t["p.in_proj_weight"] = counting({11, D}, 0);
    QTest::newRow("packed shape") << t
                                  << "w.safetensors: tensor 'p.in_proj_weight' has shape "
                                     "(11, 4), expected (3·D, D)";
    t = packed();
    t["in_proj_weight"] = counting({3 * D * D}, 0);
    QTest::newRow("packed 1-D") << t << "w.safetensors: tensor 'in_proj_weight' has shape (48,)";
    t = packed();
    t["in_proj_bias"] = counting({D}, 0);
    QTest::newRow("packed bias") << t
                                 << "w.safetensors: tensor 'in_proj_bias' has shape (4,), "
                                    "expected (12,)";
    t = packed();
    t["out_proj.weight"] = counting({D, D + 1}, 0);
    QTest::newRow("out shape") << t
                               << "w.safetensors: tensor 'out_proj.weight' has shape (4, 5), "
                                  "expected (4, 4)";
    t = packed();
    t.erase("out_proj.weight");
    QTest::newRow("no out_proj") << t << "w.safetensors: missing tensor 'out_proj.weight'";
    t = packed();
    t.erase("in_proj_weight");
    QTest::newRow("bias only") << t << "w.safetensors: missing tensor 'in_proj_weight'";
    t = separate("a.");
    t.erase("a.v_proj.weight");
    QTest::newRow("no v_proj") << t << "w.safetensors: missing tensor 'a.v_proj.weight'";
    t = separate();
    t["q_proj.weight"] = counting({D, D + 1}, 0);
    QTest::newRow("q not square") << t
                                  << "w.safetensors: tensor 'q_proj.weight' has shape (4, "
                                     "5), expected a square (D, D) matrix";
    t = separate();
    t["k_proj.weight"] = counting({D + 1, D + 1}, 0);
    QTest::newRow("k shape") << t
                             << "w.safetensors: tensor 'k_proj.weight' has shape (5, 5), "
                                "expected (4, 4)";
    t = separate();
    t["k_proj.weight"] = counting({2, D, D}, 0);
    QTest::newRow("k 3-D") << t
                           << "w.safetensors: tensor 'k_proj.weight': expected a 2-D "
                              "tensor, got shape (2, 4, 4)";
    t = separate();
    t["v_proj.bias"] = counting({1, D}, 0);
    QTest::newRow("bias 2-D") << t
                              << "w.safetensors: tensor 'v_proj.bias' has shape (1, 4), "
                                 "expected (4,)";
    t = separate();
    t["k_proj.weight"].values[5] = nan;
    QTest::newRow("NaN") << t
                         << "w.safetensors: tensor 'k_proj.weight' contains NaN or "
                            "infinite values";
    t = packed();
    t["out_proj.bias"].values[0] = -inf;
    QTest::newRow("inf bias") << t
                              << "w.safetensors: tensor 'out_proj.bias' contains NaN or "
                                 "infinite values";
    t = packed("encoder.layers.0.self_attn.");
    t.merge(packed("encoder.layers.1.self_attn."));
    QTest::newRow("two prefixes") << t
                                  << "w.safetensors: attention weights found under several "
                                     "prefixes ('encoder.layers.0.self_attn.', "
                                     "'encoder.layers.1.self_attn.'); save a single layer";
    t = packed();
    t.merge(separate("dec."));
    QTest::newRow("bare and prefixed") << t
                                       << "w.safetensors: attention weights found under "
                                          "several prefixes ('', 'dec.')";
    t = packed();
    t["q_proj.weight"] = counting({D, D}, 0);
    QTest::newRow("mixed layouts") << t
                                   << "w.safetensors: both 'in_proj_*' and 'q/k/v_proj.*' "
                                      "tensors are present";
    t = separate();
    t["out_proj.weight"] = counting({D, D}, 0);
    QTest::newRow("o_proj and out_proj") << t
                                         << "w.safetensors: both 'o_proj.*' and "
                                            "'out_proj.*' tensors are present";
    QTest::newRow("empty") << TensorMap{} << "w.safetensors: no attention weights found";
    QTest::newRow("no dot boundary") << TensorMap{{"xq_proj.weight", counting({D, D}, 0)}}
                                     << "w.safetensors: no attention weights found";
    QTest::newRow("only output") << TensorMap{{"out_proj.weight", counting({D, D}, 0)}}
                                 << "w.safetensors: no attention weights found";
    t = separate();
    t["q_proj.weight"] = counting({0, 0}, 0);
    QTest::newRow("zero width") << t << "w.safetensors: tensor 'q_proj.weight' has shape (0, 0)";
    t = separate();
    t["q_proj.weight"].values.pop_back(); // hand-built and inconsistent: must not over-read
    QTest::newRow("inconsistent") << t
                                  << "w.safetensors: tensor 'q_proj.weight': shape (4, 4) "
                                     "does not match its 15 values";
}

void TestWeightsLoader::rejects()
{
    QFETCH(TensorMap, tensors);
    QFETCH(QString, message);
    const QString error = errorOf(tensors);
    if (!error.startsWith(message))
        QFAIL(qPrintable("got: " + error));
}

void TestWeightsLoader::readWeightsFile()
{
    using namespace iotest;
    QTemporaryDir dir;
    const std::string path = dir.filePath("mha.SafeTensors").toStdString();
    const auto bytesOf = [](const Tensor& t) {
        std::string s;
        for (float v : t.values)
            s += f32({v});
        return s;
    };
    std::vector<Entry> entries;
    for (const auto& [key, t] : packed("layer."))
        entries.push_back({key, "F32", t.shape, bytesOf(t)});
    {
        std::ofstream out(path, std::ios::binary);
        out << safetensorsFile(entries, R"({"format":"pt"})");
    }
    checkCountingWeights(readWeights(path));

    const std::string npz = dir.filePath("mha.npz").toStdString();
    QVERIFY_THROWS_EXCEPTION(FormatError, readWeights(npz));
    try {
        readWeights(npz);
    } catch (const FormatError& e) {
        QCOMPARE(QString(e.what()), QString::fromStdString(npz) +
                                        ": unsupported weight file type; expected a .safetensors "
                                        "file");
    }
    // The error of a damaged file names the file, whatever layer finds the damage.
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << safetensorsFile({{"layer.q_proj.weight", "F32", {2, 2}, f32({1, 2, 3, 4})}});
    }
    try {
        readWeights(path);
        QFAIL("no exception");
    } catch (const FormatError& e) {
        QCOMPARE(QString(e.what()),
                 QString::fromStdString(path + ": missing tensor 'layer.k_proj.weight'"));
    }
}

void TestWeightsLoader::matrixHelpers()
{
    const Tensor t = counting({2, 3}, 1);
    const Matrix m = toMatrix(t, "m.npy");
    QCOMPARE(m.rows(), Eigen::Index(2));
    QCOMPARE(m.cols(), Eigen::Index(3));
    QCOMPARE(m(1, 0), 4.0f); // C order: row 1 starts at the fourth value
    QCOMPARE(m(0, 2), 3.0f);
    const Tensor back = fromMatrix(m);
    QCOMPARE(back.shape, t.shape);
    QCOMPARE(back.values, t.values);
    QVERIFY(back.sourceType == DType::F32);
    try {
        toMatrix(counting({6}, 0), "m.npy");
        QFAIL("no exception");
    } catch (const FormatError& e) {
        QCOMPARE(QString(e.what()), QString("m.npy: expected a 2-D tensor, got shape (6,)"));
    }
    QVERIFY_THROWS_EXCEPTION(FormatError, toMatrix(counting({}, 0), "m"));
    QCOMPARE(toMatrix(counting({0, 5}, 0), "m").cols(), Eigen::Index(5));
}

QTEST_APPLESS_MAIN(TestWeightsLoader)
#include "tst_weights_loader.moc"
