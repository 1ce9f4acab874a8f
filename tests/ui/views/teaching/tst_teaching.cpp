// Each teaching toggle changes the numbers the way the maths says.
#include "demo/demo_inputs.h"
#include "demo/tokenizer.h"
#include "mask/presets.h"
#include "ui/model/attention_controller.h"
#include "ui/views/teaching/teaching_compare.h"
#include "ui/views/teaching/teaching_page.h"
#include "ui_test_main.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QTest>
#include <cmath>

using namespace attnviz;
using namespace attnviz::ui;

namespace {

// Mean over rows of the largest weight: 1 = every row on one key.
double peakedness(const Matrix& a)
{
    return a.rowwise().maxCoeff().mean();
}

} // namespace

class TestTeaching : public QObject {
    Q_OBJECT
private slots:
    void scalingOff()
    {
        AttentionController c;
        TeachingPage page(&c);
        const double scaled = peakedness(c.engine().weights(0));
        page.scaleCheck()->setChecked(false);
        QVERIFY(!c.state().scale);
        // Without ÷√d_k the scaled scores are the raw scores (T = 1) …
        QVERIFY((c.engine().scaledScores(0) - c.engine().rawScores(0)).cwiseAbs().maxCoeff() <
                1e-5f);
        // … four times larger here (√16), so softmax is sharper.
        QVERIFY(peakedness(c.engine().weights(0)) > scaled);
        page.scaleCheck()->setChecked(true);
        QVERIFY(
            (c.engine().scaledScores(0) * 4.0f - c.engine().rawScores(0)).cwiseAbs().maxCoeff() <
            1e-4f);
    }

    void temperature()
    {
        AttentionController c;
        TeachingPage page(&c);
        const double base = peakedness(c.engine().weights(1));
        page.temperatureSlider()->setValue(-100); // T = 0.1
        QCOMPARE(c.state().temperature, 0.1);
        const double cold = peakedness(c.engine().weights(1));
        QVERIFY((c.engine().scaledScores(1) * 0.1f * 4.0f - c.engine().rawScores(1))
                    .cwiseAbs()
                    .maxCoeff() < 1e-3f);
        page.temperatureSlider()->setValue(100); // T = 10
        const double hot = peakedness(c.engine().weights(1));
        QVERIFY(cold > base);
        QVERIFY(hot < base);
        // T → ∞ tends to uniform over the visible keys: row i of a causal mask gets 1/(i+1).
        QVERIFY(std::abs(c.engine().weights(1)(9, 0) - 0.1f) < 0.03f);
    }

    void fillModeOnAFullyMaskedRow()
    {
        AttentionController c;
        TeachingPage page(&c);
        page.negInfRadio()->setChecked(true);
        QVERIFY(c.state().fill == MaskFill::NegInf);
        page.blockRowButton()->click();
        const int l = c.engine().keyLength();
        for (int h = 0; h < c.engine().heads(); ++h) {
            QVERIFY(c.engine().rowFullyMasked(h, 0));
            QCOMPARE(c.engine().weights(h).row(0).sum(), 0.0f); // −∞: defined as all zero
        }
        page.largeNegativeRadio()->setChecked(true);
        QVERIFY(c.state().fill == MaskFill::LargeNegative);
        for (int h = 0; h < c.engine().heads(); ++h)
            for (int j = 0; j < l; ++j) // −1e9 everywhere: uniform over all keys
                QVERIFY(std::abs(c.engine().weights(h)(0, j) - 1.0f / l) < 1e-6f);
        // Rows with a visible key are the same in both modes.
        const Matrix large = c.engine().weights(0).bottomRows(l - 1);
        page.negInfRadio()->setChecked(true);
        QVERIFY((c.engine().weights(0).bottomRows(l - 1) - large).cwiseAbs().maxCoeff() < 1e-6f);
    }

    void bugMaskDiscarded()
    {
        AttentionController c;
        TeachingCompare compare(&c);
        const AttentionEngine& bug = compare.variant(PostBug::MaskDiscarded);
        AttentionEngine unmasked;
        const int l = c.engine().queryLength();
        unmasked.compute(*c.input(), *c.input(), *c.attentionWeights(), Mask::shared(l, l),
                         c.engine().options());
        for (int h = 0; h < c.engine().heads(); ++h) {
            QVERIFY(bug.weights(h) == unmasked.weights(h)); // the mask has no effect at all
            QVERIFY(!(bug.weights(h) == c.engine().weights(h)));
            QVERIFY(compare.variant(PostBug::None).weights(h) == c.engine().weights(h));
        }
        QVERIFY(compare.summary().contains(QLatin1String("%")));
    }

    void bugQueryProjection()
    {
        AttentionController c;
        TeachingCompare compare(&c);
        const AttentionEngine& bug = compare.variant(PostBug::QueryProjectionForKeyValue);
        // K and V are the query projection of the same input: K = V = Q.
        QVERIFY(bug.k() == c.engine().q());
        QVERIFY(bug.v() == c.engine().q());
        QVERIFY(!(bug.k() == c.engine().k()));
        const Matrix expected = (*c.input() * c.attentionWeights()->wq.transpose()).rowwise() +
                                c.attentionWeights()->bq;
        QVERIFY((bug.k() - expected).cwiseAbs().maxCoeff() < 1e-5f);
        // Follows mask edits.
        c.toggleCell(0, 5, 0);
        QVERIFY(!compare.variant(PostBug::None).mask().allowed(0, 5, 0));
    }

    void designedHead()
    {
        AttentionController c;
        TeachingPage page(&c);
        const Matrix learned = c.engine().weights(1);
        page.headCombo()->setCurrentIndex(1);
        const int index = page.patternCombo()->findData(QStringLiteral("previous-token"));
        QVERIFY(index > 0);
        page.patternCombo()->setCurrentIndex(index);
        emit page.patternCombo()->activated(index);
        QCOMPARE(c.state().designedHeads.size(), std::size_t(1));
        const Matrix& a = c.engine().weights(1);
        for (int i = 1; i < a.rows(); ++i) {
            Eigen::Index col = 0;
            a.row(i).maxCoeff(&col);
            QCOMPARE(static_cast<int>(col), i - 1);
        }
        QVERIFY(c.engine().weights(0) == AttentionController().engine().weights(0));
        // Back to the learned weights.
        page.patternCombo()->setCurrentIndex(0);
        emit page.patternCombo()->activated(0);
        QVERIFY(c.state().designedHeads.empty());
        QVERIFY(c.engine().weights(1) == learned);
    }

    void designedHeadFollowsText()
    {
        AttentionController c;
        c.setDesignedHead(3, HeadPattern::FirstToken);
        c.setText(QStringLiteral("one two three four five six"));
        const Matrix& a = c.engine().weights(3);
        for (int i = 0; i < a.rows(); ++i)
            QVERIFY(a(i, 0) > 0.9f);
    }
};

ATTNVIZ_UI_TEST_MAIN(TestTeaching)
#include "tst_teaching.moc"
