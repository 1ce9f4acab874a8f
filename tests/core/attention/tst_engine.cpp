#include "attention/engine.h"
#include "common/error.h"
#include "common/parallel.h"
#include "common/random.h"
#include "demo/demo_inputs.h"
#include "mask/presets.h"
#include "reference_attention.h"

#include <QTest>
#include <cmath>

using namespace attnviz;

namespace {

Matrix randomMatrix(int rows, int cols, SeededRandom& rng)
{
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = rng.normal();
    return m;
}

AttentionWeights randomWeights(int d, SeededRandom& rng)
{
    AttentionWeights w = demoWeights(d, rng.next());
    for (RowVector* b : {&w.bq, &w.bk, &w.bv, &w.bo})
        for (Eigen::Index i = 0; i < b->size(); ++i)
            (*b)(i) = 0.1f * rng.normal();
    return w;
}

Mask randomMask(int heads, int rows, int cols, bool perHead, double pBlocked, SeededRandom& rng)
{
    Mask m = perHead ? Mask::perHead(heads, rows, cols) : Mask::shared(rows, cols);
    for (int h = 0; h < m.planes(); ++h)
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j)
                if (rng.uniform() < pBlocked)
                    m.set(h, i, j, false, heads);
    return m;
}

// max |a-b| / (1 + |b|): relative for large values, absolute near zero.
double worstError(const AttentionEngine& e, const testing::ReferenceResult& r)
{
    double worst = 0;
    for (int h = 0; h < e.heads(); ++h)
        for (int i = 0; i < e.queryLength(); ++i)
            for (int j = 0; j < e.keyLength(); ++j)
                worst = std::max(worst, std::abs(e.weights(h)(i, j) - r.weights[h][i][j]) /
                                            (1 + std::abs(r.weights[h][i][j])));
    for (int i = 0; i < e.queryLength(); ++i)
        for (int d = 0; d < e.dModel(); ++d)
            worst = std::max(worst, std::abs(e.output()(i, d) - r.output[i][d]) /
                                        (1 + std::abs(r.output[i][d])));
    return worst;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT

private slots:
    void matchesReference_data();
    void matchesReference();
    void fullyMaskedRows();
    void incrementalEqualsFullRecompute();
    void undoIsBitExact();
    void fromProjectionsShowsGivenAttention();
    void keepsStages();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void temperatureFlattens();
    void threadsChangeNoBit();
};

void TestEngine::matchesReference_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 60; ++seed)
        QTest::newRow(qPrintable(QString("case %1").arg(seed))) << seed;
}

void TestEngine::matchesReference()
{
    QFETCH(int, seed);
    SeededRandom rng(seed);
    const int heads = 1 + int(rng.next() % 4);
    const int d = heads * (1 + int(rng.next() % 8));
    const int rows = 1 + int(rng.next() % 9);
    const bool cross = rng.next() % 2;
    const int cols = cross ? 1 + int(rng.next() % 9) : rows;
    AttentionOptions opt;
    opt.heads = heads;
    opt.fill = rng.next() % 2 ? MaskFill::NegInf : MaskFill::LargeNegative;
    opt.scale = rng.next() % 4 != 0;
    opt.temperature = 0.25f + 2.0f * rng.uniform();
    const Matrix xq = randomMatrix(rows, d, rng);
    const Matrix xkv = cross ? randomMatrix(cols, d, rng) : xq;
    const AttentionWeights w = randomWeights(d, rng);
    const Mask mask =
        rng.next() % 5 == 0 ? Mask() : randomMask(heads, rows, cols, rng.next() % 2, 0.35, rng);

    AttentionEngine e;
    e.compute(xq, xkv, w, mask, opt);
    const double err = worstError(e, testing::referenceAttention(xq, xkv, w, mask, opt));
    QVERIFY2(err < 1e-5, qPrintable(QString("worst error %1").arg(err)));
    for (int h = 0; h < heads; ++h)
        for (int i = 0; i < rows; ++i) {
            const double sum = e.weights(h).row(i).sum();
            const bool zeroRow = opt.fill == MaskFill::NegInf && e.rowFullyMasked(h, i);
            QVERIFY(std::abs(sum - (zeroRow ? 0.0 : 1.0)) < 1e-5);
        }
}

void TestEngine::fullyMaskedRows()
{
    SeededRandom rng(7);
    const int d = 8, rows = 4;
    const Matrix x = randomMatrix(rows, d, rng);
    const AttentionWeights w = randomWeights(d, rng);
    Mask mask = Mask::shared(rows, rows);
    for (int j = 0; j < rows; ++j)
        mask.set(Mask::kAllHeads, 2, j, false, 2);
    AttentionOptions opt{.heads = 2, .fill = MaskFill::LargeNegative};
    AttentionEngine e;
    e.compute(x, x, w, mask, opt);
    QVERIFY(e.rowFullyMasked(0, 2));
    for (int j = 0; j < rows; ++j)
        QCOMPARE(e.weights(1)(2, j), 0.25f); // -1e9 everywhere: uniform, as in the post

    opt.fill = MaskFill::NegInf;
    e.compute(x, x, w, mask, opt);
    QVERIFY(e.weights(0).row(2).isZero());
    QVERIFY(e.headOutput(1).row(2).isZero());
    QVERIFY(std::isinf(e.maskedScores(0)(2, 1)));
    QVERIFY(!e.weights(0).row(1).isZero());
}

