#include "attention/softmax.h"

#include "attention/softmax_kernel.h"
#include "common/isa.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace attnviz {

namespace {

SoftmaxKernel kernel()
{
    static const SoftmaxKernel active =
        forActiveIsa(baseline::kSoftmaxKernel, avx2::kSoftmaxKernel, avx512::kSoftmaxKernel);
    return active;
}

} // namespace

void maskedSoftmaxRow(const float* scores, const std::uint8_t* mask, int n, MaskFill fill,
                      float* out)
{
    if (n <= 0)
        return;
    // memchr is vectorised; std::find on bytes costs a cycle per key, a third of the exp's time.
    const bool anyBlocked = mask && std::memchr(mask, 0, static_cast<std::size_t>(n));
    if (!anyBlocked) {
        kernel()(scores, n, out);
        return;
    }
    const bool allBlocked =
        std::find_if(mask, mask + n, [](std::uint8_t v) { return v != 0; }) == mask + n;
    if (allBlocked) {
        // -1e9 everywhere softmaxes to uniform weights, exactly as masked_fill does in the post.
        std::fill(out, out + n, fill == MaskFill::NegInf ? 0.0f : 1.0f / static_cast<float>(n));
        return;
    }
    // Blocked keys become −∞: the maximum runs over visible keys, and their weight is exactly
    // zero in both fill modes (a visible key outweighs −1e9 by far more than float can show).
    const float blocked = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < n; ++j)
        out[j] = mask[j] ? scores[j] : blocked;
    kernel()(out, n, out);
}

} // namespace attnviz
