#include "attention/packed_product.h"

#include "attention/packed_kernel.h"
#include "common/isa.h"
#include "common/parallel.h"

#include <algorithm>
#include <xmmintrin.h>

namespace attnviz {

namespace {

// Multiply-adds below which a product stays on one thread (about 0.1 ms), and floats below which
// an operand is packed on one.
constexpr double kParallelWork = 1 << 21;
constexpr std::size_t kParallelPackFloats = 1 << 16;

const PackedKernel& kernel()
{
    static const PackedKernel& active =
        forActiveIsa(baseline::kPackedKernel, avx2::kPackedKernel, avx512::kPackedKernel);
    return active;
}

// Columns [first, first + width) of srcᵀ into a panel, in 4 × 4 blocks transposed in SSE
// registers (baseline x86-64, so no path needs its own copy); the edges go one by one.
void transposeIntoPanel(const ConstMatrixRef& src, int first, int width, float* dst, int stride)
{
    const int depth = static_cast<int>(src.cols());
    auto row = [&](int j) { return src.row(first + j).data(); };
    int j = 0;
    for (; j + 4 <= width; j += 4) {
        int k = 0;
        for (; k + 4 <= depth; k += 4) {
            __m128 r0 = _mm_loadu_ps(row(j) + k), r1 = _mm_loadu_ps(row(j + 1) + k);
            __m128 r2 = _mm_loadu_ps(row(j + 2) + k), r3 = _mm_loadu_ps(row(j + 3) + k);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
            _mm_storeu_ps(dst + k * stride + j, r0);
            _mm_storeu_ps(dst + (k + 1) * stride + j, r1);
            _mm_storeu_ps(dst + (k + 2) * stride + j, r2);
            _mm_storeu_ps(dst + (k + 3) * stride + j, r3);
        }
        for (; k < depth; ++k)
            for (int i = 0; i < 4; ++i)
                dst[k * stride + j + i] = row(j + i)[k];
    }
    for (; j < width; ++j)
        for (int k = 0; k < depth; ++k)
            dst[k * stride + j] = row(j)[k];
}

} // namespace

void PackedOperand::resize(int depth, int cols)
{
    m_depth = depth;
    m_cols = cols;
    // Narrow operands (V_h with a small d_k) get narrow panels: padding is multiplied too.
    const int lanes = kernel().lanes;
    const int vectors = std::min((cols + lanes - 1) / lanes, kernel().maxPanelVectors);
    m_panelWidth = (vectors == 3 ? 4 : std::max(vectors, 1)) * lanes;
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
    auto packPanel = [&](int p) {
        const int first = p * m_panelWidth;
        const int width = std::min(m_panelWidth, m_cols - first);
        float* dst = m_data.data() + static_cast<std::size_t>(p) * m_depth * m_panelWidth;
        transposeIntoPanel(src, first, width, dst, m_panelWidth);
    };
    // A weight matrix (d_model²) is worth sharing out; a head's K_h is packed inside the heads'
    // parallel loop, where this runs on one thread anyway.
    if (m_data.size() >= kParallelPackFloats)
        parallelFor(panels(), packPanel);
    else
        for (int p = 0; p < panels(); ++p)
            packPanel(p);
}

void multiplyPacked(const ConstMatrixRef& a, const PackedOperand& b, float scale, MatrixRef out)
{
    const PanelSet panels{b.panel(0), b.depth(), b.cols(), b.panelWidth()};
    const int rows = static_cast<int>(a.rows());
    auto multiplyRows = [&](int first, int count) {
        kernel().multiply(a.data() + first * a.outerStride(), a.outerStride(), count, panels, scale,
                          out.data() + first * out.outerStride(), out.outerStride());
    };
    // Large products go to the threads in blocks of whole tiles, a few per thread so that a busy
    // core does not hold the rest up. Rows are independent, so the split changes no bit.
    const double work = double(rows) * b.depth() * b.cols();
    const int threads = threadCount();
    if (threads == 1 || work < kParallelWork || rows < 2 * kPackedRowGrain) {
        multiplyRows(0, rows);
        return;
    }
    const int tiles = (rows + kPackedRowGrain - 1) / kPackedRowGrain;
    const int block = (tiles + 4 * threads - 1) / (4 * threads) * kPackedRowGrain;
    parallelFor((rows + block - 1) / block,
                [&](int i) { multiplyRows(i * block, std::min(block, rows - i * block)); });
}

} // namespace attnviz
