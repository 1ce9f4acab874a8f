#pragma once

#include "attention/matrix.h"

#include <vector>

namespace attnviz {

using ConstMatrixRef = Eigen::Ref<const Matrix, 0, Eigen::OuterStride<>>;
using MatrixRef = Eigen::Ref<Matrix, 0, Eigen::OuterStride<>>;

// The right-hand operand B (depth × cols) of the per-head products QₕKₕᵀ and AₕVₕ, copied once
// per head into panels of a few SIMD vectors' width so the kernel streams it contiguously. BLAS
// repacks its operand on every call; a head's rows are computed in many calls.
class PackedOperand {
public:
    // B = src: V_h, whose rows are the rows of the product's right-hand side.
    void pack(const ConstMatrixRef& src);
    // B = srcᵀ: K_h, whose rows are the columns of the right-hand side.
    void packTransposed(const ConstMatrixRef& src);

    int depth() const { return m_depth; }
    int cols() const { return m_cols; }
    int panelWidth() const { return m_panelWidth; }
    std::size_t floats() const { return m_data.size(); }
    const float* panel(int index) const;
    int panels() const;

private:
    void resize(int depth, int cols);

    std::vector<float> m_data;
    int m_depth = 0;
    int m_cols = 0;
    int m_panelWidth = 0;
};

// Row counts that are a multiple of this run in whole tiles, without a slower remainder tile.
inline constexpr int kPackedRowGrain = 12;

// out = scale · a · b, for a (rows × b.depth()) and out (rows × b.cols()). Every output element
// accumulates k = 0 … depth−1 in order with one fused multiply-add per step, so a row's result
// does not depend on how many rows are computed together: a one-row update reproduces the full
// pass bit for bit.
void multiplyPacked(const ConstMatrixRef& a, const PackedOperand& b, float scale, MatrixRef out);

} // namespace attnviz
