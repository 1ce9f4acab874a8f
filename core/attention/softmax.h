#pragma once

#include "attention/options.h"

#include <cstdint>

namespace attnviz {

// out = softmax(scores with blocked keys replaced by the fill value), computed stably by
// subtracting the row maximum. With MaskFill::NegInf a row whose keys are all blocked has no
// visible key and is written as all zeros. `mask` may be null (every key visible).
void maskedSoftmaxRow(const float* scores, const std::uint8_t* mask, int n, MaskFill fill,
                      float* out);

} // namespace attnviz
