#include "io/npy.h"
#include "iotestutil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace attnviz::io;

namespace {

using iotest::bytes;
using iotest::str;

QList<qint64> shapeOf(const Tensor& t)
{
    return QList<qint64>(t.shape.begin(), t.shape.end());
}

// Bitwise, so that NaN, -0 and subnormals are compared exactly.
bool sameFloats(const std::vector<float>& a, const QList<float>& b)
{
    if (qsizetype(a.size()) != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[qsizetype(i)]))
            return false;
    return true;
}

QString errorOf(const std::string& file, const std::string& name)
{
    return iotest::formatErrorOf([&] { parseNpy(file, name); });
}

constexpr float kInf = std::numeric_limits<float>::infinity();

} // namespace

class TestNpy : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void serializedHeaderMatchesNumpy();
    void dtypes_data();
    void dtypes();
    void headerSpellings_data();
    void headerSpellings();
    void rejects_data();
    void rejects();
    void readMissingFile();
    void readDirectory();
    void refuseHugeFile();
    void numpyCrossCheck_data();
    void numpyCrossCheck();
};

void TestNpy::roundTrip_data()
{
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<float>>("values");
    QTest::newRow("scalar") << QList<qint64>{} << QList<float>{3.25f};
    QTest::newRow("empty") << QList<qint64>{0} << QList<float>{};
    QTest::newRow("empty 2-D") << QList<qint64>{3, 0} << QList<float>{};
    QTest::newRow("vector") << QList<qint64>{3} << QList<float>{1.0f, -2.5f, 1e-30f};
    QTest::newRow("matrix") << QList<qint64>{2, 3}
                            << QList<float>{0.0f, -0.0f, kInf, -kInf, 1e-45f, 3.4e38f};
    QTest::newRow("3-D") << QList<qint64>{2, 1, 2} << QList<float>{1, 2, 3, 4};
    QList<float> many;
    for (int i = 0; i < 300; ++i)
        many << float(i) / 7.0f;
    QTest::newRow("many dims") << QList<qint64>{1, 3, 1, 100, 1} << many;
}

void TestNpy::roundTrip()
{
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<float>, values);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("a.npy").toStdString();
    const std::vector<std::int64_t> s(shape.begin(), shape.end());
    writeNpy(path, s, values.constData());
    const Tensor t = readNpy(path);
    QCOMPARE(shapeOf(t), shape);
    QVERIFY(sameFloats(t.values, values));
    QVERIFY(t.sourceType == DType::F32);
    QCOMPARE(t.elementCount(), qint64(values.size()));
}

void TestNpy::serializedHeaderMatchesNumpy()
{
    // What np.save(f, np.array([[1, 2, 3], [4, 5, 6]], np.float32)) writes, byte for byte.
    const float data[] = {1, 2, 3, 4, 5, 6};
    const std::string file = serializeNpy({2, 3}, data);
    const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    std::string expected =
        iotest::npyFile(1, dict + std::string(128 - 10 - dict.size() - 1, ' ') + "\n",
                        iotest::f32({1, 2, 3, 4, 5, 6}));
    QCOMPARE(bytes(file), bytes(expected));
    QCOMPARE(file.size(), std::size_t(152)); // np.save's file is 152 bytes too

    const std::string scalar = serializeNpy({}, data);
    QVERIFY(scalar.find("'shape': (), }") != std::string::npos);
    QCOMPARE(scalar.size(), std::size_t(132));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, serializeNpy({2, -1}, data));
}

