// WeightView geometry, widenRows for the float types, and the memory-mapped file under every
// reader of model weights.

#include "io/half.h"
#include "io/mapped_file.h"
#include "io/weight_file.h"
#include "iotestutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cstring>
#include <fstream>

using namespace attnviz;
using namespace attnviz::io;

namespace {

// A view over `bytes` placed one byte past an aligned address, as file data often is.
struct UnalignedView {
    std::vector<std::byte> storage;
    WeightView view;

    UnalignedView(WeightType type, std::vector<std::int64_t> shape, const std::string& bytes)
        : storage(bytes.size() + 1)
    {
        std::memcpy(storage.data() + 1, bytes.data(), bytes.size());
        view.name = "w";
        view.type = type;
        view.shape = std::move(shape);
        view.data = storage.data() + 1;
        view.bytes = bytes.size();
    }
};

QString errorOf(const WeightView& view, std::int64_t first, std::int64_t count)
{
    std::vector<float> out(std::size_t(std::max<std::int64_t>(0, count * view.cols())));
    try {
        widenRows(view, first, count, out.data());
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

std::string everyPattern()
{
    std::string bytes;
    for (std::uint32_t bits = 0; bits <= 0xFFFF; ++bits)
        iotest::appendLittleEndian(bytes, bits, 2);
    return bytes;
}

void writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

} // namespace

class TestWeightFile : public QObject {
    Q_OBJECT

private slots:
    void geometry_data();
    void geometry();
    void blockSizes();
    void widenF32();
    void widenEveryHalf();
    void widenEveryBfloat16();
    void rowRanges_data();
    void rowRanges();
    void inconsistentView();
    void mappedFile();
    void mappedFileErrors();
};

void TestWeightFile::geometry_data()
{
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("cols");
    QTest::newRow("scalar") << QList<qint64>{} << qint64(1) << qint64(1);
    QTest::newRow("vector") << QList<qint64>{5} << qint64(1) << qint64(5);
    QTest::newRow("matrix") << QList<qint64>{3, 4} << qint64(3) << qint64(4);
    QTest::newRow("3d") << QList<qint64>{2, 3, 4} << qint64(6) << qint64(4);
    QTest::newRow("no rows") << QList<qint64>{0, 4} << qint64(0) << qint64(4);
    QTest::newRow("no cols") << QList<qint64>{4, 0} << qint64(4) << qint64(0);
}

void TestWeightFile::geometry()
{
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, rows);
    QFETCH(qint64, cols);
    WeightView view;
    view.shape.assign(shape.begin(), shape.end());
    QCOMPARE(view.rows(), rows);
    QCOMPARE(view.cols(), cols);
}

// ggml-common.h's block structs: the sizes static_assert'ed there.
void TestWeightFile::blockSizes()
{
    const std::vector<std::tuple<WeightType, const char*, std::int64_t, std::size_t>> expected = {
        {WeightType::F32, "F32", 1, 4},      {WeightType::F16, "F16", 1, 2},
        {WeightType::BF16, "BF16", 1, 2},    {WeightType::Q8_0, "Q8_0", 32, 34},
        {WeightType::Q4_0, "Q4_0", 32, 18},  {WeightType::Q4_K, "Q4_K", 256, 144},
        {WeightType::Q6_K, "Q6_K", 256, 210}};
    for (const auto& [type, name, elements, bytes] : expected) {
        QCOMPARE(toString(type), std::string_view(name));
        QCOMPARE(blockElements(type), elements);
        QCOMPARE(blockBytes(type), bytes);
    }
}

void TestWeightFile::widenF32()
{
    const UnalignedView w(WeightType::F32, {2, 3}, iotest::f32({1, -2, 3.5f, 0, -0.0f, 1e-45f}));
    std::vector<float> out(6);
    widenRows(w.view, 0, 2, out.data());
    QCOMPARE(out, (std::vector<float>{1, -2, 3.5f, 0, -0.0f, 1e-45f}));
    QVERIFY(std::signbit(out[4]));
}

// widenRows' vectorised loop against the scalar conversion the safetensors suite checks
// against arithmetic, for all 65536 patterns, NaN payloads included.
void TestWeightFile::widenEveryHalf()
{
    const UnalignedView w(WeightType::F16, {256, 256}, everyPattern());
    std::vector<float> out(65536);
    widenRows(w.view, 0, 256, out.data());
    for (std::uint32_t bits = 0; bits <= 0xFFFF; ++bits)
        if (std::bit_cast<std::uint32_t>(out[bits]) !=
            std::bit_cast<std::uint32_t>(halfToFloat(std::uint16_t(bits))))
            QFAIL(qPrintable(QString("0x%1 gave %2").arg(bits, 4, 16).arg(out[bits])));
}

void TestWeightFile::widenEveryBfloat16()
{
    const UnalignedView w(WeightType::BF16, {256, 256}, everyPattern());
    std::vector<float> out(65536);
    widenRows(w.view, 0, 256, out.data());
    for (std::uint32_t bits = 0; bits <= 0xFFFF; ++bits)
        QCOMPARE(std::bit_cast<std::uint32_t>(out[bits]), bits << 16);
}

void TestWeightFile::rowRanges_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QString>("error"); // empty: rows first.. of 1..12 come out
    QTest::newRow("all") << qint64(0) << qint64(3) << "";
    QTest::newRow("middle") << qint64(1) << qint64(1) << "";
    QTest::newRow("last two") << qint64(1) << qint64(2) << "";
    QTest::newRow("none at end") << qint64(3) << qint64(0) << "";
    QTest::newRow("past end") << qint64(2) << qint64(2)
                              << "tensor 'w': rows [2, 4) are outside its 3 rows";
    QTest::newRow("negative first")
        << qint64(-1) << qint64(1) << "tensor 'w': rows [-1, 0) are outside its 3 rows";
    QTest::newRow("negative count")
        << qint64(1) << qint64(-1) << "tensor 'w': rows [1, 0) are outside its 3 rows";
    QTest::newRow("first past end")
        << qint64(4) << qint64(0) << "tensor 'w': rows [4, 4) are outside its 3 rows";
    QTest::newRow("huge count") << qint64(1) << qint64(INT64_MAX) << "tensor 'w': rows [1, ";
}

