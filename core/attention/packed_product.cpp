#include "attention/packed_product.h"

#include <algorithm>

namespace attnviz {

namespace {

namespace simd = Eigen::internal;
using Packet = simd::packet_traits<float>::type; // the widest vector Eigen uses on this CPU
constexpr int kLanes = simd::packet_traits<float>::size;
// Accumulators of a tile, leaving registers for a panel row and a broadcast: 32 vector
// registers with AVX-512, 16 below it.
constexpr int kAccumulators = kLanes >= 16 ? 24 : 12;
constexpr int kMaxPanelVectors = kLanes >= 16 ? 4 : 2;

// Rows per tile for panels of V vectors: as many as the accumulators allow, at most 12.
constexpr int tileRows(int vectors)
{
    return std::min(kAccumulators / vectors, kPackedRowGrain);
}
static_assert(kPackedRowGrain % tileRows(kMaxPanelVectors) == 0);

// out[0..R) × [0..width) = scale · a[0..R) · panel, with a's rows `lda` floats apart and the
// panel V vectors wide.
template <int R, int V>
void multiplyTile(const float* a, Eigen::Index lda, const float* panel, int depth, float scale,
                  float* out, Eigen::Index ldo, int width)
{
    constexpr int kWidth = V * kLanes;
    Packet acc[R][V];
    for (auto& row : acc)
        for (Packet& p : row)
            p = simd::pset1<Packet>(0.0f);
    for (int k = 0; k < depth; ++k) {
        Packet b[V];
        for (int v = 0; v < V; ++v)
            b[v] = simd::ploadu<Packet>(panel + k * kWidth + v * kLanes);
        for (int r = 0; r < R; ++r) {
            const Packet x = simd::pset1<Packet>(a[r * lda + k]);
            for (int v = 0; v < V; ++v)
                acc[r][v] = simd::pmadd(x, b[v], acc[r][v]);
        }
    }
    const Packet s = simd::pset1<Packet>(scale);
    if (width == kWidth) {
        for (int r = 0; r < R; ++r)
            for (int v = 0; v < V; ++v)
                simd::pstoreu(out + r * ldo + v * kLanes, simd::pmul(acc[r][v], s));
        return;
    }
    for (int r = 0; r < R; ++r) { // the operand's last, partial panel
        float row[kWidth];
        for (int v = 0; v < V; ++v)
            simd::pstoreu(row + v * kLanes, simd::pmul(acc[r][v], s));
        std::copy(row, row + width, out + r * ldo);
    }
}

// The rows left over after whole tiles (fewer than R), in one tile of their own.
template <int R, int V>
void multiplyRemainder(int rows, const float* a, Eigen::Index lda, const float* panel, int depth,
                       float scale, float* out, Eigen::Index ldo, int width)
{
    if constexpr (R > 0) {
        if (rows == R)
            multiplyTile<R, V>(a, lda, panel, depth, scale, out, ldo, width);
        else
            multiplyRemainder<R - 1, V>(rows, a, lda, panel, depth, scale, out, ldo, width);
    }
}

template <int V>
void multiplyPanels(const ConstMatrixRef& a, const PackedOperand& b, float scale, MatrixRef out)
{
    constexpr int kRows = tileRows(V);
    const int rows = static_cast<int>(a.rows());
    const Eigen::Index lda = a.outerStride(), ldo = out.outerStride();
    for (int p = 0; p < b.panels(); ++p) {
        const int first = p * b.panelWidth();
        const int width = std::min(b.panelWidth(), b.cols() - first);
        int r = 0;
        for (; r + kRows <= rows; r += kRows)
            multiplyTile<kRows, V>(a.data() + r * lda, lda, b.panel(p), b.depth(), scale,
                                   out.data() + r * ldo + first, ldo, width);
        multiplyRemainder<kRows - 1, V>(rows - r, a.data() + r * lda, lda, b.panel(p), b.depth(),
                                        scale, out.data() + r * ldo + first, ldo, width);
    }
}

} // namespace

void PackedOperand::resize(int depth, int cols)
{
    m_depth = depth;
    m_cols = cols;
    // Narrow operands (V_h with a small d_k) get narrow panels: padding is multiplied too.
    const int vectors = std::min((cols + kLanes - 1) / kLanes, kMaxPanelVectors);
    m_panelWidth = (vectors == 3 ? 4 : std::max(vectors, 1)) * kLanes;
    m_data.resize(static_cast<std::size_t>(panels()) * depth * m_panelWidth);
    // Columns past the end in the last panel are multiplied but never stored: zero, not garbage.
    if (cols % m_panelWidth != 0)
        std::fill(m_data.end() - static_cast<std::ptrdiff_t>(depth) * m_panelWidth, m_data.end(),
                  0.0f);
}

int PackedOperand::panels() const
{
    return (m_cols + m_panelWidth - 1) / m_panelWidth;
}

const float* PackedOperand::panel(int index) const
{
    return m_data.data() + static_cast<std::size_t>(index) * m_depth * m_panelWidth;
}

void PackedOperand::pack(const ConstMatrixRef& src)
{
    resize(static_cast<int>(src.rows()), static_cast<int>(src.cols()));
    for (int p = 0; p < panels(); ++p) {
        const int first = p * m_panelWidth;
        const int width = std::min(m_panelWidth, m_cols - first);
        float* dst = m_data.data() + static_cast<std::size_t>(p) * m_depth * m_panelWidth;
        for (int k = 0; k < m_depth; ++k)
            std::copy_n(src.row(k).data() + first, width, dst + k * m_panelWidth);
    }
}

void PackedOperand::packTransposed(const ConstMatrixRef& src)
{
    resize(static_cast<int>(src.cols()), static_cast<int>(src.rows()));
    // A panel takes `width` rows of src as its columns. Sixteen of its rows at a time stay in
    // L1 while the source rows stream past: a panel of W_oᵀ (512 deep) does not fit in L1.
    constexpr int kRowsAtOnce = 16;
    for (int p = 0; p < panels(); ++p) {
        const int first = p * m_panelWidth;
        const int width = std::min(m_panelWidth, m_cols - first);
        float* dst = m_data.data() + static_cast<std::size_t>(p) * m_depth * m_panelWidth;
        for (int k0 = 0; k0 < m_depth; k0 += kRowsAtOnce) {
            const int count = std::min(kRowsAtOnce, m_depth - k0);
            for (int j = 0; j < width; ++j) {
                const float* column = src.row(first + j).data() + k0;
                for (int k = 0; k < count; ++k)
                    dst[(k0 + k) * m_panelWidth + j] = column[k];
            }
        }
    }
}

void multiplyPacked(const ConstMatrixRef& a, const PackedOperand& b, float scale, MatrixRef out)
{
    switch (b.panelWidth() / kLanes) {
    case 1:
        return multiplyPanels<1>(a, b, scale, out);
    case 2:
        return multiplyPanels<2>(a, b, scale, out);
    default:
        return multiplyPanels<kMaxPanelVectors>(a, b, scale, out);
    }
}

} // namespace attnviz
