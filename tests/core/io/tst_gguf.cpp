// GgufFile on files built byte by byte: every metadata type through the typed getters, tensor
// infos into views, and every kind of damage refused with a message naming file and tensor.

#include "ggufbuilder.h"
#include "io/gguf.h"

#include <QTest>
#include <bit>
#include <cstring>
#include <limits>

using namespace attnviz::io;
using namespace iotest;

namespace {

using B = GgufBuilder;

GgufBuilder everyType()
{
    GgufBuilder b;
    b.add("u8", B::scalar(kU8, 200, 1))
        .add("i8", B::scalar(kI8, std::uint8_t(-5), 1))
        .add("u16", B::scalar(kU16, 65535, 2))
        .add("i16", B::scalar(kI16, std::uint16_t(-32768), 2))
        .add("u32", B::scalar(kU32, 4294967295u, 4))
        .add("i32", B::scalar(kI32, std::uint32_t(INT32_MIN), 4))
        .add("u64", B::scalar(kU64, std::uint64_t(INT64_MAX), 8))
        .add("u64 big", B::scalar(kU64, ~std::uint64_t(0), 8))
        .add("i64", B::scalar(kI64, std::uint64_t(INT64_MIN), 8))
        .add("f32", B::scalar(kF32, std::bit_cast<std::uint32_t>(0.5f), 4))
        .add("f64", B::scalar(kF64, std::bit_cast<std::uint64_t>(1e300), 8))
        .add("true", B::scalar(kBool, 1, 1))
        .add("false", B::scalar(kBool, 0, 1))
        .add("str", B::string("h\xc3\xa9llo"))
        .add("empty str", B::string(""))
        .add("strs", B::array(kStr, 3, ggufString("a") + ggufString("") + ggufString("\xc3\xbc")))
        .add("no strs", B::array(kStr, 0, ""))
        .add("i32s", B::array(kI32, 3, i32({1, -2, 3})))
        .add("u8s", B::array(kU8, 2, std::string("\xff\x00", 2)))
        .add("u64s", B::array(kU64, 1, i64({-1})))
        .add("f32s", B::array(kF32, 2, f32({0.25f, -1})))
        .add("f64s", B::array(kF64, 1, f64({-0.125})))
        .add("bools", B::array(kBool, 2, std::string("\x01\x00", 2)));
    return b;
}

GgufTensor tensor(const std::string& name, std::vector<std::uint64_t> ne, std::uint32_t type,
                  std::size_t bytes, std::int64_t offset = -1)
{
    std::string data(bytes, '\0');
    for (std::size_t i = 0; i < bytes; ++i)
        data[i] = char(i * 7 + name.size());
    return {name, std::move(ne), type, data, offset};
}

// Two F32 tensors after one metadata key; the file ends with the last tensor's last byte.
GgufBuilder twoTensors()
{
    GgufBuilder b;
    b.add("general.architecture", B::string("llama"));
    b.tensors = {tensor("a", {4, 2}, kGgmlF32, 32), tensor("b", {4}, kGgmlF32, 16)};
    return b;
}

QString fileError(const std::string& file)
{
    return formatErrorOf([&] { GgufFile(file, "f.gguf"); });
}

} // namespace

class TestGguf : public QObject {
    Q_OBJECT

private slots:
    void metadata();
    void metadataErrors_data();
    void metadataErrors();
    void tensors();
    void versionAndAlignment();
    void rejects_data();
    void rejects();
    void everyPrefixRejected();
};

void TestGguf::metadata()
{
    const std::string file = everyType().build();
    const GgufFile f(file, "f.gguf");
    QCOMPARE(f.version(), 3u);
    QCOMPARE(f.alignment(), 32u);
    QCOMPARE(f.keys().size(), std::size_t(23));
    QCOMPARE(f.keys().front(), "u8");
    QCOMPARE(f.keys().back(), "bools");
    QVERIFY(f.tensors().empty());
    QVERIFY(f.has("f64s") && !f.has("f64t"));
    QVERIFY(f.value("strs")->isArray && f.value("strs")->type == GgufType::String);

    QCOMPARE(f.integer("u8"), 200);
    QCOMPARE(f.integer("i8"), -5);
    QCOMPARE(f.integer("u16"), 65535);
    QCOMPARE(f.integer("i16"), -32768);
    QCOMPARE(f.integer("u32"), 4294967295);
    QCOMPARE(f.integer("i32"), INT32_MIN);
    QCOMPARE(f.integer("u64"), INT64_MAX);
    QCOMPARE(f.integer("i64"), INT64_MIN);
    QCOMPARE(f.real("f32"), 0.5);
    QCOMPARE(f.real("f64"), 1e300);
    QCOMPARE(f.real("i32"), double(INT32_MIN));
    QCOMPARE(f.real("u64 big"), 18446744073709551615.0);
    QCOMPARE(f.boolean("true"), true);
    QCOMPARE(f.boolean("false"), false);
    QCOMPARE(f.string("str"), "h\xc3\xa9llo");
    QCOMPARE(f.string("empty str"), "");
    QCOMPARE(f.strings("strs"), (std::vector<std::string_view>{"a", "", "\xc3\xbc"}));
    QVERIFY(f.strings("no strs").empty());
    QCOMPARE(f.integers("i32s"), (std::vector<std::int64_t>{1, -2, 3}));
    QCOMPARE(f.integers("u8s"), (std::vector<std::int64_t>{255, 0}));
    QCOMPARE(f.reals("f32s"), (std::vector<double>{0.25, -1}));
    QCOMPARE(f.reals("f64s"), (std::vector<double>{-0.125}));
    QCOMPARE(f.reals("i32s"), (std::vector<double>{1, -2, 3}));
}

