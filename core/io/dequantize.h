#pragma once

// Widening of stored weights to float32, compiled once per instruction-set path
// (dequantize.cpp). Declarations only: kernel sources include this inside their ISA region
// (simd/vec.h).

#include "simd/per_isa.h"

#include <cstddef>

namespace attnviz::io {

// Each reads `count` items as stored, without alignment, and writes their floats to `out`.
using WidenKernel = void (*)(const std::byte* in, std::size_t count, float* out);

// ggml's block formats widened exactly as ggml-quants.c's dequantize_row_q8_0, _q4_0, _q4_K and
// _q6_K define them (ggml-common.h has the block structs): count blocks, giving count × 32
// (Q8_0, Q4_0) or count × 256 (Q4_K, Q6_K) floats. F16 and BF16: count values.
struct WidenKernels {
    WidenKernel f16;
    WidenKernel bf16;
    WidenKernel q8_0;
    WidenKernel q4_0;
    WidenKernel q4_K;
    WidenKernel q6_K;
};

ATTNVIZ_PER_ISA(extern const WidenKernels kWidenKernels)

} // namespace attnviz::io
