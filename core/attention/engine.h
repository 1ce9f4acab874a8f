#pragma once

#include "attention/matrix.h"
#include "attention/options.h"
#include "attention/weights.h"
#include "mask/mask.h"

#include <vector>

namespace attnviz {

// Multi-head attention that keeps every stage of the computation so that views and exports read
// the same numbers. Self-attention passes the same matrix as query and key input; cross-attention
// passes a different key/value input (S×D).
//
// Stored: Q, K, V (L×D / S×D, head h in columns [h·d_k, (h+1)·d_k)), scaled scores and weights per
// head (L×S), concatenated head outputs (L×D) and the final output (L×D). Raw and masked scores are
// cheap to derive and are computed on request.
class AttentionEngine {
public:
    // Full forward pass. Throws std::invalid_argument for inconsistent shapes, D not divisible by
    // H, a non-positive temperature, a mask of the wrong shape (an empty mask means
    // no masking), or NaN / infinite values in inputs or weights. On failure the
    // previous result is kept.
    void compute(const Matrix& query, const Matrix& keyValue, const AttentionWeights& weights,
                 const Mask& mask, const AttentionOptions& options);

    // Changes one mask cell for one head (or Mask::kAllHeads) and updates only what depends on it:
    // the softmax and head output of query row `row` and output row `row`. Returns false (and does
    // nothing) when the cell already had that value.
    bool setMaskCell(int head, int row, int col, bool allowed);
    // Replaces the whole mask (same shape rules as compute) and recomputes from the scores on.
    void setMask(const Mask& mask);

    bool hasResult() const { return m_heads > 0; }
    int heads() const { return m_heads; }
    int queryLength() const { return static_cast<int>(m_q.rows()); }
    int keyLength() const { return static_cast<int>(m_k.rows()); }
    int dModel() const { return static_cast<int>(m_q.cols()); }
    int dHead() const { return m_heads ? dModel() / m_heads : 0; }
    const AttentionOptions& options() const { return m_options; }
    const Mask& mask() const { return m_mask; }

    const Matrix& q() const { return m_q; }
    const Matrix& k() const { return m_k; }
    const Matrix& v() const { return m_v; }
    const Matrix& scaledScores(int head) const { return m_scores[head]; }
    const Matrix& weights(int head) const { return m_weights[head]; }
    const Matrix& concat() const { return m_concat; }
    const Matrix& output() const { return m_output; }

    Matrix rawScores(int head) const;    // Q_h K_hᵀ
    Matrix maskedScores(int head) const; // scaled scores with blocked cells replaced by the fill
    using HeadBlock = Eigen::Block<const Matrix>;
    // Head h's output A_h V_h (L×d_k), a view into the concatenation.
    HeadBlock headOutput(int head) const;
    // True when every key of this query row is blocked (neg-inf mode gives an all-zero row).
    bool rowFullyMasked(int head, int row) const { return m_mask.rowAllBlocked(head, row); }

private:
    // Head h's d_k columns of a stage that holds all heads side by side (Q, K, V, concat).
    HeadBlock headColumns(const Matrix& m, int head) const;
    void updateRow(int head, int row);
    void updateOutputRow(int row);
    // Scores (if asked), softmax, head outputs and the output projection.
    void runHeads(bool withScores);

    static constexpr int kBlockFloats = 1 << 18;

    int m_heads = 0;
    AttentionOptions m_options;
    Mask m_mask;
    Matrix m_q, m_k, m_v;
    std::vector<Matrix> m_scores;
    std::vector<Matrix> m_weights;
    Matrix m_concat, m_output;
    Matrix m_wo;
    RowVector m_bo;
};

} // namespace attnviz
