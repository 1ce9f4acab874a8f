#pragma once

#include "mask/mask.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attnviz {

// Builds a mask from a tensor read from a file: shape L×S (shared by all heads) or H×L×S (per
// head), any value type, nonzero = may attend. Throws attnviz::Error naming `name` when
// the tensor has another rank or a NaN.
Mask maskFromValues(const std::vector<std::int64_t>& shape, const std::vector<float>& values,
                    const std::string& name);

// The mask as 0/1 values of shape L×S (shared) or H×L×S (per head), for writing to a file.
std::vector<float> maskValues(const Mask& mask);
std::vector<std::int64_t> maskShape(const Mask& mask);

} // namespace attnviz
