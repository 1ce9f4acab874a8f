// Damaged files must either parse or throw FormatError: no other exception, no crash, no
// over-read (the suite runs under ASan and UBSan in the sanitizer build).

#include "common/random.h"
#include "ggufbuilder.h"
#include "io/gguf.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "iotestutil.h"

#include <QTest>
#include <functional>

using namespace attnviz;
using namespace attnviz::io;

namespace {

enum class Outcome { Parsed, FormatError, Other };

using Parser = std::function<void(const std::string&)>;

struct Result {
    Outcome outcome;
    std::string message;
};

Result run(const Parser& parse, const std::string& file)
{
    try {
        parse(file);
        return {Outcome::Parsed, {}};
    } catch (const FormatError& e) {
        return {Outcome::FormatError, e.what()};
    } catch (const std::exception& e) {
        return {Outcome::Other, std::string("unexpected exception: ") + e.what()};
    } catch (...) {
        return {Outcome::Other, "unexpected non-standard exception"};
    }
}

Parser npyParser()
{
    return [](const std::string& f) { parseNpy(f, "f.npy"); };
}

Parser safetensorsParser()
{
    return [](const std::string& f) { parseSafetensors(f, "f.safetensors"); };
}

Parser ggufParser()
{
    return [](const std::string& f) { GgufFile(f, "f.gguf"); };
}

std::string validGguf()
{
    using namespace iotest;
    using B = GgufBuilder;
    GgufBuilder b;
    b.add("general.architecture", B::string("llama"))
        .add("llama.block_count", B::scalar(kU32, 2, 4))
        .add("tokenizer.ggml.tokens", B::array(kStr, 2, ggufString("<s>") + ggufString("a")))
        .add("tokenizer.ggml.scores", B::array(kF32, 2, f32({0, -1})));
    b.tensors = {{"w", {32, 2}, kGgmlQ8_0, std::string(68, '\1')},
                 {"n", {4}, kGgmlF32, f32({1, 2, 3, 4})}};
    return b.build();
}

std::string validSafetensors()
{
    using namespace iotest;
    return safetensorsFile({{"encoder.in_proj_weight", "F32", {3, 2}, f32({1, 2, 3, 4, 5, 6})},
                            {"h", "F16", {2}, u16({0x3C00, 0x0001})},
                            {"b", "BF16", {1, 1}, u16({0x3F80})},
                            {"d", "F64", {}, f64({0.5})},
                            {"e", "F32", {0, 4}, ""}},
                           R"({"format":"pt","note":"\u00e9"})");
}

} // namespace

Q_DECLARE_METATYPE(Parser)

class TestIoFuzz : public QObject {
    Q_OBJECT

private slots:
    void truncation_data();
    void truncation();
    void mutation_data();
    void mutation();
    void hugeNumbers_data();
    void hugeNumbers();
    void randomBytes();
};

// Files of every kind the fuzz starts from. The header-heavy ones make mutations meaningful.
static void addSeeds()
{
    using namespace iotest;
    QTest::addColumn<Parser>("parse");
    QTest::addColumn<QByteArray>("file");
    const float m[] = {1, 2, 3, 4, 5, 6};
    QTest::newRow("npy f4 v1") << npyParser() << bytes(serializeNpy({2, 3}, m));
    QTest::newRow("npy f8 v2") << npyParser()
                               << bytes(npyFile(2, npyDict("<f8", "(2, 1)"), f64({1.5, -2})));
    QTest::newRow("npy f2 v3") << npyParser()
                               << bytes(npyFile(3, npyDict("<f2", "(3,)"),
                                                u16({0x3C00, 0x7BFF, 0x0001})));
    QTest::newRow("npy bool") << npyParser()
                              << bytes(npyFile(1, npyDict("|b1", "(2, 2)"),
                                               std::string("\1\0\0\1", 4)));
    QTest::newRow("npy i8 scalar")
        << npyParser() << bytes(npyFile(1, npyDict("<i8", "()"), i64({-5})));
    QTest::newRow("safetensors") << safetensorsParser() << bytes(validSafetensors());
    QTest::newRow("gguf") << ggufParser() << bytes(validGguf());
}

