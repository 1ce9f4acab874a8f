#pragma once

#include "attention/packed_product.h"
#include "model/config.h"
#include "model/knockouts.h"
#include "model/layer_ops.h"
#include "model/linear.h"
#include "model/model_weights.h"

#include <cstdint>
#include <vector>

namespace attnviz::model {

// The forward pass of a transformer that keeps what AttnViz shows: every layer's attention
// probabilities, the residual stream entering each layer, the final hidden states and the
// logits. Knockouts block attention edges before the softmax (fill −∞, the row renormalises).
//
// Changing the knockouts recomputes from the first layer they touch, and in a causal model only
// positions from the smallest affected query on: the earlier rows of every layer cannot see the
// change. Every row is computed on its own (packed_product.h), so the incremental result equals
// a full pass with the same knockouts bit for bit, and removing a knockout restores the numbers.
class ModelForward {
public:
    // Both must outlive the object.
    ModelForward(const ModelConfig& config, const ModelWeights& weights);

    // The full pass for `ids` (each in [0, vocab), checked by the caller) with `knockouts`.
    // Throws attnviz::Error for NaN weights met on the way; the previous result is then invalid.
    void run(const std::vector<std::int32_t>& ids, const KnockoutSet& knockouts);
    // Replaces the knockouts and recomputes what they change.
    void setKnockouts(const KnockoutSet& knockouts);

    int tokens() const { return static_cast<int>(m_ids.size()); }
    const KnockoutSet& knockouts() const { return m_knockouts; }
    // Head h of layer l: T×T softmax probabilities, query rows, key columns.
    const Matrix& attention(int layer, int head) const { return m_attention[layer][head]; }
    // The residual stream entering layer l (T×d); residual(layers) leaves the last layer.
    const Matrix& residual(int layer) const { return m_stream[layer]; }
    const Matrix& hidden() const { return m_hidden; } // after the final norm, if any
    const Matrix& logits() const { return m_logits; } // T×vocab; empty without a head

    // Where the last run or setKnockouts started: its first layer and first row.
    struct Span {
        int layer = 0, row = 0;
    };
    Span lastRecompute() const { return m_lastRecompute; }

private:
    void embed();
    void runLayer(int layer, int firstRow);
    void attend(int layer, int firstRow, const ConstMatrixRef& q);
    void mlp(const LayerWeights& w, const ConstMatrixRef& x, MatrixRef out);
    void finish(int firstRow);
    void recompute(int layer, int firstRow);
    void buildBlocked();

    const ModelConfig& m_config;
    const ModelWeights& m_weights;
    std::vector<std::int32_t> m_ids;
    KnockoutSet m_knockouts;
    std::vector<std::vector<std::uint8_t>> m_blocked; // per layer: heads×T×T, empty when none
    Span m_lastRecompute;

    std::vector<Matrix> m_stream;         // layers + 1, T×d
    std::vector<Matrix> m_keys, m_values; // per layer, T×(kvHeads·headDim), after RoPE
    std::vector<std::vector<Matrix>> m_attention;
    Matrix m_hidden, m_logits;

    // Scratch for the rows being computed.
    LinearApplier m_linear;
    Rope m_rope;
    Matrix m_normed, m_qkv, m_q, m_heads, m_attnOut, m_mid, m_gate, m_up, m_ffnOut, m_scores;
    PackedOperand m_packedKeys, m_packedValues;
    std::vector<std::uint8_t> m_maskRow;
};

} // namespace attnviz::model
