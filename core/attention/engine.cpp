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

    m_wo = weights.wo;
    m_bo = weights.bo;
    project(query, weights.wq, weights.bq, m_q);
    project(keyValue, weights.wk, weights.bk, m_k);
    project(keyValue, weights.wv, weights.bv, m_v);
    start(mask, options);
}

void AttentionEngine::computeFromProjections(Matrix q, Matrix k, Matrix v, const Mask& mask,
                                             const AttentionOptions& options)
{
    const int d = static_cast<int>(q.cols());
    if (options.heads <= 0 || d % options.heads != 0)
        throw std::invalid_argument("the width of Q must be a multiple of the number of heads");
    if (q.rows() == 0 || k.rows() == 0 || k.cols() != d || v.cols() != d || v.rows() != k.rows())
        throw std::invalid_argument("Q, K and V must be L×D, S×D and S×D");
    if (!allFinite(q) || !allFinite(k) || !allFinite(v))
        throw std::invalid_argument("Q, K or V contains NaN or infinite values");
    if (!(options.temperature > 0.0f) || !std::isfinite(options.temperature))
        throw std::invalid_argument("the temperature must be a positive finite number");
    if (!mask.empty())
        mask.validateFor(options.heads, static_cast<int>(q.rows()), static_cast<int>(k.rows()));
    m_q = std::move(q);
    m_k = std::move(k);
    m_v = std::move(v);
    m_wo.resize(0, 0);
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
    m_weights.resize(m_heads);
    runHeads();
}

void AttentionEngine::setMask(const Mask& mask)
{
    mask.validateFor(m_heads, queryLength(), keyLength());
    m_mask = mask;
    runHeads();
}

void AttentionEngine::runHeads()
{
    const int dk = dHead();
    const int rows = queryLength();
    const int cols = keyLength();
    // Query rows go in blocks whose scores stay in cache between the product that makes them,
    // the softmax and the product with V. Scores are not stored: any row is one product away.
    const int block = std::clamp(kBlockFloats / std::max(cols, 1), 16, std::max(rows, 16));
    m_passRows.clear();
    m_passOutputRows.clear();
    m_concat.resize(rows, dModel());
    for (int h = 0; h < m_heads; ++h) {
        Matrix& weights = m_weights[h];
        weights.resize(rows, cols);
        for (int r0 = 0; r0 < rows; r0 += block) {
            const int n = std::min(block, rows - r0);
            m_scoreBlock.resize(n, cols);
            scoreRows(h, r0, m_scoreBlock);
            for (int i = 0; i < n; ++i)
                maskedSoftmaxRow(m_scoreBlock.row(i).data(), m_mask.rowData(h, r0 + i), cols,
                                 m_options.fill, weights.row(r0 + i).data());
            m_concat.block(r0, h * dk, n, dk).noalias() =
                weights.middleRows(r0, n) * headColumns(m_v, h);
        }
    }
    if (m_wo.size() == 0) {
        m_output = m_concat;
        return;
    }
    m_output.noalias() = m_concat * m_wo.transpose();
    m_output.rowwise() += m_bo;
}

void AttentionEngine::scoreRows(int head, int firstRow, Matrix& out) const
{
    const float inv = 1.0f / m_options.scoreDivisor(dHead());
    out.noalias() = inv * headColumns(m_q, head).middleRows(firstRow, out.rows()) *
                    headColumns(m_k, head).transpose();
}

bool AttentionEngine::setMaskCell(int head, int row, int col, bool allowed)
{
    if (head != Mask::kAllHeads && m_mask.allowed(head, row, col) == allowed)
        return false;
    const int first = head == Mask::kAllHeads ? 0 : head;
    const int last = head == Mask::kAllHeads ? m_heads - 1 : head;
    for (int h = first; h <= last; ++h)
        rememberPassRow(h, row);
    m_passOutputRows.try_emplace(row, m_output.row(row));

    m_mask.set(head, row, col, allowed, m_heads);
    bool wholeRowAsInPass = true;
    for (int h = 0; h < m_heads; ++h) {
        const bool asInPass = rowAsInPass(h, row);
        if (h >= first && h <= last) {
            if (asInPass)
                restorePassRow(h, row);
            else
                updateRow(h, row);
        }
        wholeRowAsInPass &= asInPass;
    }
    if (wholeRowAsInPass)
        m_output.row(row) = m_passOutputRows.at(row);
    else
        updateOutputRow(row);
    return true;
}

std::int64_t AttentionEngine::passRowKey(int head, int row) const
{
    return static_cast<std::int64_t>(head) * queryLength() + row;
}

void AttentionEngine::rememberPassRow(int head, int row)
{
    const std::uint8_t* mask = m_mask.rowData(head, row);
    m_passRows.try_emplace(passRowKey(head, row),
                           PassRow{std::vector<std::uint8_t>(mask, mask + keyLength()),
                                   m_weights[head].row(row), headOutput(head).row(row)});
}

bool AttentionEngine::rowAsInPass(int head, int row) const
{
    const auto it = m_passRows.find(passRowKey(head, row));
    return it == m_passRows.end() ||
           std::equal(it->second.mask.begin(), it->second.mask.end(), m_mask.rowData(head, row));
}

void AttentionEngine::restorePassRow(int head, int row)
{
    const auto it = m_passRows.find(passRowKey(head, row));
    if (it == m_passRows.end())
        return;
    m_weights[head].row(row) = it->second.weights;
    m_concat.row(row).segment(head * dHead(), dHead()) = it->second.headOutput;
}

void AttentionEngine::updateRow(int head, int row)
{
    const int dk = dHead();
    const int cols = keyLength();
    m_scoreBlock.resize(1, cols);
    scoreRows(head, row, m_scoreBlock);
    maskedSoftmaxRow(m_scoreBlock.data(), m_mask.rowData(head, row), cols, m_options.fill,
                     m_weights[head].row(row).data());
    m_concat.row(row).segment(head * dk, dk).noalias() =
        m_weights[head].row(row) * headColumns(m_v, head);
}

void AttentionEngine::updateOutputRow(int row)
{
    if (m_wo.size() == 0) {
        m_output.row(row) = m_concat.row(row);
        return;
    }
    m_output.row(row).noalias() = m_concat.row(row) * m_wo.transpose();
    m_output.row(row) += m_bo;
}

Matrix AttentionEngine::rawScores(int head) const
{
    Matrix raw;
    raw.noalias() = headColumns(m_q, head) * headColumns(m_k, head).transpose();
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
