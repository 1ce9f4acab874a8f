#pragma once

#include "io/tensor.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// A .npy header is a few hundred bytes; numpy's own reader stops at 10 000 by default.
inline constexpr std::uint32_t kMaxNpyHeaderBytes = 1u << 20;

// Parses a whole .npy file (format versions 1.0, 2.0 and 3.0). Supported dtypes: <f2 <f4 <f8,
// |b1 |u1 (any byte-order mark), <i4 <i8, all converted to float. Fortran order, big-endian and
// other dtypes are refused. `name` starts every FormatError message.
Tensor parseNpy(std::string_view bytes, const std::string& name);
Tensor readNpy(const std::string& path);

// Elements of a '<f4' array of `shape` to be written. Throws std::invalid_argument (a
// std::logic_error: shapes to write are the program's) for a negative dimension or a shape whose
// bytes would not fit in memory.
std::size_t npyFloatCount(const std::vector<std::int64_t>& shape);
// The bytes before the data of a '<f4', C-order array of `shape`: version 1.0 (2.0 only if the
// header would not fit), padded to 64 bytes like numpy does. Throws as npyFloatCount.
std::string serializeNpyHeader(const std::vector<std::int64_t>& shape);
// The whole file: the header, then the product of `shape` floats from `data`, little-endian.
std::string serializeNpy(const std::vector<std::int64_t>& shape, const float* data);
// Writes that file block by block through NpyWriter: no second copy of the data in memory.
void writeNpy(const std::string& path, const std::vector<std::int64_t>& shape, const float* data);

} // namespace attnviz::io