void TestNpy::dtypes_data()
{
    using namespace iotest;
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("type");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<float>>("values");

    QTest::newRow("<f4 v1") << bytes(npyFile(1, npyDict("<f4", "(2,)"), f32({1.5f, -kInf})))
                            << int(DType::F32) << QList<qint64>{2} << QList<float>{1.5f, -kInf};
    QTest::newRow("<f8 v2") << bytes(npyFile(2, npyDict("<f8", "(3,)"), f64({0.1, -1e300, 1e-320})))
                            << int(DType::F64) << QList<qint64>{3}
                            << QList<float>{0.1f, -kInf, 0.0f};
    QTest::newRow("<f8 beyond float")
        << bytes(npyFile(1, npyDict("<f8", "(4,)"),
                         f64({3.4028235e38, 3.40282355e38, 3.4028236e38, -1e39})))
        << int(DType::F64) << QList<qint64>{4}
        << QList<float>{3.4028235e38f, 3.4028235e38f, kInf, -kInf};
    QTest::newRow("<f2 v3") << bytes(npyFile(3, npyDict("<f2", "(1, 3)"),
                                             u16({0x3C00, 0x7BFF, 0x0001})))
                            << int(DType::F16) << QList<qint64>{1, 3}
                            << QList<float>{1.0f, 65504.0f, std::ldexp(1.0f, -24)};
    QTest::newRow("|b1 mask") << bytes(npyFile(1, npyDict("|b1", "(2, 2)"),
                                               std::string("\x01\x00\x00\x01", 4)))
                              << int(DType::Bool) << QList<qint64>{2, 2}
                              << QList<float>{1, 0, 0, 1};
    QTest::newRow("|b1 nonzero byte")
        << bytes(npyFile(1, npyDict("|b1", "(2,)"), std::string("\x02\x00", 2))) << int(DType::Bool)
        << QList<qint64>{2} << QList<float>{1, 0};
    QTest::newRow("|u1") << bytes(
                                npyFile(1, npyDict("|u1", "(3,)"), std::string("\x00\x7f\xff", 3)))
                         << int(DType::U8) << QList<qint64>{3} << QList<float>{0, 127, 255};
    QTest::newRow("<u1") << bytes(npyFile(1, npyDict("<u1", "(1,)"), "\x05")) << int(DType::U8)
                         << QList<qint64>{1} << QList<float>{5};
    QTest::newRow("<i4") << bytes(npyFile(1, npyDict("<i4", "(3,)"), i32({-1, 0, 2147483647})))
                         << int(DType::I32) << QList<qint64>{3}
                         << QList<float>{-1, 0, 2147483648.0f};
    QTest::newRow("<i8") << bytes(npyFile(2, npyDict("<i8", "(2,)"), i64({-3, 1ll << 40})))
                         << int(DType::I64) << QList<qint64>{2}
                         << QList<float>{-3, 1099511627776.0f};
    QTest::newRow("scalar") << bytes(npyFile(1, npyDict("<f4", "()"), f32({7.0f})))
                            << int(DType::F32) << QList<qint64>{} << QList<float>{7.0f};
    QTest::newRow("3-D C order") << bytes(npyFile(1, npyDict("<i4", "(2, 2, 2)"),
                                                  i32({0, 1, 2, 3, 4, 5, 6, 7})))
                                 << int(DType::I32) << QList<qint64>{2, 2, 2}
                                 << QList<float>{0, 1, 2, 3, 4, 5, 6, 7};
    QTest::newRow("zero-size") << bytes(npyFile(1, npyDict("<f4", "(0, 5)"), "")) << int(DType::F32)
                               << QList<qint64>{0, 5} << QList<float>{};
}

void TestNpy::dtypes()
{
    QFETCH(QByteArray, file);
    QFETCH(int, type);
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<float>, values);
    const Tensor t = parseNpy(str(file), "t.npy");
    QCOMPARE(int(t.sourceType), type);
    QCOMPARE(shapeOf(t), shape);
    if (!sameFloats(t.values, values)) {
        QString got;
        for (float v : t.values)
            got += QString::number(v, 'g', 9) + ' ';
        QFAIL(qPrintable("values differ, got " + got));
    }
}

void TestNpy::headerSpellings_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::newRow("numpy") << "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }  \n"
                           << QList<qint64>{2, 3};
    QTest::newRow("key order") << "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}"
                               << QList<qint64>{2, 3};
    QTest::newRow("no spaces") << "{'descr':'<f4','fortran_order':False,'shape':(6,)}"
                               << QList<qint64>{6};
    QTest::newRow("whitespace") << " {\t'descr' : '<f4' ,\n 'fortran_order' : False , 'shape' : "
                                   "( 3 , 2 , ) , } \n"
                                << QList<qint64>{3, 2};
    QTest::newRow("python 2 longs") << "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, "
                                       "3L), }"
                                    << QList<qint64>{2, 3};
    QTest::newRow("double quotes") << "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": "
                                      "(6,)}"
                                   << QList<qint64>{6};
    QTest::newRow("extra key") << "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), "
                                  "'note': [1, (2, 'x')], }"
                               << QList<qint64>{6};
    QTest::newRow("list shape") << "{'descr': '<f4', 'fortran_order': False, 'shape': [1, 6]}"
                                << QList<qint64>{1, 6};
}

