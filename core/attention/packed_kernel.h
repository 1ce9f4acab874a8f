#pragma once

// The packed product's inner kernel, compiled once per instruction-set path (packed_kernel.cpp).
// Declarations only: kernel sources include this inside their ISA region (simd/vec.h).

#include "simd/per_isa.h"

#include <cstddef>

namespace attnviz {

// A packed right-hand operand: `depth` rows of `cols` columns, stored as panels `panelWidth`
// columns wide, each panel depth × panelWidth floats, the last one zero-padded.
struct PanelSet {
    const float* data;
    int depth;
    int cols;
    int panelWidth;
};

struct PackedKernel {
    int lanes;           // floats per vector
    int maxPanelVectors; // the widest panel, in vectors
    // out (rows × b.cols, rows ldo floats apart) = scale · a (rows × b.depth, lda apart) · b.
    void (*multiply)(const float* a, std::ptrdiff_t lda, int rows, const PanelSet& b, float scale,
                     float* out, std::ptrdiff_t ldo);
};

ATTNVIZ_PER_ISA(extern const PackedKernel kPackedKernel)

} // namespace attnviz
