#pragma once

#include "attention/matrix.h"
#include "attention/options.h"
#include "attention/packed_product.h"
#include "attention/weights.h"
#include "mask/mask.h"

#include <cstdint>
#include <vector>

namespace attnviz {

// Multi-head attention that keeps every stage of the computation so that views and exports read
// the same numbers. Self-attention passes the same matrix as query and key input; cross-attention
// passes a different key/value input (S×D).
//
// Stored: Q, K, V (L×D / S×D, head h in columns [h·d_k, (h+1)·d_k)), the weights per head (L×S),
// the concatenated head outputs (L×D) and the final output (L×D). The scores (raw, scaled,
// masked) are one product of Q and K away and are computed on request: storing them would double
// the memory of the largest stage and the traffic of every forward pass.
class AttentionEngine {
public:
    // Full forward pass. Throws attnviz::Error for inconsistent shapes, D not divisible by
    // H, a non-positive temperature, a mask of the wrong shape (an empty mask means
    // no masking), or NaN / infinite values in inputs or weights. On failure the
    // previous result is kept.
    void compute(const Matrix& query, const Matrix& keyValue, const AttentionWeights& weights,
                 const Mask& mask, const AttentionOptions& options);

    // The same from given projections Q (L×D), K and V (S×D) with no output projection: the
    // output is the concatenation of the head outputs. This is how precomputed attention A is
    // shown (Q_h = log A_h, K_h = V_h = identity, d_k = S), without D×D weight matrices.
    void computeFromProjections(Matrix q, Matrix k, Matrix v, const Mask& mask,
                                const AttentionOptions& options);

    // Changes one mask cell for one head (or Mask::kAllHeads) and updates only what depends on it:
    // the softmax and head output of query row `row` and output row `row`. Returns false (and does
    // nothing) when the cell already had that value. The row is computed exactly as the full pass
    // computes it (packed_product.h), so undoing an edit restores the numbers bit for bit.
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
    Matrix scaledScores(int head) const; // Q_h K_hᵀ / (√d_k · T), before masking
    RowVector scaledScoresRow(int head, int row) const;
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
    // Query row `row`'s mask for the softmax; null while no key has been blocked.
    const std::uint8_t* maskRow(int head, int row) const;
    // Takes the mask and options, then runs the heads.
    void start(const Mask& mask, const AttentionOptions& options);
    // Softmax, head outputs and the output projection from Q, K, V and the mask.
    void runHeads();
    // Scaled scores of query rows [firstRow, firstRow + out.rows()) of one head.
    void scoreRows(int head, int firstRow, Matrix& out) const;

    static constexpr int kBlockFloats = 1 << 16;

    int m_heads = 0;
    AttentionOptions m_options;
    Mask m_mask;
    bool m_unmasked = false; // no cell of m_mask has been blocked since an empty mask was given
    Matrix m_q, m_k, m_v;
    std::vector<Matrix> m_weights;
    // K_h and V_h per head in the layout of the score and head-output products (packed_product.h).
    std::vector<PackedOperand> m_packedKeys, m_packedValues;
    Matrix m_concat, m_output;
    std::vector<Matrix> m_scoreBlocks; // scratch per thread: the scores of the rows being updated
    PackedOperand m_packedWo;          // W_oᵀ; empty when there is no output projection
    RowVector m_bo;
};

} // namespace attnviz
