#include "io/decode.h"
#include "io/safetensors.h"
#include "iotestutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cmath>
#include <fstream>
#include <limits>

using namespace attnviz::io;

namespace {

using iotest::bytes;
using iotest::str;

QList<quint32> bitsOf(const std::vector<float>& v)
{
    QList<quint32> out;
    for (float f : v)
        out << std::bit_cast<std::uint32_t>(f);
    return out;
}

QList<quint32> bitsOf(const QList<float>& v)
{
    return bitsOf(std::vector<float>(v.begin(), v.end()));
}

QString errorOf(const std::string& file)
{
    return iotest::formatErrorOf([&] { parseSafetensors(file, "w.safetensors"); });
}

constexpr float kInf = std::numeric_limits<float>::infinity();

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private slots:
    void dtypes_data();
    void dtypes();
    void halfMatchesArithmetic();
    void severalTensorsAndMetadata();
    void emptyHeader();
    void rejects_data();
    void rejects();
    void readFile();
};

void TestSafetensors::dtypes_data()
{
    using namespace iotest;
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<int>("type");
    QTest::addColumn<QList<float>>("values");
    QTest::newRow("F32") << bytes(f32({1.5f, -0.0f, kInf, 1e-45f})) << "F32" << int(DType::F32)
                         << QList<float>{1.5f, -0.0f, kInf, 1e-45f};
    QTest::newRow("F64") << bytes(f64({0.1, -2.0, 1e300, 5e-324})) << "F64" << int(DType::F64)
                         << QList<float>{0.1f, -2.0f, kInf, 0.0f};
    // 1, largest normal, smallest subnormal, largest subnormal, smallest normal, -0, -inf, -2
    QTest::newRow("F16") << bytes(u16(
                                {0x3C00, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x8000, 0xFC00, 0xC000}))
                         << "F16" << int(DType::F16) << QList<float>{1.0f,
                                                                     65504.0f,
                                                                     5.9604644775390625e-8f,
                                                                     6.0975551605224609375e-5f,
                                                                     6.103515625e-5f,
                                                                     -0.0f,
                                                                     -kInf,
                                                                     -2.0f};
    QTest::newRow("BF16")
        << bytes(u16({0x3F80, 0xC000, 0x7F80, 0x0001, 0x7F7F, 0x3E20})) << "BF16"
        << int(DType::BF16)
        << QList<float>{1.0f,    -2.0f, kInf, std::ldexp(1.0f, -133), 3.3895313892515355e38f,
                        0.15625f};
}

void TestSafetensors::dtypes()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, dtype);
    QFETCH(int, type);
    QFETCH(QList<float>, values);
    const std::int64_t n = values.size();
    const auto tensors = parseSafetensors(
        iotest::safetensorsFile({{"t", dtype.toStdString(), {2, n / 2}, str(data)}}), "w.st");
    QCOMPARE(tensors.size(), std::size_t(1));
    const Tensor& t = tensors.at("t");
    QCOMPARE(int(t.sourceType), type);
    QCOMPARE(t.shape, (std::vector<std::int64_t>{2, n / 2}));
    QCOMPARE(bitsOf(t.values), bitsOf(values));
}

// Every binary16 pattern against sign · mantissa · 2^exponent computed in double.
void TestSafetensors::halfMatchesArithmetic()
{
    for (std::uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
        const int exponent = (bits >> 10) & 0x1F;
        const int mantissa = bits & 0x3FF;
        const double sign = (bits & 0x8000) ? -1.0 : 1.0;
        const float got = halfToFloat(static_cast<std::uint16_t>(bits));
        if (exponent == 31) {
            QCOMPARE(std::isnan(got), mantissa != 0);
            QCOMPARE(std::signbit(got), sign < 0);
            continue;
        }
        const double expected = exponent == 0
                                    ? sign * mantissa * std::ldexp(1.0, -24)
                                    : sign * (1024 + mantissa) * std::ldexp(1.0, exponent - 25);
        if (double(got) != expected || std::signbit(got) != (sign < 0))
            QFAIL(qPrintable(QString("0x%1 gave %2").arg(bits, 4, 16).arg(got)));
    }
    QVERIFY(std::isnan(bfloat16ToFloat(0x7FC0)));
}