void TestEngine::incrementalEqualsFullRecompute()
{
    SeededRandom rng(11);
    const int heads = 4, d = 32, rows = 12, cols = 9;
    const Matrix xq = randomMatrix(rows, d, rng), xkv = randomMatrix(cols, d, rng);
    const AttentionWeights w = randomWeights(d, rng);
    for (MaskFill fill : {MaskFill::LargeNegative, MaskFill::NegInf}) {
        const AttentionOptions opt{.heads = heads, .fill = fill};
        AttentionEngine incremental;
        incremental.compute(xq, xkv, w, makeMask(MaskPreset::Causal, rows, cols), opt);
        for (int edit = 0; edit < 300; ++edit) {
            const int head = rng.next() % 3 == 0 ? Mask::kAllHeads : int(rng.next() % heads);
            const int i = int(rng.next() % rows), j = int(rng.next() % cols);
            const bool allowed = rng.next() % 2;
            incremental.setMaskCell(head, i, j, allowed);
            if (head != Mask::kAllHeads)
                QCOMPARE(incremental.mask().allowed(head, i, j), allowed);
            if (edit % 25 != 0)
                continue;
            AttentionEngine full;
            full.compute(xq, xkv, w, incremental.mask(), opt);
            // A row is computed the same way alone as in the full pass: equal to the bit.
            for (int h = 0; h < heads; ++h)
                QCOMPARE(incremental.weights(h), full.weights(h));
            QCOMPARE(incremental.concat(), full.concat());
            QCOMPARE(incremental.output(), full.output());
        }
        QVERIFY(incremental.mask().isPerHead());
    }
}

void TestEngine::undoIsBitExact()
{
    SeededRandom rng(21);
    const int heads = 4, d = 64, rows = 40;
    const Matrix x = randomMatrix(rows, d, rng);
    const AttentionWeights w = randomWeights(d, rng);
    AttentionEngine e;
    e.compute(x, x, w, makeMask(MaskPreset::Causal, rows, rows), {.heads = heads});
    const AttentionEngine pass = e;
    // Edit several cells (one head, all heads), undo in reverse order: every stage is restored
    // bit for bit, and each intermediate state is reproduced exactly on redo.
    struct Edit {
        int head, row, col;
    };
    const std::vector<Edit> edits{{1, 30, 3}, {Mask::kAllHeads, 30, 7}, {2, 12, 0}, {1, 30, 5}};
    std::vector<AttentionEngine> states{e};
    for (const Edit& edit : edits) {
        QVERIFY(e.setMaskCell(edit.head, edit.row, edit.col, false));
        states.push_back(e);
    }
    for (int k = int(edits.size()) - 1; k >= 0; --k) {
        e.setMaskCell(edits[k].head, edits[k].row, edits[k].col, true);
        for (int h = 0; h < heads; ++h)
            QCOMPARE(e.weights(h), states[k].weights(h));
        QCOMPARE(e.concat(), states[k].concat());
        QCOMPARE(e.output(), states[k].output());
    }
    for (int h = 0; h < heads; ++h)
        QCOMPARE(e.weights(h), pass.weights(h));
    QCOMPARE(e.output(), pass.output());
}

void TestEngine::fromProjectionsShowsGivenAttention()
{
    // Precomputed attention A enters as Q_h = log A_h, K_h = V_h = I: the weights are A, the head
    // outputs are A's rows, the output is their concatenation, and masking renormalises A.
    const int heads = 2, rows = 3, cols = 4;
    SeededRandom rng(8);
    std::vector<Matrix> a(heads, Matrix(rows, cols));
    Matrix q(rows, heads * cols);
    Matrix k = Matrix::Zero(cols, heads * cols);
    for (int h = 0; h < heads; ++h) {
        for (Eigen::Index i = 0; i < a[h].size(); ++i)
            a[h].data()[i] = 0.05f + rng.uniform();
        a[h] = a[h].array().colwise() / a[h].rowwise().sum().array();
        q.middleCols(h * cols, cols) = a[h].array().log().matrix();
        k.middleCols(h * cols, cols).setIdentity();
    }
    AttentionEngine e;
    e.computeFromProjections(q, k, k, {}, {.heads = heads, .scale = false});
    for (int h = 0; h < heads; ++h) {
        QVERIFY((e.weights(h) - a[h]).cwiseAbs().maxCoeff() < 1e-6f);
        QVERIFY((Matrix(e.headOutput(h)) - a[h]).cwiseAbs().maxCoeff() < 1e-6f);
    }
    QCOMPARE(e.output(), e.concat());
    QVERIFY(e.setMaskCell(1, 2, 0, false));
    RowVector expected = a[1].row(2);
    expected(0) = 0.0f;
    expected /= expected.sum();
    QVERIFY((e.weights(1).row(2) - expected).cwiseAbs().maxCoeff() < 1e-6f);
    QCOMPARE(e.output().row(2), e.concat().row(2));
    QVERIFY_THROWS_EXCEPTION(Error,
                             e.computeFromProjections(q, k.leftCols(5), k, {}, {.heads = heads}));
}