void TestGguf::metadataErrors_data()
{
    QTest::addColumn<QString>("getter");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "integer"
                             << "llama.block_count"
                             << "f.gguf: metadata 'llama.block_count' is missing";
    QTest::newRow("u64 beyond int64") << "integer"
                                      << "u64 big"
                                      << "f.gguf: metadata 'u64 big' holds 18446744073709551615, "
                                         "beyond the range of a 64-bit signed integer";
    QTest::newRow("u64 array beyond") << "integers"
                                      << "u64s"
                                      << "f.gguf: metadata 'u64s' holds 18446744073709551615";
    QTest::newRow("float as integer") << "integer"
                                      << "f32"
                                      << "f.gguf: metadata 'f32' has type f32, not an integer";
    QTest::newRow("bool as integer") << "integer"
                                     << "true"
                                     << "f.gguf: metadata 'true' has type bool, not an integer";
    QTest::newRow("array as scalar") << "integer"
                                     << "i32s"
                                     << "f.gguf: metadata 'i32s' has type arr[i32], not an integer";
    QTest::newRow("scalar as array") << "integers"
                                     << "i32"
                                     << "f.gguf: metadata 'i32' has type i32, not an array of "
                                        "integers";
    QTest::newRow("string as number") << "real"
                                      << "str"
                                      << "f.gguf: metadata 'str' has type str, not a number";
    QTest::newRow("integer as bool") << "boolean"
                                     << "u8"
                                     << "f.gguf: metadata 'u8' has type u8, not bool";
    QTest::newRow("strings as string") << "string"
                                       << "strs"
                                       << "f.gguf: metadata 'strs' has type arr[str], not a string";
    QTest::newRow("bools as integers") << "integers"
                                       << "bools"
                                       << "f.gguf: metadata 'bools' has type arr[bool], not an "
                                          "array of integers";
    QTest::newRow("strings as reals") << "reals"
                                      << "strs"
                                      << "f.gguf: metadata 'strs' has type arr[str], not an array "
                                         "of numbers";
    QTest::newRow("reals as strings") << "strings"
                                      << "f32s"
                                      << "f.gguf: metadata 'f32s' has type arr[f32], not an array "
                                         "of strings";
}

void TestGguf::metadataErrors()
{
    QFETCH(QString, getter);
    QFETCH(QString, key);
    QFETCH(QString, message);
    const std::string file = everyType().build();
    const GgufFile f(file, "f.gguf");
    const std::string k = key.toStdString();
    const QString error = formatErrorOf([&] {
        if (getter == "integer")
            f.integer(k);
        else if (getter == "integers")
            f.integers(k);
        else if (getter == "real")
            f.real(k);
        else if (getter == "reals")
            f.reals(k);
        else if (getter == "boolean")
            f.boolean(k);
        else if (getter == "string")
            f.string(k);
        else
            f.strings(k);
    });
    QVERIFY2(error.startsWith(message), qPrintable("got: " + error));
}

