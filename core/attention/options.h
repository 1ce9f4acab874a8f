#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attnviz {

// What a blocked (mask == 0) score is replaced with before the softmax.
enum class MaskFill {
    LargeNegative, // -1e9, as in the reference post: a fully masked row becomes uniform
    NegInf,        // -inf: a fully masked row has no visible key and is defined as all zero
};

inline constexpr float kLargeNegative = -1e9f;

std::string_view toString(MaskFill fill);
std::optional<MaskFill> maskFillFromString(std::string_view name);

struct AttentionOptions {
    int heads = 1;
    MaskFill fill = MaskFill::LargeNegative;
    bool scale = true;        // divide scores by sqrt(d_k)
    float temperature = 1.0f; // then divide by T

    // Everything the raw scores are divided by: sqrt(d_k) (if scaling) times T.
    float scoreDivisor(int dHead) const;
};

} // namespace attnviz
