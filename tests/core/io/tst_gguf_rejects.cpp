// GgufFile on damaged files: every kind of damage is refused with a message naming the file and,
// where there is one, the tensor or key.

#include "ggufbuilder.h"
#include "io/gguf.h"

#include <QTest>

using namespace attnviz::io;
using namespace iotest;

namespace {

using B = GgufBuilder;

QString fileError(const std::string& file)
{
    return formatErrorOf([&] { GgufFile(file, "f.gguf"); });
}

} // namespace

class TestGgufRejects : public QObject {
    Q_OBJECT

private slots:
    void rejects_data();
    void rejects();
    void everyPrefixRejected();
};

void TestGgufRejects::rejects_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    auto row = [](const char* tag, const std::string& file, const QString& message) {
        QTest::newRow(tag) << bytes(file) << message;
    };
    auto with = [](auto edit) {
        GgufBuilder b = twoTensorGguf();
        edit(b);
        return b.build();
    };
    auto key = [](const std::string& typedValue) {
        GgufBuilder b;
        return b.add("a", typedValue).build();
    };
    auto header = [](std::uint32_t version, std::uint64_t tensors, std::uint64_t keys) {
        std::string out = "GGUF";
        appendLittleEndian(out, version, 4);
        appendLittleEndian(out, tensors, 8);
        appendLittleEndian(out, keys, 8);
        return out;
    };
    const std::string valid = twoTensorGguf().build();

    row("empty", "", "f.gguf: not a GGUF file (it does not start with \"GGUF\")");
    row("ggml magic", "ggml" + valid.substr(4), "f.gguf: not a GGUF file");
    row("magic only", "GGUF",
        "f.gguf: the file ends inside the header (4 bytes needed at byte 4, 0 left)");
    row("version 1", header(1, 0, 0),
        "f.gguf: GGUF version 1 is not supported (versions 2 and 3 are)");
    row("version 4", header(4, 0, 0), "f.gguf: GGUF version 4 is not supported");
    row("big-endian", header(0x03000000, 0, 0),
        "f.gguf: GGUF version 50331648 means a big-endian file, which this machine cannot read");
    row("short header", header(3, 0, 0).substr(0, 20), "f.gguf: the file ends inside the header");
    row("key count", header(3, 0, ~std::uint64_t(0)),
        "f.gguf: the metadata count claims 18446744073709551615 items, more than the 0 bytes "
        "left can hold");
    row("tensor count", header(3, std::uint64_t(1) << 40, 0),
        "f.gguf: the tensor count claims 1099511627776 items");
    row("key length", header(3, 0, 1) + i64({-1}) + std::string(8, 'x'),
        "f.gguf: the file ends inside metadata key 0");
    row("empty key", header(3, 0, 1) + ggufString("") + B::scalar(kU8, 1, 1),
        "f.gguf: metadata key 0 is empty");
    row("duplicate key",
        GgufBuilder().add("a", B::scalar(kU8, 1, 1)).add("a", B::string("")).build(),
        "f.gguf: metadata key 'a' appears twice");
    row("unknown type", key(B::scalar(13, 0, 1)), "f.gguf: metadata 'a' has unknown type 13");
    row("unknown element type", key(B::array(99, 0, "")),
        "f.gguf: metadata 'a' has unknown type 99");
    row("nested array", key(B::array(kArr, 1, B::array(kU8, 0, ""))),
        "f.gguf: metadata 'a' is an array of arrays, which GGUF readers do not support");
    row("array count", key(B::array(kU32, std::uint64_t(1) << 62, "")),
        "f.gguf: the value of metadata 'a' claims 4611686018427387904 items");
    row("string array count", key(B::array(kStr, std::uint64_t(1) << 61, ggufString("x"))),
        "f.gguf: the value of metadata 'a' claims 2305843009213693952 items");
    row("string in array", key(B::array(kStr, 2, ggufString("x") + i64({1000}) + "abc")),
        "f.gguf: the file ends inside the value of metadata 'a' (1000 bytes needed");
    row("truncated value", key(B::scalar(kU64, 1, 8)).substr(0, 40),
        "f.gguf: the file ends inside the value of metadata 'a'");
    row("alignment type", with([](GgufBuilder& b) { b.add("general.alignment", B::string("32")); }),
        "f.gguf: metadata 'general.alignment' has type str, not u32");
    row("alignment 48",
        with([](GgufBuilder& b) { b.add("general.alignment", B::scalar(kU32, 48, 4)); }),
        "f.gguf: general.alignment 48 is not a power of two");
    row("alignment 0",
        with([](GgufBuilder& b) { b.add("general.alignment", B::scalar(kU32, 0, 4)); }),
        "f.gguf: general.alignment 0 is not a power of two");
    row("5 dims", with([](GgufBuilder& b) {
            b.tensors[1].ne = {1, 1, 1, 1, 4};
        }),
        "f.gguf: tensor 'b' has 5 dimensions (GGUF allows at most 4)");
    row("dim above int64", with([](GgufBuilder& b) { b.tensors[1].ne = {std::uint64_t(1) << 63}; }),
        "f.gguf: tensor 'b': dimension 0 of 9223372036854775808 elements is more than a 64-bit "
        "count holds");
    row("elements overflow", with([](GgufBuilder& b) {
            b.tensors[1].ne = {std::uint64_t(1) << 32, std::uint64_t(1) << 32};
        }),
        "f.gguf: tensor 'b': dimension 1 of 4294967296 elements is more than a 64-bit count holds");
    row("bytes overflow", with([](GgufBuilder& b) { b.tensors[1].ne = {std::uint64_t(1) << 62}; }),
        "f.gguf: tensor 'b': shape (4611686018427387904,) is more bytes than memory can address");
    row("Q5_K", with([](GgufBuilder& b) { b.tensors[0].type = 13; }),
        "f.gguf: tensor 'a' has type Q5_K (ggml type 13), which is not supported (supported: "
        "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)");
    row("IQ2_XXS", with([](GgufBuilder& b) { b.tensors[0].type = 16; }),
        "f.gguf: tensor 'a' has type IQ2_XXS (ggml type 16), which is not supported");
    row("F64", with([](GgufBuilder& b) { b.tensors[0].type = 28; }),
        "f.gguf: tensor 'a' has type F64 (ggml type 28), which is not supported");
    row("retired type", with([](GgufBuilder& b) { b.tensors[0].type = 4; }),
        "f.gguf: tensor 'a' has unknown ggml type 4");
    row("unknown type 99", with([](GgufBuilder& b) { b.tensors[0].type = 99; }),
        "f.gguf: tensor 'a' has unknown ggml type 99");
    row("partial block",
        with([](GgufBuilder& b) { b.tensors[0] = ggufTensor("a", {128}, kGgmlQ4_K, 72); }),
        "f.gguf: tensor 'a': rows of 128 elements are not whole Q4_K blocks of 256");
    row("scalar Q8_0",
        with([](GgufBuilder& b) { b.tensors[0] = ggufTensor("a", {}, kGgmlQ8_0, 34); }),
        "f.gguf: tensor 'a': rows of 1 elements are not whole Q8_0 blocks of 32");
    row("unaligned offset", with([](GgufBuilder& b) { b.tensors[1].offset = 36; }),
        "f.gguf: tensor 'b': offset 36 is not a multiple of the alignment 32");
    row("truncated name", valid.substr(0, 118),
        "f.gguf: the file ends inside tensor info 1 (1 bytes needed at byte 118, 0 left)");
    row("truncated info", valid.substr(0, 125),
        "f.gguf: the file ends inside the info of tensor 'b' (8 bytes needed at byte 123, 2 left)");
    row("truncated data", valid.substr(0, valid.size() - 1),
        "f.gguf: tensor 'b': its 16 bytes at offset 32 run past the end of the file (the data "
        "section holds 47 bytes)");
    row("no data", with([](GgufBuilder& b) {
            b.tensors[1].data.clear();
            b.tensors[0].data.clear();
        }),
        "f.gguf: tensor 'a': its 32 bytes at offset 0 run past the end of the file (the data "
        "section holds 0 bytes)");
    row("offset far away", with([](GgufBuilder& b) { b.tensors[1].offset = -64 & INT64_MAX; }),
        "f.gguf: tensor 'b': its 16 bytes at offset 9223372036854775744 run past the end");
    row("overlap", with([](GgufBuilder& b) {
            b.tensors[0] = ggufTensor("a", {16}, kGgmlF32, 64);
            b.tensors[1].offset = 32;
        }),
        "f.gguf: tensor 'b': its bytes at offset 32 overlap tensor 'a' (64 bytes at offset 0)");
    row("same name", with([](GgufBuilder& b) { b.tensors[1].name = "a"; }),
        "f.gguf: tensor 'a' appears twice");
}

void TestGgufRejects::rejects()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    const QString error = fileError(str(file));
    QVERIFY2(error.startsWith(message), qPrintable("got: " + error));
}

// Every proper prefix of a valid file is damaged and must be reported, naming the file.
void TestGgufRejects::everyPrefixRejected()
{
    GgufBuilder b = twoTensorGguf();
    b.add("tokens", B::array(kStr, 2, ggufString("<s>") + ggufString("x")));
    b.add("scores", B::array(kF32, 2, f32({0, -1})));
    const std::string file = b.build();
    QVERIFY(fileError(file).isEmpty());
    for (std::size_t n = 0; n < file.size(); ++n)
        QVERIFY2(fileError(file.substr(0, n)).startsWith("f.gguf: "),
                 qPrintable(QString::number(n)));
}
QTEST_APPLESS_MAIN(TestGgufRejects)
#include "tst_gguf_rejects.moc"
