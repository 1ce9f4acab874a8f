#include "attention/packed_product.h"

#include <algorithm>

namespace attnviz {

namespace {

namespace simd = Eigen::internal;
using Packet = simd::packet_traits<float>::type; // the widest vector Eigen uses on this CPU
constexpr int kLanes = simd::packet_traits<float>::size;
// kLanes packets that ptranspose turns from rows into columns. (GCC warns that the vector type's
// alignment attribute is dropped in a template argument; Eigen declares the same type.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
using SquareBlock = simd::PacketBlock<Packet, kLanes>;
#pragma GCC diagnostic pop
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
// The loops over a tile's rows and vectors must unroll completely so that the accumulators stay
// in registers: GCC's own heuristics stop short of 6 × 4.
template <int R, int V>
void multiplyTile(const float* a, Eigen::Index lda, const float* panel, int depth, float scale,
                  float* out, Eigen::Index ldo, int width)
{
    constexpr int kWidth = V * kLanes;
    Packet acc[R][V];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v)
            acc[r][v] = simd::pset1<Packet>(0.0f);
    for (int k = 0; k < depth; ++k) {
        Packet b[V];
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v)
            b[v] = simd::ploadu<Packet>(panel + k * kWidth + v * kLanes);
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) {
            const Packet x = simd::pset1<Packet>(a[r * lda + k]);
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v)
                acc[r][v] = simd::pmadd(x, b[v], acc[r][v]);
        }
    }
    const Packet s = simd::pset1<Packet>(scale);
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) {
        if (width == kWidth) {
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v)
                simd::pstoreu(out + r * ldo + v * kLanes, simd::pmul(acc[r][v], s));
        } else { // the operand's last, partial panel
            float row[kWidth];
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v)
                simd::pstoreu(row + v * kLanes, simd::pmul(acc[r][v], s));
            std::copy(row, row + width, out + r * ldo);
        }
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
    // Square blocks of kLanes × kLanes are transposed in registers; the edges go one by one.
    auto copyColumn = [&](float* dst, int j, int fromK) {
        for (int k = fromK; k < m_depth; ++k)
            dst[k * m_panelWidth] = src(j, k);
    };
    for (int p = 0; p < panels(); ++p) {
        const int first = p * m_panelWidth;
        const int width = std::min(m_panelWidth, m_cols - first);
        float* dst = m_data.data() + static_cast<std::size_t>(p) * m_depth * m_panelWidth;
        int j0 = 0;
        for (; j0 + kLanes <= width; j0 += kLanes) {
            int k0 = 0;
            for (; k0 + kLanes <= m_depth; k0 += kLanes) {
                SquareBlock block;
                for (int i = 0; i < kLanes; ++i)
                    block.packet[i] = simd::ploadu<Packet>(src.row(first + j0 + i).data() + k0);
                simd::ptranspose(block);
                for (int i = 0; i < kLanes; ++i)
                    simd::pstoreu(dst + (k0 + i) * m_panelWidth + j0, block.packet[i]);
            }
            for (int i = 0; i < kLanes; ++i)
                copyColumn(dst + j0 + i, first + j0 + i, k0);
        }
        for (; j0 < width; ++j0)
            copyColumn(dst + j0, first + j0, 0);
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