void TestNpy::headerSpellings()
{
    QFETCH(QString, header);
    QFETCH(QList<qint64>, shape);
    const std::string data = iotest::f32({1, 2, 3, 4, 5, 6});
    for (int version : {1, 2, 3}) {
        const Tensor t = parseNpy(iotest::npyFile(version, header.toStdString(), data), "t.npy");
        QCOMPARE(shapeOf(t), shape);
        QCOMPARE(t.values[5], 6.0f);
    }
}

void TestNpy::rejects_data()
{
    using iotest::npyDict;
    using iotest::npyFile;
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");
    const std::string six = iotest::f32({1, 2, 3, 4, 5, 6});

    QTest::newRow("fortran") << bytes(npyFile(1,
                                              "{'descr': '<f4', 'fortran_order': True, 'shape': "
                                              "(2, 3), }",
                                              six))
                             << "t.npy: Fortran-order arrays are not supported; save with "
                                "np.ascontiguousarray";
    QTest::newRow(">f4") << bytes(npyFile(1, npyDict(">f4", "(6,)"), six))
                         << "t.npy: big-endian dtype '>f4' is not supported; save with "
                            "arr.astype('<f4')";
    QTest::newRow(">i8") << bytes(npyFile(1, npyDict(">i8", "(3,)"), six))
                         << "t.npy: big-endian dtype '>i8'";
    QTest::newRow("<c8") << bytes(npyFile(1, npyDict("<c8", "(3,)"), six))
                         << "t.npy: unsupported dtype '<c8'";
    QTest::newRow("<U5") << bytes(npyFile(1, npyDict("<U5", "(1,)"), six))
                         << "t.npy: unsupported dtype '<U5'";
    QTest::newRow("object") << bytes(npyFile(1, npyDict("|O", "(3,)"), six))
                            << "t.npy: unsupported dtype '|O'";
    QTest::newRow("|i1") << bytes(npyFile(1, npyDict("|i1", "(6,)"), "abcdef"))
                         << "t.npy: unsupported dtype '|i1'";
    QTest::newRow("structured") << bytes(npyFile(1,
                                                 "{'descr': [('a', '<f4'), ('b', '<i4')], "
                                                 "'fortran_order': False, 'shape': (3,), }",
                                                 six))
                                << "t.npy: structured (record) dtypes are not supported";
    QTest::newRow("bad magic") << QByteArray("\x93NUMPX\x01\x00\x00\x00", 10)
                               << "t.npy: not a .npy file";
    QTest::newRow("text file") << QByteArray("hello world") << "t.npy: not a .npy file";
    QTest::newRow("empty file") << QByteArray() << "t.npy: file is too short";
    QTest::newRow("magic only") << QByteArray("\x93NUMPY", 6) << "t.npy: file is too short";
    QTest::newRow("version 4") << bytes(npyFile(4, npyDict("<f4", "(6,)"), six))
                               << "t.npy: unsupported .npy format version 4.0";
    QTest::newRow("version 1.1") << QByteArray("\x93NUMPY\x01\x01\x00\x00", 10)
                                 << "t.npy: unsupported .npy format version 1.1";
    QTest::newRow("no length") << QByteArray("\x93NUMPY\x02\x00\x10\x00", 10)
                               << "t.npy: file ends inside the .npy header length";
    QTest::newRow("header past end") << QByteArray("\x93NUMPY\x01\x00\xff\x00{}", 12)
                                     << "t.npy: .npy header length 255 runs past the end";
    QTest::newRow("huge header") << QByteArray("\x93NUMPY\x02\x00\xff\xff\xff\xff{}", 14)
                                 << "t.npy: .npy header length 4294967295 is implausibly large";
    QTest::newRow("data short") << bytes(npyFile(1, npyDict("<f4", "(1000000,)"), "abcdefghijkl"))
                                << "t.npy: header claims 1000000 elements but the file holds 12 "
                                   "bytes of data";
    QTest::newRow("data long") << bytes(npyFile(1, npyDict("<f4", "(5,)"), six))
                               << "t.npy: header claims 5 elements but the file holds 24 bytes";
    QTest::newRow("negative dim") << bytes(npyFile(1, npyDict("<f4", "(-1, 6)"), six))
                                  << "t.npy: negative dimension -1 in shape (-1, 6)";
    QTest::newRow("overflow") << bytes(
                                     npyFile(1, npyDict("<f4", "(4294967296, 4294967296, 2)"), six))
                              << "t.npy: shape (4294967296, 4294967296, 2) has more elements than "
                                 "a 64-bit count can hold";
    QTest::newRow("too many") << bytes(npyFile(1, npyDict("<f4", "(65536, 65536)"), six))
                              << "t.npy: shape (65536, 65536) has 4294967296 elements, more than";
    QTest::newRow("dim > int64") << bytes(
                                        npyFile(1, npyDict("<f4", "(99999999999999999999,)"), six))
                                 << "t.npy: the .npy header has a number too large for 64 bits";
    std::string dims65 = "(";
    for (int i = 0; i < 65; ++i)
        dims65 += "1, ";
    QTest::newRow("65 dims") << bytes(npyFile(1, npyDict("<f4", dims65 + ")"), iotest::f32({1})))
                             << "t.npy: 65 dimensions (at most 64 are supported)";
    QTest::newRow("no shape") << bytes(npyFile(1, "{'descr': '<f4', 'fortran_order': False}", six))
                              << "t.npy: the .npy header has no 'shape' key";
    QTest::newRow("no descr") << bytes(npyFile(1, "{'fortran_order': False, 'shape': (6,)}", six))
                              << "t.npy: the .npy header has no 'descr' key";
    QTest::newRow("twice") << bytes(npyFile(1,
                                            "{'descr': '<f4', 'descr': '<f8', 'fortran_order': "
                                            "False, 'shape': (6,)}",
                                            six))
                           << "t.npy: the .npy header has key 'descr' twice";
    QTest::newRow("fortran not bool") << bytes(npyFile(1,
                                                       "{'descr': '<f4', 'fortran_order': 0, "
                                                       "'shape': (6,)}",
                                                       six))
                                      << "t.npy: the .npy header 'fortran_order' is not True or "
                                         "False";
    QTest::newRow("shape not tuple") << bytes(npyFile(1, npyDict("<f4", "6"), six))
                                     << "t.npy: the .npy header 'shape' is not a tuple";
    QTest::newRow("float dim") << bytes(npyFile(1, npyDict("<f4", "(6.0,)"), six))
                               << "t.npy: the .npy header expects ',' or ')' in a sequence";
    QTest::newRow("unterminated") << bytes(npyFile(1, "{'descr': '<f4", six))
                                  << "t.npy: the .npy header has an unterminated string";
    QTest::newRow("not a dict") << bytes(npyFile(1, "['descr']", six))
                                << "t.npy: the .npy header does not start with '{'";
    QTest::newRow("trailing junk") << bytes(npyFile(1, npyDict("<f4", "(6,)") + "x", six))
                                   << "t.npy: the .npy header has unexpected text after";
    QTest::newRow("deep nesting") << bytes(npyFile(1, npyDict("<f4", std::string(100, '(')), six))
                                  << "t.npy: the .npy header is nested too deeply";
}

