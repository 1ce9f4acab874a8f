#pragma once

#include "io/tensor.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// The same limit the reference safetensors implementation uses; checked before anything is read.
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100'000'000;

// One tensor of a .safetensors header: its type and shape, and where its bytes lie in the data.
struct SafetensorsEntry {
    std::string name;
    DType type = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0, end = 0; // byte offsets into SafetensorsHeader::data
};

struct SafetensorsHeader {
    std::vector<SafetensorsEntry> entries; // in data order
    std::string_view data;                 // the data buffer: the part of the file after the header
};

// Reads and checks the layout of a whole .safetensors file: u64 little-endian header length N,
// N bytes of JSON ({"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}), then the
// data buffer. Dtypes outside `accepted` are refused by name. Like the reference implementation,
// tensors must tile the data buffer exactly (no overlap, no gap, nothing trailing), and each
// tensor's bytes must match its dtype and shape. `name` starts every FormatError message.
SafetensorsHeader parseSafetensorsHeader(std::string_view bytes, const std::string& name,
                                         std::initializer_list<DType> accepted);

} // namespace attnviz::io