void TestSafetensors::severalTensorsAndMetadata()
{
    using namespace iotest;
    // Declared in a different order than stored: offsets decide, not the JSON order.
    const std::string data = f32({1, 2}) + u16({0x3C00}) + f64({-4});
    const std::string header =
        R"({"c":{"dtype":"F64","shape":[],"data_offsets":[10,18]},)"
        R"("__metadata__":{"format":"pt","nested":{"a":["b","\u00e9\ud83d\ude00"]}},)"
        R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
        R"("b":{"data_offsets":[8,10],"shape":[1,1],"dtype":"F16"},)"
        R"("z":{"dtype":"BF16","shape":[0,3],"data_offsets":[18,18]}}    )";
    const auto tensors = parseSafetensors(safetensorsRaw(header, data), "w.st");
    QCOMPARE(tensors.size(), std::size_t(4));
    QCOMPARE(tensors.at("a").values, (std::vector<float>{1, 2}));
    QCOMPARE(tensors.at("b").values, (std::vector<float>{1}));
    QCOMPARE(tensors.at("b").shape, (std::vector<std::int64_t>{1, 1}));
    QCOMPARE(tensors.at("c").values, (std::vector<float>{-4}));
    QVERIFY(tensors.at("c").shape.empty());
    QCOMPARE(tensors.at("z").values.size(), std::size_t(0));
    QVERIFY(tensors.at("z").sourceType == DType::BF16);
}

void TestSafetensors::emptyHeader()
{
    QVERIFY(parseSafetensors(iotest::safetensorsRaw("{}", ""), "w").empty());
    QVERIFY(parseSafetensors(iotest::safetensorsRaw(R"({"__metadata__":{}})", ""), "w").empty());
}

