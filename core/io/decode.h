#pragma once

#include "io/tensor.h"

#include <cstdint>
#include <string_view>

namespace attnviz::io {

// IEEE binary16 → float32. Exact for every input: subnormals, infinities and NaN payloads too.
float halfToFloat(std::uint16_t bits);
// bfloat16 is the upper half of a float32, so the conversion is a shift.
float bfloat16ToFloat(std::uint16_t bits);

// Converts `data` (little-endian elements of `type`; data.size() must be a whole number of
// elements) to float32 into `out`, which holds data.size() / byteSize(type) floats. Reads byte by
// byte, so neither alignment nor the host's byte order matters.
void decodeLittleEndian(DType type, std::string_view data, float* out);

} // namespace attnviz::io
