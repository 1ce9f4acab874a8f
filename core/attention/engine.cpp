#include "attention/engine.h"

#include "attention/softmax.h"

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
        if (!x.allFinite())
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
    m_mask = mask.empty() ? Mask::shared(rows, cols) : mask;
    m_wo = weights.wo;
    m_bo = weights.bo;
    project(query, weights.wq, weights.bq, m_q);
    project(keyValue, weights.wk, weights.bk, m_k);
    project(keyValue, weights.wv, weights.bv, m_v);

    const int dk = dHead();
    const float inv = 1.0f / options.scoreDivisor(dk);
    m_scores.resize(m_heads);
    m_weights.resize(m_heads);
    for (int h = 0; h < m_heads; ++h)
        m_scores[h].noalias() =
            inv * m_q.middleCols(h * dk, dk) * m_k.middleCols(h * dk, dk).transpose();
    recomputeFromScores();
}

void AttentionEngine::setMask(const Mask& mask)
{
    mask.validateFor(m_heads, queryLength(), keyLength());
    m_mask = mask;
    recomputeFromScores();
}

void AttentionEngine::recomputeFromScores()
{
    const int dk = dHead();
    const int rows = queryLength();
    const int cols = keyLength();
    m_concat.resize(rows, dModel());
    for (int h = 0; h < m_heads; ++h) {
        Matrix& w = m_weights[h];
        w.resize(rows, cols);
        for (int i = 0; i < rows; ++i)
            maskedSoftmaxRow(m_scores[h].row(i).data(), m_mask.rowData(h, i), cols,
                             m_options.fill, w.row(i).data());
        m_concat.middleCols(h * dk, dk).noalias() = w * m_v.middleCols(h * dk, dk);
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
        m_weights[head].row(row) * m_v.middleCols(head * dk, dk);
}

void AttentionEngine::updateOutputRow(int row)
{
    m_output.row(row).noalias() = m_concat.row(row) * m_wo.transpose();
    m_output.row(row) += m_bo;
}

Matrix AttentionEngine::rawScores(int head) const
{
    const int dk = dHead();
    Matrix raw;
    raw.noalias() = m_q.middleCols(head * dk, dk) * m_k.middleCols(head * dk, dk).transpose();
    return raw;
}

Matrix AttentionEngine::maskedScores(int head) const
{
    const float fill = m_options.fill == MaskFill::NegInf
                           ? -std::numeric_limits<float>::infinity()
                           : kLargeNegative;
    Matrix masked = m_scores[head];
    for (int i = 0; i < masked.rows(); ++i)
        for (int j = 0; j < masked.cols(); ++j)
            if (!m_mask.allowed(head, i, j))
                masked(i, j) = fill;
    return masked;
}

Eigen::Block<const Matrix> AttentionEngine::headOutput(int head) const
{
    return m_concat.middleCols(head * dHead(), dHead());
}

} // namespace attnviz