void TestWeightFile::rowRanges()
{
    QFETCH(qint64, first);
    QFETCH(qint64, count);
    QFETCH(QString, error);
    const UnalignedView w(WeightType::BF16, {3, 4},
                          iotest::u16({0x3F80, 0x4000, 0x4040, 0x4080, 0x40A0, 0x40C0, 0x40E0,
                                       0x4100, 0x4110, 0x4120, 0x4130, 0x4140}));
    if (!error.isEmpty()) {
        QVERIFY2(errorOf(w.view, first, count).startsWith(error),
                 qPrintable(errorOf(w.view, first, count)));
        return;
    }
    std::vector<float> out(std::size_t(count * 4) + 1, -1.0f);
    widenRows(w.view, first, count, out.data());
    for (qint64 i = 0; i < count * 4; ++i)
        QCOMPARE(out[std::size_t(i)], float(first * 4 + i + 1));
    QCOMPARE(out.back(), -1.0f); // nothing written past the rows asked for
}

void TestWeightFile::inconsistentView()
{
    UnalignedView w(WeightType::F16, {2, 3}, iotest::u16({1, 2, 3, 4, 5}));
    QCOMPARE(errorOf(w.view, 0, 1), "tensor 'w': 10 bytes do not hold F16 with shape (2, 3)");
    UnalignedView q(WeightType::Q8_0, {1, 48}, std::string(34, '\0'));
    QCOMPARE(errorOf(q.view, 0, 1), "tensor 'w': 34 bytes do not hold Q8_0 with shape (1, 48)");
}

void TestWeightFile::mappedFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("f.bin").toStdString();
    writeFile(path, std::string("abc\0def", 7));
    MappedFile file(path);
    QCOMPARE(file.bytes(), std::string_view("abc\0def", 7));
    QCOMPARE(file.path(), path);
    // Moving keeps the mapping where it is: views into it stay valid.
    const char* where = file.bytes().data();
    MappedFile moved(std::move(file));
    QCOMPARE(moved.bytes().data(), where);
    QVERIFY(file.bytes().empty());
    MappedFile assigned;
    assigned = std::move(moved);
    QCOMPARE(assigned.bytes().data(), where);

    const std::string empty = dir.filePath("empty.bin").toStdString();
    writeFile(empty, "");
    QVERIFY(MappedFile(empty).bytes().empty());
}

void TestWeightFile::mappedFileErrors()
{
    QTemporaryDir dir;
    const std::string missing = dir.filePath("missing.bin").toStdString();
    QCOMPARE(iotest::formatErrorOf([&] { MappedFile{missing}; }),
             QString::fromStdString(missing) + ": cannot open file: No such file or directory");
    const std::string folder = dir.path().toStdString();
    QCOMPARE(iotest::formatErrorOf([&] { MappedFile{folder}; }),
             QString::fromStdString(folder) + ": cannot open file: Is a directory");
}

QTEST_APPLESS_MAIN(TestWeightFile)
#include "tst_weight_file.moc"
