#include "io/npy.h"
#include "io/npy_writer.h"
#include "iotestutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <bit>
#include <filesystem>
#include <limits>

using namespace attnviz::io;

namespace {

// Distinct values with the awkward ones in: -0, infinities, a NaN with a payload, a subnormal.
std::vector<float> valuesFor(std::size_t count)
{
    std::vector<float> v(count);
    for (std::size_t i = 0; i < count; ++i)
        v[i] = static_cast<float>(i) * 0.37f - 5.0f;
    const float special[] = {-0.0f, std::numeric_limits<float>::infinity(),
                             std::bit_cast<float>(0x7FC01234u), 1e-45f,
                             -std::numeric_limits<float>::infinity()};
    std::copy_n(special, std::min(count, std::size(special)), v.begin());
    return v;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](float x, float y) {
               return std::bit_cast<std::uint32_t>(x) == std::bit_cast<std::uint32_t>(y);
           });
}

std::string fileBytes(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? iotest::str(f.readAll()) : std::string();
}

// The message of the std::logic_error that `call` throws, or an empty string.
template <typename Call> QString logicErrorOf(Call&& call)
{
    try {
        call();
    } catch (const std::logic_error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestNpyWriter : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QList<qint64>>("shape");
        QTest::addColumn<int>("block"); // floats per write() call; 0: one call for everything
        QTest::newRow("1x1x1") << QList<qint64>{1, 1, 1} << 0;
        QTest::newRow("scalar") << QList<qint64>{} << 0;
        QTest::newRow("empty") << QList<qint64>{2, 0, 3} << 0;
        QTest::newRow("matrix by rows") << QList<qint64>{2, 3} << 3;
        QTest::newRow("uneven blocks") << QList<qint64>{3, 5, 11} << 7;
        QTest::newRow("one float at a time") << QList<qint64>{4, 1, 5} << 1;
        // Beyond the writer's internal block, in one call and in calls that straddle it.
        QTest::newRow("large, one call") << QList<qint64>{2, 300, 250} << 0;
        QTest::newRow("large, heads") << QList<qint64>{2, 300, 250} << 75000;
        QTest::newRow("large, odd blocks") << QList<qint64>{2, 300, 250} << 40001;
    }
    void roundTrip()
    {
        QFETCH(QList<qint64>, shape);
        QFETCH(int, block);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("a.npy").toStdString();
        const std::vector<std::int64_t> s(shape.begin(), shape.end());
        const std::vector<float> values = valuesFor(npyFloatCount(s));

        NpyWriter writer(path, s);
        const std::size_t step =
            block > 0 ? std::size_t(block) : std::max<std::size_t>(1, values.size());
        for (std::size_t done = 0; done < values.size(); done += step)
            writer.write(values.data() + done, std::min(step, values.size() - done));
        writer.finish();

        const Tensor t = readNpy(path);
        QCOMPARE(QList<qint64>(t.shape.begin(), t.shape.end()), shape);
        QVERIFY(t.sourceType == DType::F32);
        QVERIFY(sameBits(t.values, values));
        // The same bytes as the whole-array writer: header, padding and data.
        QVERIFY(fileBytes(path) == serializeNpy(s, values.data()));
    }

    void refusesTooManyFloats()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        const std::vector<float> values = valuesFor(7);
        NpyWriter writer(path, {2, 3});
        writer.write(values.data(), 4);
        QCOMPARE(logicErrorOf([&] { writer.write(values.data() + 4, 3); }),
                 QString::fromStdString(path + ": 3 more floats do not fit; 4 of the 6 of shape "
                                               "(2, 3) are written already"));
        // The refused call wrote nothing: the right amount still completes the file.
        writer.write(values.data() + 4, 2);
        writer.finish();
        QVERIFY(sameBits(readNpy(path).values, {values.begin(), values.begin() + 6}));
        QVERIFY(!logicErrorOf([&] { writer.write(values.data(), 1); }).isEmpty());
    }

    void refusesTooFewFloats()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        const std::vector<float> values = valuesFor(5);
        NpyWriter writer(path, {1, 2, 3});
        writer.write(values.data(), 5);
        QCOMPARE(logicErrorOf([&] { writer.finish(); }),
                 QString::fromStdString(path + ": only 5 of the 6 floats of shape (1, 2, 3) were "
                                               "written"));
    }

    void refusesNegativeDimensionBeforeCreatingTheFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NpyWriter(path, {2, -1}));
        QVERIFY(!std::filesystem::exists(path));
    }

    void unwritablePathIsFormatError()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing/a.npy").toStdString();
        QCOMPARE(iotest::formatErrorOf([&] { NpyWriter(path, {1}); }),
                 QString::fromStdString(path + ": cannot write file: No such file or directory"));
    }

    // A full disk: small writes are buffered and fail on the final flush, large ones at once.
    void fullDiskIsFormatError_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("fails on finish") << 1;
        QTest::newRow("fails on write") << 100000;
    }
    void fullDiskIsFormatError()
    {
        QFETCH(int, count);
        if (!std::filesystem::exists("/dev/full"))
            QSKIP("no /dev/full here");
        const std::vector<float> values = valuesFor(std::size_t(count));
        const QString error = iotest::formatErrorOf([&] {
            NpyWriter writer("/dev/full", {count});
            writer.write(values.data(), values.size());
            writer.finish();
        });
        QCOMPARE(error, QString("/dev/full: cannot write file: No space left on device"));
    }
};

QTEST_APPLESS_MAIN(TestNpyWriter)
#include "tst_npy_writer.moc"