void TestSafetensors::rejects_data()
{
    using namespace iotest;
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    const std::string eight = f32({1, 2});
    auto one = [&](const std::string& info, const std::string& data = std::string(8, '\0')) {
        return bytes(safetensorsRaw("{\"t\":" + info + "}", data));
    };
    std::string huge;
    appendLittleEndian(huge, 100'000'001, 8);
    std::string hugest;
    appendLittleEndian(hugest, ~std::uint64_t(0), 8);

    QTest::newRow("empty") << QByteArray()
                           << "w.safetensors: file is too short to be a "
                              ".safetensors file (0 bytes)";
    QTest::newRow("7 bytes") << QByteArray(7, '\0') << "w.safetensors: file is too short";
    QTest::newRow("header > 100 MB") << bytes(huge + "{}")
                                     << "w.safetensors: header length 100000001 is above the "
                                        "100 MB limit";
    QTest::newRow("header 2^64-1") << bytes(hugest + "{}")
                                   << "w.safetensors: header length 18446744073709551615 is "
                                      "above the 100 MB limit";
    QTest::newRow("header past end") << bytes(safetensorsRaw("{}", "").replace(0, 1, "\x09"))
                                     << "w.safetensors: header length 9 runs past the end of "
                                        "the file (10 bytes)";
    QTest::newRow("not json") << bytes(safetensorsRaw("PK\x03\x04", ""))
                              << "w.safetensors: header: invalid JSON at byte 0: syntax error "
                                 "while parsing value - invalid literal";
    QTest::newRow("array root") << bytes(safetensorsRaw("[]", ""))
                                << "w.safetensors: header is not a JSON object";
    QTest::newRow("entry not object") << one("[1]")
                                      << "w.safetensors: tensor 't': header entry is not an "
                                         "object";
    QTest::newRow("I8") << one(R"({"dtype":"I8","shape":[8],"data_offsets":[0,8]})")
                        << "w.safetensors: tensor 't' has unsupported dtype 'I8' (supported: "
                           "F32, F64, F16, BF16)";
    QTest::newRow("F8") << one(R"({"dtype":"F8_E4M3","shape":[8],"data_offsets":[0,8]})")
                        << "w.safetensors: tensor 't' has unsupported dtype 'F8_E4M3'";
    QTest::newRow("no dtype") << one(R"({"shape":[2],"data_offsets":[0,8]})")
                              << "w.safetensors: tensor 't' has no \"dtype\" string";
    QTest::newRow("dtype number") << one(R"({"dtype":32,"shape":[2],"data_offsets":[0,8]})")
                                  << "w.safetensors: tensor 't' has no \"dtype\" string";
    QTest::newRow("no shape") << one(R"({"dtype":"F32","data_offsets":[0,8]})")
                              << "w.safetensors: tensor 't' has no \"shape\"";
    QTest::newRow("no offsets") << one(R"({"dtype":"F32","shape":[2]})")
                                << "w.safetensors: tensor 't' has no \"data_offsets\"";
    QTest::newRow("shape string") << one(R"({"dtype":"F32","shape":"2","data_offsets":[0,8]})")
                                  << "w.safetensors: tensor 't': \"shape\" is not an array";
    QTest::newRow("fractional dim") << one(R"({"dtype":"F32","shape":[2.0],"data_offsets":[0,8]})")
                                    << "w.safetensors: tensor 't': \"shape\" holds something "
                                       "other than 64-bit integers";
    QTest::newRow("negative dim") << one(R"({"dtype":"F32","shape":[-2],"data_offsets":[0,8]})")
                                  << "w.safetensors: tensor 't': \"shape\" holds the negative "
                                     "value -2";
    QTest::newRow("dim > int64") << one(R"({"dtype":"F32","shape":[18446744073709551616],)"
                                        R"("data_offsets":[0,8]})")
                                 << "w.safetensors: tensor 't': \"shape\" holds something other "
                                    "than 64-bit integers";
    QTest::newRow("overflow") << one(R"({"dtype":"F32","shape":[4294967296,4294967296,4],)"
                                     R"("data_offsets":[0,8]})")
                              << "w.safetensors: tensor 't': shape (4294967296, 4294967296, 4) "
                                 "has more elements than a 64-bit count can hold";
    QTest::newRow("too many") << one(R"({"dtype":"F32","shape":[2147483649],)"
                                     R"("data_offsets":[0,8]})")
                              << "w.safetensors: tensor 't': shape (2147483649,) has 2147483649 "
                                 "elements, more than the supported 2147483648";
    QTest::newRow("one offset") << one(R"({"dtype":"F32","shape":[2],"data_offsets":[8]})")
                                << "w.safetensors: tensor 't': \"data_offsets\" must hold two "
                                   "numbers, not 1";
    QTest::newRow("reversed") << one(R"({"dtype":"F32","shape":[0],"data_offsets":[8,0]})")
                              << "w.safetensors: tensor 't': data_offsets [8, 0] end before they "
                                 "begin";
    QTest::newRow("past end") << one(R"({"dtype":"F32","shape":[4],"data_offsets":[0,16]})")
                              << "w.safetensors: tensor 't': data_offsets [0, 16] run past the "
                                 "end of the data (8 bytes)";
    QTest::newRow("huge offset")
        << one(R"({"dtype":"F32","shape":[2],)"
               R"("data_offsets":[9223372036854775800,9223372036854775807]})")
        << "w.safetensors: tensor 't': data_offsets "
           "[9223372036854775800, 9223372036854775807] run past the end";
    QTest::newRow("size mismatch") << one(R"({"dtype":"F64","shape":[2],"data_offsets":[0,8]})")
                                   << "w.safetensors: tensor 't': data_offsets [0, 8] span 8 "
                                      "bytes but F64 with shape (2,) needs 16";
    QTest::newRow("overlap") << bytes(safetensorsRaw(
                                    R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                    R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                    eight))
                             << "w.safetensors: tensor 'b': data_offsets overlap tensor 'a'";
    QTest::newRow("same bytes") << bytes(safetensorsRaw(
                                       R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                       R"("b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
                                       eight))
                                << "w.safetensors: tensor 'b': data_offsets overlap tensor 'a'";
    QTest::newRow("gap") << bytes(safetensorsRaw(
                                R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eight))
                         << "w.safetensors: tensor 'a': data_offsets leave bytes [0, 4) of the "
                            "data unused";
    QTest::newRow("trailing") << one(R"({"dtype":"F32","shape":[1],"data_offsets":[0,4]})")
                              << "w.safetensors: 4 bytes of data after the last tensor belong to "
                                 "no tensor";
    QTest::newRow("duplicate name")
        << bytes(safetensorsRaw(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                eight))
        << "w.safetensors: header: invalid JSON at byte 54: "
           "duplicate key \"a\"";
    QTest::newRow("deep metadata")
        << bytes(safetensorsRaw(
               "{\"__metadata__\":" + std::string(100, '[') + std::string(100, ']') + "}", ""))
        << "w.safetensors: header: invalid JSON at byte 79: nested "
           "deeper than 64 levels";
    QTest::newRow("bad utf-8 name") << bytes(safetensorsRaw("{\"\xff\":1}", ""))
                                    << "w.safetensors: header: invalid JSON at byte 2: syntax "
                                       "error while parsing object key - invalid string: "
                                       "ill-formed UTF-8 byte";
    QTest::newRow("garbage") << bytes(safetensorsRaw("\x80\x81\xfe", "\x01"))
                             << "w.safetensors: header: invalid JSON at byte 0: syntax error "
                                "while parsing value - invalid literal";
}

void TestSafetensors::rejects()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    const QString error = errorOf(str(file));
    if (!error.startsWith(message))
        QFAIL(qPrintable("got: " + error));
}

void TestSafetensors::readFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("w.safetensors").toStdString();
    {
        std::ofstream out(path, std::ios::binary);
        out << iotest::safetensorsFile({{"x", "F32", {1, 2}, iotest::f32({3, 4})}});
    }
    QCOMPARE(readSafetensors(path).at("x").values, (std::vector<float>{3, 4}));
    const std::string missing = dir.filePath("missing.safetensors").toStdString();
    QCOMPARE(iotest::formatErrorOf([&] { readSafetensors(missing); }),
             QString::fromStdString(missing) + ": cannot open file: No such file or directory");
}

QTEST_APPLESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