// ne[] is reversed into PyTorch order; views point at the bytes of each tensor in the file.
void TestGguf::tensors()
{
    GgufBuilder b;
    b.tensors = {
        tensor("matrix", {4, 3}, kGgmlF32, 48),   tensor("vector", {5}, kGgmlF16, 10),
        tensor("cube", {2, 2, 2}, kGgmlBF16, 16), tensor("scalar", {}, kGgmlF32, 4),
        tensor("empty", {0, 4}, kGgmlF32, 0),     tensor("q8", {64, 2}, kGgmlQ8_0, 2 * 2 * 34),
        tensor("q4", {32}, kGgmlQ4_0, 18),        tensor("q4k", {256, 1}, kGgmlQ4_K, 144),
        tensor("q6k", {512}, kGgmlQ6_K, 2 * 210)};
    const std::string file = b.build();
    const GgufFile f(file, "f.gguf");
    QCOMPARE(f.tensors().size(), b.tensors.size());
    const std::vector<std::vector<std::int64_t>> shapes = {{3, 4},  {5},  {2, 2, 2}, {},   {4, 0},
                                                           {2, 64}, {32}, {1, 256},  {512}};
    const std::vector<WeightType> types = {WeightType::F32,  WeightType::F16,  WeightType::BF16,
                                           WeightType::F32,  WeightType::F32,  WeightType::Q8_0,
                                           WeightType::Q4_0, WeightType::Q4_K, WeightType::Q6_K};
    for (std::size_t i = 0; i < b.tensors.size(); ++i) {
        const WeightView& view = f.tensors()[i];
        const GgufTensor& written = b.tensors[i];
        QCOMPARE(view.name, written.name);
        QCOMPARE(view.shape, shapes[i]);
        QVERIFY(view.type == types[i]);
        QCOMPARE(view.bytes, written.data.size());
        QVERIFY(std::memcmp(view.data, written.data.data(), view.bytes) == 0);
        QCOMPARE(std::size_t(reinterpret_cast<const char*>(view.data) - file.data()) % 32, 0u);
        QCOMPARE(&f.require(written.name), &view);
    }
    QCOMPARE(formatErrorOf([&] { f.require("output.weight"); }),
             "f.gguf: missing tensor 'output.weight'");
    std::vector<float> out(12);
    widenRows(f.require("matrix"), 1, 2, out.data());
    float expected[8];
    std::memcpy(expected, b.tensors[0].data.data() + 16, 32);
    QVERIFY(std::memcmp(out.data(), expected, 32) == 0);
}

void TestGguf::versionAndAlignment()
{
    GgufBuilder b = twoTensors();
    b.version = 2;
    b.alignment = 64;
    b.add("general.alignment", B::scalar(kU32, 64, 4));
    const std::string file = b.build();
    const GgufFile f(file, "f.gguf");
    QCOMPARE(f.version(), 2u);
    QCOMPARE(f.alignment(), 64u);
    QCOMPARE(std::size_t(reinterpret_cast<const char*>(f.require("b").data) - file.data()) % 64,
             0u);
    QVERIFY(std::memcmp(f.require("b").data, b.tensors[1].data.data(), 16) == 0);
}

void TestGguf::rejects_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    auto row = [](const char* tag, const std::string& file, const QString& message) {
        QTest::newRow(tag) << bytes(file) << message;
    };
    auto with = [](auto edit) {
        GgufBuilder b = twoTensors();
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
    const std::string valid = twoTensors().build();

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
        with([](GgufBuilder& b) { b.tensors[0] = tensor("a", {128}, kGgmlQ4_K, 72); }),
        "f.gguf: tensor 'a': rows of 128 elements are not whole Q4_K blocks of 256");
    row("scalar Q8_0", with([](GgufBuilder& b) { b.tensors[0] = tensor("a", {}, kGgmlQ8_0, 34); }),
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
            b.tensors[0] = tensor("a", {16}, kGgmlF32, 64);
            b.tensors[1].offset = 32;
        }),
        "f.gguf: tensor 'b': its bytes at offset 32 overlap tensor 'a' (64 bytes at offset 0)");
    row("same name", with([](GgufBuilder& b) { b.tensors[1].name = "a"; }),
        "f.gguf: tensor 'a' appears twice");
}

void TestGguf::rejects()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    const QString error = fileError(str(file));
    QVERIFY2(error.startsWith(message), qPrintable("got: " + error));
}

// Every proper prefix of a valid file is damaged and must be reported, naming the file.
void TestGguf::everyPrefixRejected()
{
    GgufBuilder b = twoTensors();
    b.add("tokens", B::array(kStr, 2, ggufString("<s>") + ggufString("x")));
    b.add("scores", B::array(kF32, 2, f32({0, -1})));
    const std::string file = b.build();
    QVERIFY(fileError(file).isEmpty());
    for (std::size_t n = 0; n < file.size(); ++n)
        QVERIFY2(fileError(file.substr(0, n)).startsWith("f.gguf: "),
                 qPrintable(QString::number(n)));
}

QTEST_APPLESS_MAIN(TestGguf)
#include "tst_gguf.moc"
