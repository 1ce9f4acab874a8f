// Designed heads really show their pattern: argmax positions on the demo sentence for several
// seeds and sizes, with and without a causal mask.
#include "attention/engine.h"
#include "common/error.h"
#include "demo/demo_inputs.h"
#include "demo/tokenizer.h"
#include "mask/presets.h"
#include "teaching/designed_heads.h"

#include <QTest>

using namespace attnviz;

Q_DECLARE_METATYPE(attnviz::HeadPattern)

namespace {

const char* const kDemo = "The cat sat on the mat because it was tired .";

struct Run {
    std::vector<std::string> tokens;
    AttentionWeights original;
    AttentionWeights designed;
    AttentionEngine engine;
};

// Designs `head` and runs the forward pass.
void run(Run& r, const char* text, int dModel, int heads, int head, HeadPattern pattern,
         std::uint64_t seed, bool causal)
{
    r.tokens = tokenize(text);
    const int length = static_cast<int>(r.tokens.size());
    const Matrix x = demoEmbeddings(r.tokens, dModel, seed);
    r.original = demoWeights(dModel, seed);
    r.designed = r.original;
    applyDesignedHead(r.designed, x, r.tokens, heads, head, pattern);
    AttentionOptions o;
    o.heads = heads;
    r.engine.compute(x, x, r.designed,
                     causal ? makeMask(MaskPreset::Causal, length, length) : Mask(), o);
}

int argmax(const Matrix& m, int row)
{
    Eigen::Index col = 0;
    m.row(row).maxCoeff(&col);
    return static_cast<int>(col);
}

} // namespace

class TestDesignedHeads : public QObject {
    Q_OBJECT
private slots:
    void names()
    {
        for (HeadPattern p : allHeadPatterns())
            QCOMPARE(headPatternFromString(toString(p)), std::optional<HeadPattern>(p));
        QVERIFY(!headPatternFromString("induction").has_value());
    }

    void positional_data()
    {
        QTest::addColumn<HeadPattern>("pattern");
        QTest::addColumn<int>("dModel");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("head");
        QTest::addColumn<bool>("causal");
        for (HeadPattern p :
             {HeadPattern::PreviousToken, HeadPattern::Self, HeadPattern::FirstToken})
            for (auto [d, h, k] : {std::tuple{64, 4, 1}, std::tuple{32, 2, 0},
                                   std::tuple{128, 8, 7}, std::tuple{64, 1, 0}})
                for (bool causal : {false, true})
                    QTest::addRow("%s-D%d-H%d-head%d%s", toString(p).data(), d, h, k,
                                  causal ? "-causal" : "")
                        << p << d << h << k << causal;
    }

    void positional()
    {
        QFETCH(HeadPattern, pattern);
        QFETCH(int, dModel);
        QFETCH(int, heads);
        QFETCH(int, head);
        QFETCH(bool, causal);
        for (std::uint64_t seed : {1, 2, 3, 42, 1234}) {
            Run r;
            run(r, kDemo, dModel, heads, head, pattern, seed, causal);
            const Matrix& a = r.engine.weights(head);
            for (int i = 0; i < a.rows(); ++i) {
                int expected = i;
                if (pattern == HeadPattern::PreviousToken)
                    expected = i - 1;
                else if (pattern == HeadPattern::FirstToken)
                    expected = 0;
                if (expected < 0)
                    continue; // the first query has no previous token
                QCOMPARE(argmax(a, i), expected);
                // Robust, not a near tie: the softmax puts most of the row on that key.
                QVERIFY2(
                    a(i, expected) > 0.9f,
                    qPrintable(QString("seed %1 row %2: %3").arg(seed).arg(i).arg(a(i, expected))));
            }
        }
    }

    void sameToken()
    {
        const char* text = "the cat saw the dog and the dog saw the cat";
        for (std::uint64_t seed : {1, 2, 3, 42}) {
            Run r;
            run(r, text, 64, 4, 2, HeadPattern::SameToken, seed, false);
            const Matrix& a = r.engine.weights(2);
            for (int i = 0; i < a.rows(); ++i) {
                float same = 0.0f;
                for (int j = 0; j < a.cols(); ++j)
                    if (r.tokens[static_cast<std::size_t>(j)] ==
                        r.tokens[static_cast<std::size_t>(i)])
                        same += a(i, j);
                QVERIFY2(same > 0.95f, qPrintable(QString("row %1: %2").arg(i).arg(same)));
            }
            // "the" (positions 0, 3, 6, 9) spreads evenly over its copies.
            QVERIFY(std::abs(a(0, 3) - a(0, 9)) < 1e-3f);
        }
    }

    // Only the designed head's query and key rows change.
    void touchesOnlyItsHead()
    {
        Run r;
        run(r, kDemo, 64, 4, 2, HeadPattern::PreviousToken, 7, false);
        QVERIFY(r.designed.wv == r.original.wv);
        QVERIFY(r.designed.wo == r.original.wo);
        for (int h : {0, 1, 3}) {
            QVERIFY(r.designed.wq.middleRows(h * 16, 16) == r.original.wq.middleRows(h * 16, 16));
            QVERIFY(r.designed.wk.middleRows(h * 16, 16) == r.original.wk.middleRows(h * 16, 16));
        }
        QVERIFY(!(r.designed.wq.middleRows(32, 16) == r.original.wq.middleRows(32, 16)));
        r.designed.validate();
    }

    void rejectsBadHead()
    {
        const auto tokens = tokenize(kDemo);
        const Matrix x = demoEmbeddings(tokens, 64, 1);
        AttentionWeights w = demoWeights(64, 1);
        QVERIFY_THROWS_EXCEPTION(Error, applyDesignedHead(w, x, tokens, 4, 4, HeadPattern::Self));
        QVERIFY_THROWS_EXCEPTION(Error, applyDesignedHead(w, x, tokens, 3, 0, HeadPattern::Self));
        QVERIFY_THROWS_EXCEPTION(
            Error, applyDesignedHead(w, x.topRows(3), tokens, 4, 0, HeadPattern::Self));
    }
};

QTEST_APPLESS_MAIN(TestDesignedHeads)
#include "tst_designed_heads.moc"
