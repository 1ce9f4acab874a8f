// The register-tiled kernel of multiplyPacked, compiled once per instruction-set path.

#include "attention/packed_kernel.h"

#include "simd/vec.h"

namespace attnviz::ATTNVIZ_ISA_NS {

namespace {

using namespace simd;

// Accumulators of a tile, leaving registers for a panel row and a broadcast.
constexpr int kAccumulators = kRegisters == 32 ? 24 : 12;
constexpr int kMaxPanelVectors = kRegisters == 32 ? 4 : 2;
// A multiple of every tile's row count (packed_product.h's kPackedRowGrain is 12).
constexpr int kMaxTileRows = 12;

// Rows per tile for panels of V vectors: as many as the accumulators allow, at most 12.
constexpr int tileRows(int vectors)
{
    return kAccumulators / vectors < kMaxTileRows ? kAccumulators / vectors : kMaxTileRows;
}
static_assert(kMaxTileRows % tileRows(kMaxPanelVectors) == 0);

// out[0..R) × [0..width) = scale · a[0..R) · panel, with a's rows `lda` floats apart and the
// panel V vectors wide. Each element accumulates k in order with one multiply-add per step, so
// a row's result does not depend on the rows computed with it.
// The loops over a tile's rows and vectors must unroll completely so that the accumulators stay
// in registers: GCC's own heuristics stop short of 6 × 4.
template <int R, int V>
void multiplyTile(const float* a, std::ptrdiff_t lda, const float* panel, int depth, float scale,
                  float* out, std::ptrdiff_t ldo, int width)
{
    constexpr int kWidth = V * kLanes;
    Vec acc[R][V];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v)
            acc[r][v] = zero();
    for (int k = 0; k < depth; ++k) {
        Vec b[V];
#pragma GCC unroll 16
        for (int v = 0; v < V; ++v)
            b[v] = load(panel + k * kWidth + v * kLanes);
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) {
            const Vec x = set1(a[r * lda + k]);
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v)
                acc[r][v] = fma(x, b[v], acc[r][v]);
        }
    }
    const Vec s = set1(scale);
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) {
        if (width == kWidth) {
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v)
                store(out + r * ldo + v * kLanes, mul(acc[r][v], s));
        } else { // the operand's last, partial panel
            float row[kWidth];
#pragma GCC unroll 16
            for (int v = 0; v < V; ++v)
                store(row + v * kLanes, mul(acc[r][v], s));
            std::memcpy(out + r * ldo, row, sizeof(float) * static_cast<std::size_t>(width));
        }
    }
}

// The rows left over after whole tiles (fewer than R), in one tile of their own.
template <int R, int V>
void multiplyRemainder(int rows, const float* a, std::ptrdiff_t lda, const float* panel, int depth,
                       float scale, float* out, std::ptrdiff_t ldo, int width)
{
    if constexpr (R > 0) {
        if (rows == R)
            multiplyTile<R, V>(a, lda, panel, depth, scale, out, ldo, width);
        else
            multiplyRemainder<R - 1, V>(rows, a, lda, panel, depth, scale, out, ldo, width);
    }
}

template <int V>
void multiplyPanels(const float* a, std::ptrdiff_t lda, int rows, const PanelSet& b, float scale,
                    float* out, std::ptrdiff_t ldo)
{
    constexpr int kRows = tileRows(V);
    const std::ptrdiff_t panelFloats = static_cast<std::ptrdiff_t>(b.depth) * b.panelWidth;
    for (int first = 0, p = 0; first < b.cols; first += b.panelWidth, ++p) {
        const float* panel = b.data + p * panelFloats;
        const int width = b.cols - first < b.panelWidth ? b.cols - first : b.panelWidth;
        int r = 0;
        for (; r + kRows <= rows; r += kRows)
            multiplyTile<kRows, V>(a + r * lda, lda, panel, b.depth, scale, out + r * ldo + first,
                                   ldo, width);
        multiplyRemainder<kRows - 1, V>(rows - r, a + r * lda, lda, panel, b.depth, scale,
                                        out + r * ldo + first, ldo, width);
    }
}

void multiply(const float* a, std::ptrdiff_t lda, int rows, const PanelSet& b, float scale,
              float* out, std::ptrdiff_t ldo)
{
    switch (b.panelWidth / kLanes) {
    case 1:
        return multiplyPanels<1>(a, lda, rows, b, scale, out, ldo);
    case 2:
        return multiplyPanels<2>(a, lda, rows, b, scale, out, ldo);
    default:
        return multiplyPanels<kMaxPanelVectors>(a, lda, rows, b, scale, out, ldo);
    }
}

} // namespace

extern const PackedKernel kPackedKernel{kLanes, kMaxPanelVectors, multiply};

} // namespace attnviz::ATTNVIZ_ISA_NS

ATTNVIZ_ISA_END
