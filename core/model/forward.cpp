#include "model/forward.h"

#include "attention/softmax.h"
#include "common/error.h"
#include "io/weight_file.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace attnviz::model {

ModelForward::ModelForward(const ModelConfig& config, const ModelWeights& weights)
    : m_config(config)
    , m_weights(weights)
    , m_rope(config.rope, config.headDim, weights.interleavedRope)
{
}

void ModelForward::run(const std::vector<std::int32_t>& ids, const KnockoutSet& knockouts)
{
    const ModelConfig& c = m_config;
    m_ids = ids;
    const int T = tokens();
    const int kvd = c.kvHeads * c.headDim;
    m_stream.assign(c.layers + 1, Matrix(T, c.dModel));
    m_keys.assign(c.layers, Matrix(T, kvd));
    m_values.assign(c.layers, Matrix(T, kvd));
    m_attention.assign(c.layers, std::vector<Matrix>(c.heads, Matrix(T, T)));
    m_hidden.resize(T, c.dModel);
    m_logits.resize(m_weights.hasHead ? T : 0, m_weights.hasHead ? c.vocab : 0);
    m_knockouts = knockouts;
    buildBlocked();
    embed();
    recompute(0, 0);
}

void ModelForward::setKnockouts(const KnockoutSet& knockouts)
{
    std::vector<Edge> changed;
    std::set_symmetric_difference(m_knockouts.begin(), m_knockouts.end(), knockouts.begin(),
                                  knockouts.end(), std::back_inserter(changed));
    if (changed.empty())
        return;
    const int layer = std::min_element(changed.begin(), changed.end())->layer;
    int row = tokens();
    for (const Edge& e : changed)
        row = std::min(row, e.query);
    m_knockouts = knockouts;
    buildBlocked();
    recompute(layer, row);
}

void ModelForward::buildBlocked()
{
    const int T = tokens(), H = m_config.heads;
    m_blocked.assign(m_config.layers, {});
    for (const Edge& e : m_knockouts) {
        if (e.layer < 0 || e.layer >= m_config.layers || e.head < 0 || e.head >= H || e.query < 0 ||
            e.query >= T || e.key < 0 || e.key >= T)
            throw Error("knockout " + std::to_string(e.layer) + ":" + std::to_string(e.head) + ":" +
                        std::to_string(e.query) + ":" + std::to_string(e.key) +
                        " is outside the model or the tokens");
        std::vector<std::uint8_t>& b = m_blocked[e.layer];
        if (b.empty())
            b.assign(std::size_t(H) * T * T, 0);
        b[(std::size_t(e.head) * T + e.query) * T + e.key] = 1;
    }
}

void ModelForward::recompute(int layer, int firstRow)
{
    // A bidirectional layer's every row sees the change once one row has.
    const int row = m_config.causal() ? firstRow : 0;
    for (int l = layer; l < m_config.layers; ++l)
        runLayer(l, row);
    finish(row);
    m_lastRecompute = {layer, row};
}

void ModelForward::embed()
{
    const ModelWeights& w = m_weights;
    Matrix& x = m_stream[0];
    RowVector position(m_config.dModel);
    for (int t = 0; t < tokens(); ++t) {
        io::widenRows(*w.tokens, m_ids[t], 1, x.row(t).data());
        if (w.tokenType0.size() > 0) // HF BERT: (word + token type) + position
            x.row(t) += w.tokenType0;
        if (w.positions) {
            io::widenRows(*w.positions, t, 1, position.data());
            x.row(t) += position;
        }
        if (!allFinite(x.row(t).data(), x.cols()))
            throw Error("the embedding of token " + std::to_string(m_ids[t]) + " at position " +
                        std::to_string(t) + " holds NaN or infinite values");
    }
    if (w.embedNorm.weight.size() > 0)
        normRows(w.embedNorm, x, x);
}

