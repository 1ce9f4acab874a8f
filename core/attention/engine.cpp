#include "attention/engine.h"

#include "attention/packed_product.h"
#include "attention/softmax.h"
#include "common/error.h"
#include "common/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace attnviz {

namespace {

void validateInputs(const Matrix& query, const Matrix& keyValue, const AttentionWeights& weights,
                    const AttentionOptions& options)
{
    weights.validate();
    const int d = weights.dModel();
    if (options.heads <= 0)
        throw Error("the number of heads must be positive");
    if (d % options.heads != 0)
        throw Error("d_model " + std::to_string(d) + " is not divisible by the number of heads " +
                    std::to_string(options.heads));
    if (!(options.temperature > 0.0f) || !std::isfinite(options.temperature))
        throw Error("the temperature must be a positive finite number");
    auto checkInput = [d](const Matrix& x, const char* name) {
        if (x.rows() == 0)
            throw Error(std::string(name) + " has no tokens");
        if (x.cols() != d)
            throw Error(std::string(name) + " has width " + std::to_string(x.cols()) +
                        ", expected d_model " + std::to_string(d));
        if (!allFinite(x))
            throw Error(std::string(name) + " contains NaN or infinite values");
    };
    checkInput(query, "query input");
    if (&keyValue != &query) // self-attention passes one matrix twice
        checkInput(keyValue, "key/value input");
}

// out = x wᵀ + b, with wᵀ packed into `packedW`.
void project(const Matrix& x, const Matrix& w, const RowVector& b, PackedOperand& packedW,
             Matrix& out)
{
    packedW.packTransposed(w);
    out.resize(x.rows(), w.rows());
    multiplyPacked(x, packedW, 1.0f, out);
    out.rowwise() += b;
}

} // namespace

void AttentionEngine::compute(const Matrix& query, const Matrix& keyValue,
                              const AttentionWeights& weights, const Mask& mask,
                              const AttentionOptions& options)
{
    validateInputs(query, keyValue, weights, options);
    const int rows = static_cast<int>(query.rows());
    const int cols = static_cast<int>(keyValue.rows());
    if (!mask.empty())
        mask.validateFor(options.heads, rows, cols);

    PackedOperand packed;
    project(query, weights.wq, weights.bq, packed, m_q);
    project(keyValue, weights.wk, weights.bk, packed, m_k);
    project(keyValue, weights.wv, weights.bv, packed, m_v);
    m_packedWo.packTransposed(weights.wo);
    m_bo = weights.bo;
    start(mask, options);
}

void AttentionEngine::computeFromProjections(Matrix q, Matrix k, Matrix v, const Mask& mask,
                                             const AttentionOptions& options)
{
    const int d = static_cast<int>(q.cols());
    if (options.heads <= 0 || d % options.heads != 0)
        throw Error("the width of Q must be a multiple of the number of heads");
    if (q.rows() == 0 || k.rows() == 0 || k.cols() != d || v.cols() != d || v.rows() != k.rows())
        throw Error("Q, K and V must be L×D, S×D and S×D");
    if (!allFinite(q) || !allFinite(k) || !allFinite(v))
        throw Error("Q, K or V contains NaN or infinite values");
    if (!(options.temperature > 0.0f) || !std::isfinite(options.temperature))
        throw Error("the temperature must be a positive finite number");
    if (!mask.empty())
        mask.validateFor(options.heads, static_cast<int>(q.rows()), static_cast<int>(k.rows()));
    m_q = std::move(q);
    m_k = std::move(k);
    m_v = std::move(v);
    m_packedWo = {};
    m_bo.resize(0);
    start(mask, options);
}

void AttentionEngine::start(const Mask& mask, const AttentionOptions& options)
{
    m_heads = options.heads;
    m_options = options;
    if (mask.empty())
        m_mask.reset(queryLength(), keyLength()); // reuses the buffer: no page faults
    else
        m_mask = mask;
    m_unmasked = mask.empty();
    m_weights.resize(m_heads);
    runHeads();
}

void AttentionEngine::setMask(const Mask& mask)
{
    mask.validateFor(m_heads, queryLength(), keyLength());
    m_mask = mask;
    m_unmasked = false;
    runHeads();
}