void TestIoFuzz::truncation_data()
{
    addSeeds();
}

// Every proper prefix of a valid file is damaged and must be reported as such.
void TestIoFuzz::truncation()
{
    QFETCH(Parser, parse);
    QFETCH(QByteArray, file);
    const std::string whole(file.constData(), std::size_t(file.size()));
    QCOMPARE(int(run(parse, whole).outcome), int(Outcome::Parsed));
    for (std::size_t n = 0; n < whole.size(); ++n) {
        const Result r = run(parse, whole.substr(0, n));
        if (r.outcome != Outcome::FormatError)
            QFAIL(
                qPrintable(QString("prefix of %1 bytes: %2")
                               .arg(n)
                               .arg(r.outcome == Outcome::Parsed ? "parsed" : r.message.c_str())));
        QVERIFY2(r.message.starts_with("f."), r.message.c_str());
    }
}

void TestIoFuzz::mutation_data()
{
    addSeeds();
}

// Seeded random damage: overwritten bytes, flipped bits, inserted and deleted bytes, mostly in
// the header where the parsing happens.
void TestIoFuzz::mutation()
{
    QFETCH(Parser, parse);
    QFETCH(QByteArray, file);
    const std::string original(file.constData(), std::size_t(file.size()));
    const std::size_t headerEnd = std::min<std::size_t>(original.size(), 140);
    SeededRandom random(mixSeed(20240611, qHash(QTest::currentDataTag())));
    int parsed = 0, rejected = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string f = original;
        const int edits = 1 + int(random.next() % 4);
        for (int e = 0; e < edits && !f.empty(); ++e) {
            const std::size_t limit = random.next() % 4 ? std::min(headerEnd, f.size()) : f.size();
            const std::size_t pos = random.next() % limit;
            const char byte = static_cast<char>(random.next() & 0xFF);
            switch (random.next() % 5) {
            case 0:
                f[pos] = byte;
                break;
            case 1:
                f[pos] = static_cast<char>(f[pos] ^ (1 << (random.next() % 8)));
                break;
            case 2:
                f.insert(f.begin() + std::ptrdiff_t(pos), byte);
                break;
            case 3:
                f.erase(pos, 1);
                break;
            default:
                f[pos] = "0123456789,()[]{}:'\"-e."[random.next() % 23];
                break;
            }
        }
        const Result r = run(parse, f);
        if (r.outcome == Outcome::Other)
            QFAIL(qPrintable(QString("mutation %1: %2").arg(i).arg(r.message.c_str())));
        if (r.outcome == Outcome::FormatError && !r.message.starts_with("f."))
            QFAIL(qPrintable(QString("message does not name the file: ") + r.message.c_str()));
        (r.outcome == Outcome::Parsed ? parsed : rejected)++;
    }
    // Both outcomes must occur, or the mutations did not exercise the parser.
    QVERIFY2(parsed > 10 && rejected > 1000,
             qPrintable(QString("parsed %1, rejected %2").arg(parsed).arg(rejected)));
}