void TestNpy::rejects()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);
    const QString error = errorOf(str(file), "t.npy");
    if (!error.startsWith(message))
        QFAIL(qPrintable("got: " + error));
}

void TestNpy::readMissingFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("nope.npy").toStdString();
    QCOMPARE(iotest::formatErrorOf([&] { readNpy(path); }),
             QString::fromStdString(path + ": cannot open file: No such file or directory"));
}

void TestNpy::readDirectory()
{
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString();
    QCOMPARE(iotest::formatErrorOf([&] { readNpy(path); }),
             QString::fromStdString(path + ": cannot open file: Is a directory"));
}

// A sparse file: refused from its size alone, before anything is allocated or read.
void TestNpy::refuseHugeFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("huge.npy").toStdString();
    std::error_code ec;
    {
        std::ofstream touch(path, std::ios::binary);
    }
    std::filesystem::resize_file(path, (std::uintmax_t(4) << 30) + 1, ec);
    if (ec)
        QSKIP("cannot create a sparse file here");
    QCOMPARE(iotest::formatErrorOf([&] { readNpy(path); }),
             QString::fromStdString(path + ": file is 4294967297 bytes; files above 4 GiB are "
                                           "not supported"));
}

// numpy writes the files here; the tests above do not depend on it.
void TestNpy::numpyCrossCheck_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<float>>("values");
    QTest::addColumn<QString>("error");
    QTest::newRow("f4") << "np.arange(6, dtype=np.float32).reshape(2, 3) / 4" << QList<qint64>{2, 3}
                        << QList<float>{0, 0.25f, 0.5f, 0.75f, 1, 1.25f} << "";
    QTest::newRow("f2") << "np.array([1, 65504, 2**-24, -np.inf], np.float16)" << QList<qint64>{4}
                        << QList<float>{1, 65504, std::ldexp(1.0f, -24), -kInf} << "";
    QTest::newRow("f8 scalar") << "np.float64(0.1)" << QList<qint64>{} << QList<float>{0.1f} << "";
    QTest::newRow("bool") << "np.tril(np.ones((2, 2), bool))" << QList<qint64>{2, 2}
                          << QList<float>{1, 0, 1, 1} << "";
    QTest::newRow("u1") << "np.array([0, 255], np.uint8)" << QList<qint64>{2}
                        << QList<float>{0, 255} << "";
    QTest::newRow("i4") << "np.array([[-7]], np.int32)" << QList<qint64>{1, 1} << QList<float>{-7}
                        << "";
    QTest::newRow("i8 3-D") << "np.arange(8).reshape(2, 2, 2)" << QList<qint64>{2, 2, 2}
                            << QList<float>{0, 1, 2, 3, 4, 5, 6, 7} << "";
    QTest::newRow("fortran") << "np.asfortranarray(np.ones((2, 3), np.float32))" << QList<qint64>{}
                             << QList<float>{} << "Fortran-order arrays are not supported";
    QTest::newRow(">f4") << "np.ones(3, '>f4')" << QList<qint64>{} << QList<float>{}
                         << "big-endian dtype '>f4'";
    QTest::newRow("c8") << "np.ones(3, np.complex64)" << QList<qint64>{} << QList<float>{}
                        << "unsupported dtype '<c8'";
}