void ModelForward::runLayer(int layer, int firstRow)
{
    const ModelConfig& c = m_config;
    const LayerWeights& w = m_weights.layers[layer];
    const int rows = tokens() - firstRow;
    const Eigen::Index d = c.dModel, qd = Eigen::Index(c.heads) * c.headDim;
    const bool preNorm = c.family == Family::Llama || c.family == Family::Gpt2;
    const ConstMatrixRef x = m_stream[layer].bottomRows(rows);
    MatrixRef keys = m_keys[layer].bottomRows(rows);
    MatrixRef values = m_values[layer].bottomRows(rows);

    m_normed.resize(rows, d);
    if (preNorm)
        normRows(w.norm1, x, m_normed);
    else
        m_normed = x;
    m_q.resize(rows, qd);
    if (w.qkv.weight) {
        m_qkv.resize(rows, 3 * d);
        m_linear.apply(w.qkv, m_normed, m_qkv);
        m_q = m_qkv.leftCols(d);
        keys = m_qkv.middleCols(d, d);
        values = m_qkv.rightCols(d);
    } else {
        m_linear.apply(w.q, m_normed, m_q);
        m_linear.apply(w.k, m_normed, keys);
        m_linear.apply(w.v, m_normed, values);
    }
    if (c.family == Family::Llama) {
        m_rope.apply(m_q, firstRow);
        m_rope.apply(keys, firstRow);
    }
    attend(layer, firstRow, m_q);
    m_attnOut.resize(rows, d);
    m_linear.apply(w.o, m_heads, m_attnOut);
    m_attnOut += x;
    MatrixRef out = m_stream[layer + 1].bottomRows(rows);
    if (preNorm) { // x + attn(norm1 x), then + mlp(norm2 ·)
        normRows(w.norm2, m_attnOut, m_normed);
        mlp(w, m_normed, out);
        out += m_attnOut;
    } else { // norm1(x + attn x), then norm2(· + mlp ·)
        normRows(w.norm1, m_attnOut, m_attnOut);
        m_ffnOut.resize(rows, d);
        mlp(w, m_attnOut, m_ffnOut);
        m_ffnOut += m_attnOut;
        normRows(w.norm2, m_ffnOut, out);
    }
}

void ModelForward::attend(int layer, int firstRow, const ConstMatrixRef& q)
{
    const ModelConfig& c = m_config;
    const int T = tokens(), rows = T - firstRow;
    const Eigen::Index hd = c.headDim;
    const int group = c.heads / c.kvHeads;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const std::vector<std::uint8_t>& blocked = m_blocked[layer];
    m_heads.resize(rows, c.heads * hd);
    m_scores.resize(rows, T);
    m_maskRow.resize(T);
    for (int kv = 0; kv < c.kvHeads; ++kv) {
        m_packedKeys.packTransposed(m_keys[layer].middleCols(kv * hd, hd));
        m_packedValues.pack(m_values[layer].middleCols(kv * hd, hd));
        for (int h = kv * group; h < (kv + 1) * group; ++h) {
            multiplyPacked(q.middleCols(h * hd, hd), m_packedKeys, scale, m_scores);
            Matrix& a = m_attention[layer][h];
            for (int i = 0; i < rows; ++i) {
                const int query = firstRow + i;
                const std::uint8_t* cut =
                    blocked.empty() ? nullptr : &blocked[(std::size_t(h) * T + query) * T];
                for (int j = 0; j < T; ++j)
                    m_maskRow[j] = (!c.causal() || j <= query) && !(cut && cut[j]);
                maskedSoftmaxRow(m_scores.row(i).data(), m_maskRow.data(), T, MaskFill::NegInf,
                                 a.row(query).data());
            }
            multiplyPacked(a.bottomRows(rows), m_packedValues, 1.0f,
                           m_heads.middleCols(h * hd, hd));
        }
    }
}

void ModelForward::mlp(const LayerWeights& w, const ConstMatrixRef& x, MatrixRef out)
{
    const int rows = static_cast<int>(x.rows());
    m_up.resize(rows, m_config.ffn);
    m_linear.apply(w.up, x, m_up);
    if (w.gate.weight) { // SwiGLU: down(silu(gate x) · up x)
        m_gate.resize(rows, m_config.ffn);
        m_linear.apply(w.gate, x, m_gate);
        activate(m_config.activation, m_gate);
        m_up.array() *= m_gate.array();
    } else {
        activate(m_config.activation, m_up);
    }
    m_linear.apply(w.down, m_up, out);
}

void ModelForward::finish(int firstRow)
{
    const ModelWeights& w = m_weights;
    const int rows = tokens() - firstRow;
    const ConstMatrixRef last = m_stream[m_config.layers].bottomRows(rows);
    MatrixRef hidden = m_hidden.bottomRows(rows);
    if (w.finalNorm.weight.size() > 0)
        normRows(w.finalNorm, last, hidden);
    else
        hidden = last;
    if (!w.hasHead)
        return;
    MatrixRef logits = m_logits.bottomRows(rows);
    if (!w.headTransform.weight) {
        m_linear.apply(w.head, hidden, logits);
        return;
    }
    m_mid.resize(rows, m_config.dModel); // MLM: norm(act(dense h)), then the decoder
    m_linear.apply(w.headTransform, hidden, m_mid);
    activate(m_config.activation, m_mid);
    normRows(w.headNorm, m_mid, m_mid);
    m_linear.apply(w.head, m_mid, logits);
}

} // namespace attnviz::model
