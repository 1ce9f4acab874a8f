#include "attention/engine.h"

#include "attention/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace attnviz {

namespace {

void validateInputs(const Matrix& query, const Matrix& keyValue, const AttentionWeights& weights,
                    const AttentionOptions& options)
{
    weights.validate();
    const int d = weights.dModel();
    if (options.heads <= 0)
        throw std::invalid_argument("the number of heads must be positive");
    if (d % options.heads != 0)
        throw std::invalid_argument("d_model " + std::to_string(d) +
                                    " is not divisible by the number of heads " +
                                    std::to_string(options.heads));
    if (!(options.temperature > 0.0f) || !std::isfinite(options.temperature))
        throw std::invalid_argument("the temperature must be a positive finite number");
    auto checkInput = [d](const Matrix& x, const char* name) {
        if (x.rows() == 0)
            throw std::invalid_argument(std::string(name) + " has no tokens");
        if (x.cols() != d)
            throw std::invalid_argument(std::string(name) + " has width " +
                                        std::to_string(x.cols()) + ", expected d_model " +
                                        std::to_string(d));
        if (!allFinite(x))
            throw std::invalid_argument(std::string(name) + " contains NaN or infinite values");
    };
    checkInput(query, "query input");
    checkInput(keyValue, "key/value input");
}

void project(const Matrix& x, const Matrix& w, const RowVector& b, Matrix& out)
{
    out.noalias() = x * w.transpose();
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

    m_heads = options.heads;
    m_options = options;
    if (mask.empty())
        m_mask.reset(rows, cols); // reuses the buffer: no page faults on repeated passes
    else
        m_mask = mask;
    m_wo = weights.wo;
    m_bo = weights.bo;
    project(query, weights.wq, weights.bq, m_q);
    project(keyValue, weights.wk, weights.bk, m_k);
    project(keyValue, weights.wv, weights.bv, m_v);

    m_scores.resize(m_heads);
    m_weights.resize(m_heads);
    runHeads(true);
}

void AttentionEngine::setMask(const Mask& mask)
{
    mask.validateFor(m_heads, queryLength(), keyLength());
    m_mask = mask;
    runHeads(false);
}

void AttentionEngine::runHeads(bool withScores)
{
    const int dk = dHead();
    const int rows = queryLength();
    const int cols = keyLength();
    const float inv = 1.0f / m_options.scoreDivisor(dk);
    // Query rows go in blocks small enough that a block's scores and weights are still in cache
    // when the softmax and the product with V read them back.
    const int block = std::clamp(kBlockFloats / std::max(cols, 1), 16, std::max(rows, 16));
    m_concat.resize(rows, dModel());
    for (int h = 0; h < m_heads; ++h) {
        Matrix& scores = m_scores[h];
        Matrix& weights = m_weights[h];
        scores.resize(rows, cols);
        weights.resize(rows, cols);
        const HeadBlock qh = headColumns(m_q, h);
        const HeadBlock kh = headColumns(m_k, h);
        const HeadBlock vh = headColumns(m_v, h);
        for (int r0 = 0; r0 < rows; r0 += block) {
            const int n = std::min(block, rows - r0);
            if (withScores)
                scores.middleRows(r0, n).noalias() = inv * qh.middleRows(r0, n) * kh.transpose();
            for (int i = r0; i < r0 + n; ++i)
                maskedSoftmaxRow(scores.row(i).data(), m_mask.rowData(h, i), cols, m_options.fill,
                                 weights.row(i).data());
            m_concat.block(r0, h * dk, n, dk).noalias() = weights.middleRows(r0, n) * vh;
        }
    }
    m_output.noalias() = m_concat * m_wo.transpose();
    m_output.rowwise() += m_bo;
}

bool AttentionEngine::setMaskCell(int head, int row, int col, bool allowed)
{
    if (head != Mask::kAllHeads && m_mask.allowed(head, row, col) == allowed)
        return false;
    m_mask.set(head, row, col, allowed, m_heads);
    if (head == Mask::kAllHeads) {
        for (int h = 0; h < m_heads; ++h)
            updateRow(h, row);
    } else {
        updateRow(head, row);
    }
    updateOutputRow(row);
    return true;
}

void AttentionEngine::updateRow(int head, int row)
{
    const int dk = dHead();
    const int cols = keyLength();
    maskedSoftmaxRow(m_scores[head].row(row).data(), m_mask.rowData(head, row), cols,
                     m_options.fill, m_weights[head].row(row).data());
    m_concat.row(row).segment(head * dk, dk).noalias() =
        m_weights[head].row(row) * headColumns(m_v, head);
}

void AttentionEngine::updateOutputRow(int row)
{
    m_output.row(row).noalias() = m_concat.row(row) * m_wo.transpose();
    m_output.row(row) += m_bo;
}

Matrix AttentionEngine::rawScores(int head) const
{
    Matrix raw;
    raw.noalias() = headColumns(m_q, head) * headColumns(m_k, head).transpose();
    return raw;
}

Matrix AttentionEngine::maskedScores(int head) const
{
    const float fill = m_options.fill == MaskFill::NegInf ? -std::numeric_limits<float>::infinity()
                                                          : kLargeNegative;
    Matrix masked = m_scores[head];
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