void TestNpy::numpyCrossCheck()
{
    QFETCH(QString, expression);
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<float>, values);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString script = "import numpy as np, sys\n"
                           "from numpy.lib import format as f\n"
                           "a = np.asanyarray(" +
                           expression +
                           ")\n"
                           "for v in (1, 2, 3):\n"
                           "    with open(sys.argv[1] + '/v%d.npy' % v, 'wb') as out:\n"
                           "        f.write_array(out, a, version=(v, 0))\n";
    QProcess python;
    python.start("/usr/bin/python3", {"-c", script, dir.path()});
    if (!python.waitForFinished(20000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0)
        QSKIP("python3 with numpy is not available");
    for (int v : {1, 2, 3}) {
        const std::string path = dir.filePath(QString("v%1.npy").arg(v)).toStdString();
        if (!error.isEmpty()) {
            QVERIFY_THROWS_EXCEPTION(FormatError, readNpy(path));
            try {
                readNpy(path);
            } catch (const FormatError& e) {
                QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path) + ": "),
                         e.what());
                QVERIFY2(QString(e.what()).contains(error), e.what());
            }
            continue;
        }
        const Tensor t = readNpy(path);
        QCOMPARE(shapeOf(t), shape);
        QVERIFY(sameFloats(t.values, values));
    }
}

QTEST_APPLESS_MAIN(TestNpy)
#include "tst_npy.moc"
