#pragma once

// The softmax's passes over a row, compiled once per instruction-set path (softmax_kernel.cpp).
// Declarations only: kernel sources include this inside their ISA region (simd/vec.h).

#include "simd/per_isa.h"

namespace attnviz {

// out = exp(in − max(in)) / Σ, for n ≥ 1; in may equal out. Keys that are −∞ get exactly 0, as
// does anything whose exp would be below the smallest normal float.
using SoftmaxKernel = void (*)(const float* in, int n, float* out);

ATTNVIZ_PER_ISA(extern const SoftmaxKernel kSoftmaxKernel)

} // namespace attnviz
