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

} // namespace

class TestGguf : public QObject {
    Q_OBJECT

private slots:
    void metadata();
    void metadataErrors_data();
    void metadataErrors();
    void tensors();
    void versionAndAlignment();
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
    b.tensors = {ggufTensor("matrix", {4, 3}, kGgmlF32, 48),
                 ggufTensor("vector", {5}, kGgmlF16, 10),
                 ggufTensor("cube", {2, 2, 2}, kGgmlBF16, 16),
                 ggufTensor("scalar", {}, kGgmlF32, 4),
                 ggufTensor("empty", {0, 4}, kGgmlF32, 0),
                 ggufTensor("q8", {64, 2}, kGgmlQ8_0, 2 * 2 * 34),
                 ggufTensor("q4", {32}, kGgmlQ4_0, 18),
                 ggufTensor("q4k", {256, 1}, kGgmlQ4_K, 144),
                 ggufTensor("q6k", {512}, kGgmlQ6_K, 2 * 210)};
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
    GgufBuilder b = twoTensorGguf();
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

QTEST_APPLESS_MAIN(TestGguf)
#include "tst_gguf.moc"
