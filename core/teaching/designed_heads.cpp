#include "teaching/designed_heads.h"

#include "common/error.h"
#include "demo/demo_inputs.h"

#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <map>

namespace attnviz {

namespace {

using MatrixD = Eigen::MatrixXd;

// ω_p of the sinusoidal encoding for pair p of a d_model-wide PE.
double frequency(int pair, int dModel)
{
    return 1.0 / std::pow(10000.0, 2.0 * pair / dModel);
}

// Positional codes: the first `pairs` (fastest) sin/cos pairs of PE, one row per position.
MatrixD positionalCodes(int length, int dModel, int dHead)
{
    const Matrix pe = positionalEncoding(length, dModel);
    MatrixD c = MatrixD::Zero(length, dHead);
    const int pairs = dHead / 2;
    c.leftCols(2 * pairs) = pe.leftCols(2 * pairs).cast<double>();
    return c;
}

// Rotates every (sin, cos) pair back by one step: sin(a−ω) and cos(a−ω).
MatrixD rotateBackOnePosition(const MatrixD& codes, int dModel)
{
    MatrixD r = codes;
    for (int p = 0; p < codes.cols() / 2; ++p) {
        const double w = frequency(p, dModel);
        const double cw = std::cos(w);
        const double sw = std::sin(w);
        for (Eigen::Index i = 0; i < codes.rows(); ++i) {
            const double s = codes(i, 2 * p);
            const double c = codes(i, 2 * p + 1);
            r(i, 2 * p) = s * cw - c * sw;
            r(i, 2 * p + 1) = c * cw + s * sw;
        }
    }
    return r;
}

// How far the positional peak stands above its nearest neighbour: Σ_p (1 − cos ω_p).
double positionalGap(int dModel, int dHead)
{
    double gap = 0.0;
    for (int p = 0; p < dHead / 2; ++p)
        gap += 1.0 - std::cos(frequency(p, dModel));
    return gap;
}

// One-hot code of each position's token (distinct tokens in order of first appearance).
MatrixD tokenCodes(const std::vector<std::string>& tokens, int dHead)
{
    std::map<std::string, int> ids;
    MatrixD c = MatrixD::Zero(static_cast<Eigen::Index>(tokens.size()), dHead);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto [it, fresh] = ids.emplace(tokens[i], static_cast<int>(ids.size()));
        (void)fresh;
        // More distinct tokens than d_k share codes: the pattern then also links those tokens.
        c(static_cast<Eigen::Index>(i), it->second % dHead) = 1.0;
    }
    return c;
}

} // namespace

std::string_view toString(HeadPattern pattern)
{
    switch (pattern) {
    case HeadPattern::PreviousToken:
        return "previous-token";
    case HeadPattern::Self:
        return "self";
    case HeadPattern::FirstToken:
        return "first-token";
    case HeadPattern::SameToken:
        return "same-token";
    }
    return "self";
}

std::vector<HeadPattern> allHeadPatterns()
{
    return {HeadPattern::PreviousToken, HeadPattern::Self, HeadPattern::FirstToken,
            HeadPattern::SameToken};
}

std::optional<HeadPattern> headPatternFromString(std::string_view name)
{
    for (HeadPattern p : allHeadPatterns())
        if (toString(p) == name)
            return p;
    return std::nullopt;
}

void applyDesignedHead(AttentionWeights& weights, const Matrix& x,
                       const std::vector<std::string>& tokens, int heads, int head,
                       HeadPattern pattern)
{
    const int dModel = weights.dModel();
    if (heads <= 0 || dModel % heads != 0 || head < 0 || head >= heads)
        throw Error("designed head: head " + std::to_string(head) + " is not one of " +
                    std::to_string(heads) + " heads");
    if (x.cols() != dModel || x.rows() != static_cast<Eigen::Index>(tokens.size()) || x.rows() == 0)
        throw Error("designed head: inputs do not match the tokens and d_model");
    const int dHead = dModel / heads;
    const int length = static_cast<int>(x.rows());

    MatrixD queryCodes;
    MatrixD keyCodes;
    Eigen::RowVectorXd queryBias = Eigen::RowVectorXd::Zero(dHead);
    double gap = positionalGap(dModel, dHead);
    switch (pattern) {
    case HeadPattern::PreviousToken:
        keyCodes = positionalCodes(length, dModel, dHead);
        queryCodes = rotateBackOnePosition(keyCodes, dModel);
        break;
    case HeadPattern::Self:
        keyCodes = positionalCodes(length, dModel, dHead);
        queryCodes = keyCodes;
        break;
    case HeadPattern::FirstToken:
        keyCodes = positionalCodes(length, dModel, dHead);
        queryCodes = MatrixD::Zero(length, dHead);
        queryBias = positionalCodes(1, dModel, dHead).row(0);
        break;
    case HeadPattern::SameToken:
        keyCodes = tokenCodes(tokens, dHead);
        queryCodes = keyCodes;
        gap = 1.0;
        break;
    }
    if (gap <= 0.0)
        throw Error("designed head: d_k is too small for this pattern");
    const double gain =
        std::sqrt(kDesignedHeadMargin * std::sqrt(static_cast<double>(dHead)) / gap);

    // Read-out: the D×d_k map A with X·A = codes (least squares, minimum norm). The linear layer
    // stores its weight as (out, in), so the head's rows are Aᵀ.
    const Eigen::CompleteOrthogonalDecomposition<MatrixD> xDecomposition(x.cast<double>());
    const MatrixD aq = xDecomposition.solve(queryCodes);
    const MatrixD ak = xDecomposition.solve(keyCodes);
    const Eigen::Index first = static_cast<Eigen::Index>(head) * dHead;
    weights.wq.middleRows(first, dHead) = (gain * aq.transpose()).cast<float>();
    weights.wk.middleRows(first, dHead) = (gain * ak.transpose()).cast<float>();
    weights.bq.segment(first, dHead) = (gain * queryBias).cast<float>();
    weights.bk.segment(first, dHead).setZero();
}

void applyDesignedHeads(AttentionWeights& weights, const Matrix& x,
                        const std::vector<std::string>& tokens, int heads,
                        const std::vector<DesignedHead>& designs)
{
    for (const DesignedHead& d : designs)
        if (d.head >= 0 && d.head < heads)
            applyDesignedHead(weights, x, tokens, heads, d.head, d.pattern);
}

} // namespace attnviz
