#pragma once

#include "io/half.h"
#include "io/tensor.h"

#include <string_view>

namespace attnviz::io {

// Converts `data` (little-endian elements of `type`; data.size() must be a whole number of
// elements) to float32 into `out`, which holds data.size() / byteSize(type) floats. Reads byte by
// byte, so neither alignment nor the host's byte order matters.
void decodeLittleEndian(DType type, std::string_view data, float* out);

} // namespace attnviz::io
