#include "attention/softmax.h"

#include <Eigen/Core>
#include <algorithm>
#include <cstring>
#include <limits>

namespace attnviz {

namespace {

// out = exp(in - max(in)) / sum: three passes, the exp fused with the copy.
void softmax(const Eigen::Map<const Eigen::ArrayXf>& in, Eigen::Map<Eigen::ArrayXf>& out)
{
    out = (in - in.maxCoeff()).exp();
    out *= 1.0f / out.sum();
}

} // namespace

void maskedSoftmaxRow(const float* scores, const std::uint8_t* mask, int n, MaskFill fill,
                      float* out)
{
    Eigen::Map<Eigen::ArrayXf> row(out, n);
    // memchr is vectorised; std::find on bytes costs a cycle per key, a third of the exp's time.
    const bool anyBlocked = mask && std::memchr(mask, 0, static_cast<std::size_t>(n));
    if (!anyBlocked) {
        softmax(Eigen::Map<const Eigen::ArrayXf>(scores, n), row);
        return;
    }
    const bool allBlocked =
        std::find_if(mask, mask + n, [](std::uint8_t v) { return v != 0; }) == mask + n;
    if (allBlocked) {
        // -1e9 everywhere softmaxes to uniform weights, exactly as masked_fill does in the post.
        row = fill == MaskFill::NegInf ? 0.0f : 1.0f / static_cast<float>(n);
        return;
    }
    // Blocked keys first become the lowest float, so that the maximum runs over visible keys:
    // a select and a max reduction the compiler vectorises (a conditional max it does not).
    const float lowest = std::numeric_limits<float>::lowest();
    for (int j = 0; j < n; ++j)
        out[j] = mask[j] ? scores[j] : lowest;
    row = (row - row.maxCoeff()).exp();
    // A blocked key's weight is exactly zero (exp underflows in both fill modes); writing the zero
    // directly keeps exp's clamping from leaving denormals behind.
    for (int j = 0; j < n; ++j)
        if (!mask[j])
            out[j] = 0.0f;
    row *= 1.0f / row.sum();
}

} // namespace attnviz