void TestEngine::keepsStages()
{
    SeededRandom rng(3);
    const Matrix x = randomMatrix(5, 8, rng);
    const AttentionWeights w = randomWeights(8, rng);
    AttentionOptions opt{.heads = 2};
    opt.temperature = 2.0f;
    AttentionEngine e;
    e.compute(x, x, w, makeMask(MaskPreset::Causal, 5, 5), opt);
    const Matrix q = x * w.wq.transpose() + w.bq.replicate(5, 1);
    QVERIFY((e.q() - q).cwiseAbs().maxCoeff() < 1e-5f);
    const float divisor = std::sqrt(4.0f) * 2.0f;
    QVERIFY((e.rawScores(1) / divisor - e.scaledScores(1)).cwiseAbs().maxCoeff() < 1e-5f);
    QCOMPARE(e.maskedScores(0)(0, 3), kLargeNegative);
    QCOMPARE(e.maskedScores(0)(3, 0), e.scaledScores(0)(3, 0));
    QCOMPARE(e.weights(0)(0, 0), 1.0f);
    const Matrix out = e.concat() * w.wo.transpose() + w.bo.replicate(5, 1);
    QVERIFY((e.output() - out).cwiseAbs().maxCoeff() < 1e-5f);
}

void TestEngine::rejectsBadInput_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("expected");
    QTest::newRow("indivisible") << "heads=3"
                                 << "not divisible";
    QTest::newRow("nan input") << "nan-input"
                               << "NaN";
    QTest::newRow("inf weight") << "inf-weight"
                                << "W_k";
    QTest::newRow("width") << "width"
                           << "width";
    QTest::newRow("mask shape") << "mask"
                                << "mask";
    QTest::newRow("temperature") << "temperature"
                                 << "temperature";
}

void TestEngine::rejectsBadInput()
{
    QFETCH(QString, problem);
    QFETCH(QString, expected);
    SeededRandom rng(5);
    Matrix x = randomMatrix(4, 8, rng);
    AttentionWeights w = randomWeights(8, rng);
    AttentionOptions opt{.heads = 2};
    Mask mask;
    AttentionEngine e;
    e.compute(x, x, w, mask, opt);
    const Matrix before = e.output();

    if (problem == "heads=3")
        opt.heads = 3;
    else if (problem == "nan-input")
        x(1, 2) = std::nanf("");
    else if (problem == "inf-weight")
        w.wk(0, 0) = INFINITY;
    else if (problem == "width")
        x = randomMatrix(4, 6, rng);
    else if (problem == "mask")
        mask = Mask::shared(3, 4);
    else if (problem == "temperature")
        opt.temperature = 0;
    try {
        e.compute(x, x, w, mask, opt);
        QFAIL("expected attnviz::Error");
    } catch (const Error& ex) {
        QVERIFY2(QString(ex.what()).contains(expected), ex.what());
    }
    QCOMPARE(e.output(), before);
}

void TestEngine::temperatureFlattens()
{
    SeededRandom rng(9);
    const Matrix x = randomMatrix(6, 8, rng);
    const AttentionWeights w = randomWeights(8, rng);
    AttentionEngine hot, cold;
    hot.compute(x, x, w, {}, {.heads = 1, .temperature = 10.0f});
    cold.compute(x, x, w, {}, {.heads = 1, .temperature = 0.1f});
    // Higher temperature → flatter rows → smaller maximum weight.
    QVERIFY(hot.weights(0).rowwise().maxCoeff().sum() < cold.weights(0).rowwise().maxCoeff().sum());
}

void TestEngine::threadsChangeNoBit()
{
    // Heads and the large products run on the pool; a row updated alone on one thread must
    // still equal the full pass on several, and the full pass must not depend on the threads.
    SeededRandom rng(17);
    const int heads = 4, d = 64, rows = 150, cols = 130;
    const Matrix xq = randomMatrix(rows, d, rng), xkv = randomMatrix(cols, d, rng);
    const AttentionWeights w = randomWeights(d, rng);
    const Mask mask = randomMask(heads, rows, cols, true, 0.2, rng);
    const AttentionOptions opt{.heads = heads};
    setThreadCount(1);
    AttentionEngine one;
    one.compute(xq, xkv, w, mask, opt);
    for (int edit = 0; edit < 20; ++edit)
        one.setMaskCell(int(rng.next() % heads), int(rng.next() % rows), int(rng.next() % cols),
                        rng.next() % 2);
    setThreadCount(3);
    AttentionEngine many;
    many.compute(xq, xkv, w, one.mask(), opt);
    setThreadCount(1);
    for (int h = 0; h < heads; ++h)
        QCOMPARE(one.weights(h), many.weights(h));
    QCOMPARE(one.concat(), many.concat());
    QCOMPARE(one.output(), many.output());
}

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