void AttentionEngine::runHeads()
{
    const int dk = dHead();
    const int rows = queryLength();
    const int cols = keyLength();
    // Query rows go in blocks whose scores stay in cache between the product that makes them,
    // the softmax and the product with V. Scores are not stored: any row is one product away.
    const int block =
        std::max(kBlockFloats / std::max(cols, 1) / kPackedRowGrain, 1) * kPackedRowGrain;
    m_concat.resize(rows, dModel());
    m_packedKeys.resize(m_heads);
    m_packedValues.resize(m_heads);
    m_scoreBlocks.resize(static_cast<std::size_t>(threadCount()));
    // Heads in parallel: each is computed exactly as alone, so the result is the same bit for bit
    // on any number of threads.
    parallelFor(m_heads, [&](int h) {
        m_packedKeys[h].packTransposed(headColumns(m_k, h));
        m_packedValues[h].pack(headColumns(m_v, h));
        Matrix& weights = m_weights[h];
        weights.resize(rows, cols);
        Matrix& scores = m_scoreBlocks[static_cast<std::size_t>(currentWorker())];
        for (int r0 = 0; r0 < rows; r0 += block) {
            const int n = std::min(block, rows - r0);
            scores.resize(n, cols);
            scoreRows(h, r0, scores);
            for (int i = 0; i < n; ++i)
                maskedSoftmaxRow(scores.row(i).data(), maskRow(h, r0 + i), cols, m_options.fill,
                                 weights.row(r0 + i).data());
            multiplyPacked(weights.middleRows(r0, n), m_packedValues[h], 1.0f,
                           m_concat.block(r0, h * dk, n, dk));
        }
    });
    if (m_packedWo.cols() == 0) {
        m_output = m_concat;
        return;
    }
    m_output.resize(rows, m_packedWo.cols());
    multiplyPacked(m_concat, m_packedWo, 1.0f, m_output);
    m_output.rowwise() += m_bo;
}

void AttentionEngine::scoreRows(int head, int firstRow, Matrix& out) const
{
    multiplyPacked(headColumns(m_q, head).middleRows(firstRow, out.rows()), m_packedKeys[head],
                   1.0f / m_options.scoreDivisor(dHead()), out);
}

bool AttentionEngine::setMaskCell(int head, int row, int col, bool allowed)
{
    if (head != Mask::kAllHeads && m_mask.allowed(head, row, col) == allowed)
        return false;
    m_mask.set(head, row, col, allowed, m_heads);
    m_unmasked &= allowed;
    const int first = head == Mask::kAllHeads ? 0 : head;
    const int last = head == Mask::kAllHeads ? m_heads - 1 : head;
    for (int h = first; h <= last; ++h)
        updateRow(h, row);
    updateOutputRow(row);
    return true;
}

const std::uint8_t* AttentionEngine::maskRow(int head, int row) const
{
    return m_unmasked ? nullptr : m_mask.rowData(head, row);
}

void AttentionEngine::updateRow(int head, int row)
{
    const int dk = dHead();
    const int cols = keyLength();
    Matrix& scores = m_scoreBlocks.front();
    scores.resize(1, cols);
    scoreRows(head, row, scores);
    maskedSoftmaxRow(scores.data(), maskRow(head, row), cols, m_options.fill,
                     m_weights[head].row(row).data());
    multiplyPacked(m_weights[head].row(row), m_packedValues[head], 1.0f,
                   m_concat.block(row, head * dk, 1, dk));
}

void AttentionEngine::updateOutputRow(int row)
{
    if (m_packedWo.cols() == 0) {
        m_output.row(row) = m_concat.row(row);
        return;
    }
    multiplyPacked(m_concat.row(row), m_packedWo, 1.0f, m_output.row(row));
    m_output.row(row) += m_bo;
}

Matrix AttentionEngine::rawScores(int head) const
{
    Matrix raw(queryLength(), keyLength());
    multiplyPacked(headColumns(m_q, head), m_packedKeys[head], 1.0f, raw);
    return raw;
}

Matrix AttentionEngine::scaledScores(int head) const
{
    Matrix scores(queryLength(), keyLength());
    scoreRows(head, 0, scores);
    return scores;
}

RowVector AttentionEngine::scaledScoresRow(int head, int row) const
{
    Matrix scores(1, keyLength());
    scoreRows(head, row, scores);
    return scores;
}

Matrix AttentionEngine::maskedScores(int head) const
{
    const float fill = m_options.fill == MaskFill::NegInf ? -std::numeric_limits<float>::infinity()
                                                          : kLargeNegative;
    Matrix masked = scaledScores(head);
    for (int i = 0; i < masked.rows(); ++i)
        for (int j = 0; j < masked.cols(); ++j)
            if (!m_mask.allowed(head, i, j))
                masked(i, j) = fill;
    return masked;
}

AttentionEngine::HeadBlock AttentionEngine::headOutput(int head) const
{
    return headColumns(m_concat, head);
}

AttentionEngine::HeadBlock AttentionEngine::headColumns(const Matrix& m, int head) const
{
    return m.middleCols(head * dHead(), dHead());
}

} // namespace attnviz
