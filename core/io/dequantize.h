#pragma once

#include <cstddef>

namespace attnviz::io {

// ggml's block formats widened to float32 exactly as ggml-quants.c's dequantize_row_q8_0,
// _q4_0, _q4_K and _q6_K define them (ggml-common.h has the block structs). `blocks` points at
// `count` blocks as stored, without alignment; `out` receives count × 32 (Q8_0, Q4_0) or
// count × 256 (Q4_K, Q6_K) floats.
void dequantizeQ8_0(const std::byte* blocks, std::size_t count, float* out);
void dequantizeQ4_0(const std::byte* blocks, std::size_t count, float* out);
void dequantizeQ4_K(const std::byte* blocks, std::size_t count, float* out);
void dequantizeQ6_K(const std::byte* blocks, std::size_t count, float* out);

} // namespace attnviz::io
