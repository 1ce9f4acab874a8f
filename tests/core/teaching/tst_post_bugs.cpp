// The reference post's bugs, reproduced on purpose: each variant changes the numbers exactly the
// way the maths says.
#include "attention/engine.h"
#include "demo/demo_inputs.h"
#include "demo/tokenizer.h"
#include "mask/presets.h"
#include "teaching/post_bugs.h"

#include <QTest>

using namespace attnviz;

namespace {

struct Setup {
    Matrix x;
    AttentionWeights w;
    Mask mask;
    AttentionOptions options;
};

Setup demo(std::uint64_t seed, int dModel = 64, int heads = 4)
{
    const auto tokens = tokenize("The cat sat on the mat because it was tired .");
    Setup s;
    s.x = demoEmbeddings(tokens, dModel, seed);
    s.w = demoWeights(dModel, seed);
    for (RowVector* b : {&s.w.bq, &s.w.bk, &s.w.bv})
        b->setConstant(0.05f * static_cast<float>(seed % 7));
    s.mask = makeMask(MaskPreset::Causal, static_cast<int>(tokens.size()),
                      static_cast<int>(tokens.size()));
    s.options.heads = heads;
    return s;
}

} // namespace

class TestPostBugs : public QObject {
    Q_OBJECT
private slots:
    void names()
    {
        for (PostBug b :
             {PostBug::None, PostBug::MaskDiscarded, PostBug::QueryProjectionForKeyValue})
            QCOMPARE(postBugFromString(toString(b)), std::optional<PostBug>(b));
        QVERIFY(!postBugFromString("dropout").has_value());
    }

    void noneIsTheCorrectPass()
    {
        const Setup s = demo(3);
        AttentionEngine correct, none;
        correct.compute(s.x, s.x, s.w, s.mask, s.options);
        computeWithPostBug(none, PostBug::None, s.x, s.x, s.w, s.mask, s.options);
        for (int h = 0; h < 4; ++h)
            QVERIFY(none.weights(h) == correct.weights(h));
        QVERIFY(none.output() == correct.output());
    }

    void maskDiscarded_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<int>("fill");
        for (quint64 seed : {1, 2, 3})
            for (int fill : {0, 1})
                QTest::addRow("seed%llu-fill%d", static_cast<unsigned long long>(seed), fill)
                    << seed << fill;
    }

    // Bug (a): the weights are exactly the unmasked weights, and differ from the masked ones.
    void maskDiscarded()
    {
        QFETCH(quint64, seed);
        QFETCH(int, fill);
        Setup s = demo(seed);
        s.options.fill = fill ? MaskFill::NegInf : MaskFill::LargeNegative;
        AttentionEngine bug, unmasked, correct;
        computeWithPostBug(bug, PostBug::MaskDiscarded, s.x, s.x, s.w, s.mask, s.options);
        unmasked.compute(s.x, s.x, s.w, Mask::shared(11, 11, true), s.options);
        correct.compute(s.x, s.x, s.w, s.mask, s.options);
        for (int h = 0; h < 4; ++h) {
            QVERIFY(bug.weights(h) == unmasked.weights(h));
            // Under the causal mask the first query sees only itself; with the bug it sees all.
            QCOMPARE(correct.weights(h)(0, 0), 1.0f);
            QVERIFY(bug.weights(h)(0, 0) < 0.9f);
            QVERIFY(bug.weights(h).topRightCorner(1, 10).minCoeff() > 0.0f);
        }
        QVERIFY(bug.output() == unmasked.output());
        QVERIFY(!(bug.output() == correct.output()));
    }

    // Bug (b): K and V equal the query projection of their inputs.
    void keyAndValueUseQueryProjection()
    {
        const Setup s = demo(5);
        AttentionEngine bug, correct;
        computeWithPostBug(bug, PostBug::QueryProjectionForKeyValue, s.x, s.x, s.w, s.mask,
                           s.options);
        correct.compute(s.x, s.x, s.w, s.mask, s.options);
        // Self-attention: the same input through the same projection, so K = V = Q exactly.
        QVERIFY(bug.k() == bug.q());
        QVERIFY(bug.v() == bug.q());
        QVERIFY(bug.q() == correct.q());
        QVERIFY(!(bug.k() == correct.k()));
        const Matrix expected = (s.x * s.w.wq.transpose()).rowwise() + s.w.bq;
        QVERIFY((bug.k() - expected).cwiseAbs().maxCoeff() < 1e-5f);
        // The scores Q Kᵀ become Q Qᵀ: symmetric.
        for (int h = 0; h < 4; ++h) {
            const Matrix raw = bug.rawScores(h);
            QVERIFY((raw - raw.transpose()).cwiseAbs().maxCoeff() < 1e-4f);
        }
    }

    void queryProjectionCrossAttention()
    {
        const Setup s = demo(6);
        const Matrix memory = demoEmbeddings(tokenize("a different key input"), 64, 9);
        AttentionEngine bug;
        computeWithPostBug(bug, PostBug::QueryProjectionForKeyValue, s.x, memory, s.w, Mask(),
                           s.options);
        const Matrix expected = (memory * s.w.wq.transpose()).rowwise() + s.w.bq;
        QVERIFY((bug.k() - expected).cwiseAbs().maxCoeff() < 1e-5f);
        QVERIFY((bug.v() - expected).cwiseAbs().maxCoeff() < 1e-5f);
    }

    void weightsHelper()
    {
        const AttentionWeights w = queryProjectionForKeyValue(demoWeights(16, 1));
        QVERIFY(w.wk == w.wq);
        QVERIFY(w.wv == w.wq);
        QVERIFY(w.bk == w.bq);
        QVERIFY(w.bv == w.bq);
        QVERIFY(w.wo == demoWeights(16, 1).wo);
    }
};

QTEST_APPLESS_MAIN(TestPostBugs)
#include "tst_post_bugs.moc"
