#pragma once

#include "io/tensor.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace attnviz::io {

// The same limit the reference safetensors implementation uses; checked before anything is read.
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100'000'000;

// Parses a whole .safetensors file: u64 little-endian header length N, N bytes of JSON
// ({"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}), then the data buffer.
// Dtypes F32, F64, F16, BF16. Like the reference implementation, tensors must tile the data buffer
// exactly (no overlap, no gap, nothing trailing). `name` starts every FormatError message.
std::map<std::string, Tensor> parseSafetensors(std::string_view bytes, const std::string& name);
std::map<std::string, Tensor> readSafetensors(const std::string& path);

} // namespace attnviz::io
