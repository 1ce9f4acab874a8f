// GgufFile on real files: stories260K.gguf (llama.cpp's own GGUF v3) and the tiny LLaMA of
// gguf-quant in eight tensor types, against the facts their README and expected-dequant.json
// (ggml's reference dequantisation by llama.cpp's gguf-py) state: every tensor widened by
// widenRows must hash to the same float32 bytes, bit for bit.

#include "io/gguf.h"
#include "testdata.h"

#include <QCryptographicHash>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace attnviz::io;

namespace {

const char* const kQuant = "models/gguf-quant";

nlohmann::json expectedDequant()
{
    std::ifstream in(testdataPath(kQuant).toStdString() + "/expected-dequant.json");
    return nlohmann::json::parse(in);
}

std::vector<std::int64_t> reversed(const nlohmann::json& ne)
{
    std::vector<std::int64_t> shape(ne.rbegin(), ne.rend());
    return shape;
}

// The tensor widened in chunks of rows (as the model runner widens tiles) against the SHA-256 of
// ggml's values, the samples, and the sums.
void checkValues(const WeightView& view, const nlohmann::json& expected)
{
    const std::int64_t cols = view.cols();
    std::vector<float> values(std::size_t(view.rows() * cols));
    for (std::int64_t row = 0; row < view.rows(); row += 7) {
        const std::int64_t count = std::min<std::int64_t>(7, view.rows() - row);
        widenRows(view, row, count, values.data() + row * cols);
    }
    const QByteArray bytes(reinterpret_cast<const char*>(values.data()),
                           qsizetype(values.size() * sizeof(float)));
    QCOMPARE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString(),
             expected["sha256_f32le"].get<std::string>());
    for (const nlohmann::json& sample : expected["samples"])
        QCOMPARE(values[sample[0].get<std::size_t>()], sample[1].get<float>());
    double sum = 0, sumAbs = 0;
    for (float v : values) {
        sum += v;
        sumAbs += std::abs(v);
    }
    QVERIFY(std::abs(sum - expected["sum"].get<double>()) <= 1e-9 * sumAbs);
    QVERIFY(std::abs(sumAbs - expected["sum_abs"].get<double>()) <= 1e-9 * sumAbs);
}

} // namespace

class TestGgufFiles : public QObject {
    Q_OBJECT

private slots:
    void stories260K();
    void quantTypes_data();
    void quantTypes();
};

void TestGgufFiles::stories260K()
{
    ATTNVIZ_REQUIRE_TESTDATA("models/stories260K/stories260K.gguf");
    const GgufFile f(testdataPath("models/stories260K/stories260K.gguf").toStdString());
    QCOMPARE(f.version(), 3u);
    QCOMPARE(f.string("general.architecture"), "llama");
    QCOMPARE(f.integer("llama.embedding_length"), 64);
    QCOMPARE(f.integer("llama.block_count"), 5);
    QCOMPARE(f.integer("llama.attention.head_count"), 8);
    QCOMPARE(f.integer("llama.attention.head_count_kv"), 4);
    QCOMPARE(f.integer("llama.feed_forward_length"), 172);
    QCOMPARE(float(f.real("llama.attention.layer_norm_rms_epsilon")), 1e-5f);
    QCOMPARE(f.string("tokenizer.ggml.model"), "llama");
    QCOMPARE(f.strings("tokenizer.ggml.tokens").size(), std::size_t(512));
    QCOMPARE(f.strings("tokenizer.ggml.tokens")[1], "<s>");
    QCOMPARE(f.reals("tokenizer.ggml.scores").size(), std::size_t(512));
    QCOMPARE(f.integers("tokenizer.ggml.token_type").size(), std::size_t(512));
    QCOMPARE(f.integer("tokenizer.ggml.bos_token_id"), 1);
    // 5 layers of 9 tensors, the embedding, the final norm and the head; all F32.
    QCOMPARE(f.tensors().size(), std::size_t(48));
    for (const WeightView& t : f.tensors())
        QVERIFY(t.type == WeightType::F32);
    QCOMPARE(f.require("token_embd.weight").shape, (std::vector<std::int64_t>{512, 64}));
    QCOMPARE(f.require("blk.4.attn_k.weight").shape, (std::vector<std::int64_t>{32, 64}));
    QCOMPARE(f.require("blk.0.ffn_down.weight").shape, (std::vector<std::int64_t>{64, 172}));
    QCOMPARE(f.require("output_norm.weight").shape, (std::vector<std::int64_t>{64}));
}

void TestGgufFiles::quantTypes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<qint64>("fileType"); // general.file_type, from the README's table
    for (const auto& [type, fileType] : std::vector<std::pair<const char*, qint64>>{{"F32", 0},
                                                                                    {"F16", 1},
                                                                                    {"BF16", 32},
                                                                                    {"Q8_0", 7},
                                                                                    {"Q4_0", 2},
                                                                                    {"Q4_K", 14},
                                                                                    {"Q6_K", 18},
                                                                                    {"Q4_K_M", 15}})
        QTest::newRow(type) << type << fileType;
}

void TestGgufFiles::quantTypes()
{
    QFETCH(QString, type);
    QFETCH(qint64, fileType);
    ATTNVIZ_REQUIRE_TESTDATA(kQuant);
    const nlohmann::json expected = expectedDequant()["types"][type.toStdString()];
    const GgufFile f(testdataPath(kQuant).toStdString() + "/" +
                     expected["file"].get<std::string>());
    QCOMPARE(f.alignment(), 32u);
    QCOMPARE(f.string("general.name"), "tiny-llama");
    QCOMPARE(f.integer("general.file_type"), fileType);
    QCOMPARE(f.integer("llama.context_length"), 256);
    QCOMPARE(f.integer("llama.rope.dimension_count"), 64);
    QCOMPARE(f.real("llama.rope.freq_base"), 10000.0);
    QCOMPARE(f.integer("tokenizer.ggml.padding_token_id"), 4294967295);
    QCOMPARE(f.boolean("tokenizer.ggml.add_bos_token"), true);
    QCOMPARE(f.boolean("tokenizer.ggml.add_eos_token"), false);

    const nlohmann::json& tensors = expected["tensors"];
    QCOMPARE(f.tensors().size(), tensors.size());
    for (std::size_t i = 0; i < tensors.size(); ++i) { // in file order
        const WeightView& view = f.tensors()[i];
        QCOMPARE(view.name, tensors[i]["name"].get<std::string>());
        QCOMPARE(std::string(toString(view.type)), tensors[i]["type"].get<std::string>());
        QCOMPARE(view.shape, reversed(tensors[i]["ne"]));
        checkValues(view, tensors[i]);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QString::fromStdString("in tensor " + view.name)));
    }
}

QTEST_APPLESS_MAIN(TestGgufFiles)
#include "tst_gguf_files.moc"