void TestIoFuzz::hugeNumbers_data()
{
    using namespace iotest;
    QTest::addColumn<Parser>("parse");
    QTest::addColumn<QByteArray>("file");
    const std::vector<std::string> numbers = {"9223372036854775807",
                                              "9223372036854775808",
                                              "18446744073709551615",
                                              "18446744073709551616",
                                              "4294967296",
                                              "2147483648",
                                              "-1",
                                              "-9223372036854775808",
                                              "1e400",
                                              "99999999999999999999999999999999"};
    for (const std::string& n : numbers) {
        QTest::addRow("npy dim %s", n.c_str())
            << npyParser() << bytes(npyFile(1, npyDict("<f4", "(" + n + ", 2)"), f32({1, 2})));
        QTest::addRow("npy second dim %s", n.c_str())
            << npyParser() << bytes(npyFile(1, npyDict("<f4", "(2, " + n + ")"), f32({1, 2})));
        const std::string info = R"({"dtype":"F32","shape":[)" + n + R"(,2],"data_offsets":[0,8]})";
        QTest::addRow("st dim %s", n.c_str())
            << safetensorsParser() << bytes(safetensorsRaw("{\"t\":" + info + "}", f32({1, 2})));
        const std::string offsets = R"({"dtype":"F32","shape":[2],"data_offsets":[)" + n + ",8]}";
        QTest::addRow("st begin %s", n.c_str())
            << safetensorsParser() << bytes(safetensorsRaw("{\"t\":" + offsets + "}", f32({1, 2})));
        const std::string ends = R"({"dtype":"F32","shape":[2],"data_offsets":[0,)" + n + "]}";
        QTest::addRow("st end %s", n.c_str())
            << safetensorsParser() << bytes(safetensorsRaw("{\"t\":" + ends + "}", f32({1, 2})));
    }
    // Header lengths: 16 and 32 bits for .npy, 64 bits for .safetensors.
    for (std::uint64_t len :
         {std::uint64_t(0xFFFF), std::uint64_t(0xFFFFFFFF), std::uint64_t(100'000'001),
          std::uint64_t(1) << 63, ~std::uint64_t(0), std::uint64_t(200)}) {
        std::string npy1 = serializeNpy({1}, std::vector<float>{1}.data());
        npy1[8] = char(len & 0xFF);
        npy1[9] = char((len >> 8) & 0xFF);
        QTest::addRow("npy v1 length %llu", (unsigned long long)(len & 0xFFFF))
            << npyParser() << bytes(npy1);
        std::string npy2 = npyFile(2, npyDict("<f4", "(1,)"), f32({1}));
        for (int i = 0; i < 4; ++i)
            npy2[8 + i] = char((len >> (8 * i)) & 0xFF);
        QTest::addRow("npy v2 length %llu", (unsigned long long)(len & 0xFFFFFFFF))
            << npyParser() << bytes(npy2);
        std::string st = validSafetensors();
        for (int i = 0; i < 8; ++i)
            st[i] = char((len >> (8 * i)) & 0xFF);
        QTest::addRow("st length %llu", (unsigned long long)len)
            << safetensorsParser() << bytes(st);
    }
}

// Every one of these is damaged: it must be rejected, with a message naming the file.
void TestIoFuzz::hugeNumbers()
{
    QFETCH(Parser, parse);
    QFETCH(QByteArray, file);
    const Result r = run(parse, std::string(file.constData(), std::size_t(file.size())));
    QVERIFY2(r.outcome == Outcome::FormatError,
             r.outcome == Outcome::Parsed ? "parsed" : r.message.c_str());
    QVERIFY2(r.message.starts_with("f."), r.message.c_str());
}

// Pure noise, with and without a valid-looking preamble.
void TestIoFuzz::randomBytes()
{
    SeededRandom random(7);
    const std::string npyPreamble = std::string("\x93NUMPY\x01\x00", 8);
    const std::string ggufPreamble = std::string("GGUF\x03\0\0\0", 8);
    for (int i = 0; i < 2000; ++i) {
        std::string noise(random.next() % 200, '\0');
        for (char& c : noise)
            c = static_cast<char>(random.next() & 0xFF);
        for (const std::string& f : {noise, npyPreamble + noise, ggufPreamble + noise,
                                     std::string("\x10\0\0\0\0\0\0\0{", 9) + noise}) {
            for (const Parser& p : {npyParser(), safetensorsParser(), ggufParser()}) {
                const Result r = run(p, f);
                QVERIFY2(r.outcome != Outcome::Other, r.message.c_str());
            }
        }
    }
}

QTEST_APPLESS_MAIN(TestIoFuzz)
#include "tst_iofuzz.moc"
