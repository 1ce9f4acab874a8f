#include "attention/packed_product.h"
#include "common/isa.h"
#include "common/parallel.h"
#include "common/random.h"

#include <QTest>

using namespace attnviz;

namespace {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Matrix randomMatrix(int rows, int cols, SeededRandom& rng)
{
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = rng.normal();
    return m;
}

// Largest |got - want| relative to the largest |want|, against a double-precision product.
double relativeError(const Matrix& got, const MatrixD& want)
{
    const double scale = std::max(want.cwiseAbs().maxCoeff(), 1e-30);
    return (got.cast<double>() - want).cwiseAbs().maxCoeff() / scale;
}

} // namespace

class TestPackedProduct : public QObject {
    Q_OBJECT
private slots:
    // ctest runs this suite once per path (ATTNVIZ_ISA): the kernel in use must be that path's,
    // whose widest panel is 2 vectors (baseline, AVX2) or 4 (AVX-512).
    void runsTheRequestedPath()
    {
        const Isa isa = activeIsa();
        qInfo("kernels: %s", isaName(isa));
        if (qEnvironmentVariableIsSet("ATTNVIZ_ISA"))
            QCOMPARE(isaName(isa), qgetenv("ATTNVIZ_ISA").constData());
        PackedOperand packed;
        packed.pack(Matrix::Zero(3, 1000));
        const int widest = isa == Isa::Avx512 ? 64 : isa == Isa::Avx2 ? 16 : 8;
        QCOMPARE(packed.panelWidth(), widest);
    }
    void matchesDoubleProduct_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("cols");
        // Single rows and columns, partial tiles and panels, and the engine's shapes.
        for (int rows : {1, 5, 6, 13, 25})
            for (int depth : {1, 7, 64})
                for (int cols : {1, 15, 16, 33, 64, 100})
                    QTest::addRow("%dx%dx%d", rows, depth, cols) << rows << depth << cols;
        QTest::addRow("scores 126x64x2048") << 126 << 64 << 2048;
        QTest::addRow("head output 48x2048x32") << 48 << 2048 << 32;
    }
    void matchesDoubleProduct()
    {
        QFETCH(int, rows);
        QFETCH(int, depth);
        QFETCH(int, cols);
        SeededRandom rng(static_cast<std::uint64_t>(rows * 10007 + depth * 101 + cols));
        // Operands are blocks of wider matrices, as the heads' columns of Q, K and V are.
        const Matrix a = randomMatrix(rows, depth + 3, rng);
        const Matrix b = randomMatrix(depth, cols + 5, rng);
        const Matrix bt = randomMatrix(cols, depth + 2, rng);
        const auto aBlock = a.middleCols(1, depth);
        const auto bBlock = b.middleCols(2, cols);
        const auto btBlock = bt.middleCols(1, depth);

        PackedOperand packed;
        packed.pack(bBlock);
        QCOMPARE(packed.depth(), depth);
        QCOMPARE(packed.cols(), cols);
        Matrix out = Matrix::Constant(rows, cols + 4, 7.0f);
        multiplyPacked(aBlock, packed, 0.5f, out.middleCols(2, cols));
        const MatrixD want = 0.5 * aBlock.cast<double>() * bBlock.cast<double>();
        QVERIFY2(relativeError(out.middleCols(2, cols), want) < 1e-5,
                 qPrintable(QString::number(relativeError(out.middleCols(2, cols), want))));
        // Columns outside the output block are left alone.
        QCOMPARE(out.leftCols(2), Matrix::Constant(rows, 2, 7.0f));
        QCOMPARE(out.rightCols(2), Matrix::Constant(rows, 2, 7.0f));

        packed.packTransposed(btBlock);
        QCOMPARE(packed.depth(), depth);
        QCOMPARE(packed.cols(), cols);
        Matrix outT(rows, cols);
        multiplyPacked(aBlock, packed, 1.0f, outT);
        QVERIFY(relativeError(outT, aBlock.cast<double>() * btBlock.cast<double>().transpose()) <
                1e-5);
    }
    void rowsDoNotDependOnTheirNeighbours()
    {
        // The engine's incremental update recomputes one row and relies on getting the full
        // pass's bits back: a row alone must equal the same row computed in a tile of many.
        SeededRandom rng(5);
        for (int cols : {20, 32, 64, 300}) {
            const Matrix a = randomMatrix(29, 70, rng);
            PackedOperand packed;
            packed.packTransposed(randomMatrix(cols, 70, rng));
            Matrix all(29, cols);
            multiplyPacked(a, packed, 0.125f, all);
            for (int r = 0; r < a.rows(); ++r) {
                Matrix one(1, cols);
                multiplyPacked(a.row(r), packed, 0.125f, one);
                QCOMPARE(one, all.row(r));
            }
        }
    }
    void threadsChangeNoBit()
    {
        // Large products are split into row blocks over the threads.
        SeededRandom rng(9);
        const Matrix a = randomMatrix(301, 256, rng);
        PackedOperand packed;
        packed.packTransposed(randomMatrix(290, 256, rng));
        Matrix want(301, 290);
        setThreadCount(1);
        multiplyPacked(a, packed, 0.5f, want);
        for (int threads : {2, 3}) {
            setThreadCount(threads);
            Matrix got = Matrix::Zero(301, 290);
            multiplyPacked(a, packed, 0.5f, got);
            QCOMPARE(got, want);
        }
    }
};

QTEST_APPLESS_MAIN(TestPackedProduct)
#include "tst_packed_product.moc"
