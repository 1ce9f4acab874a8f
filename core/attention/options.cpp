#include "attention/options.h"

#include <cmath>

namespace attnviz {

std::string_view toString(MaskFill fill)
{
    return fill == MaskFill::NegInf ? "neg-inf" : "large-negative";
}

std::optional<MaskFill> maskFillFromString(std::string_view name)
{
    if (name == "large-negative")
        return MaskFill::LargeNegative;
    if (name == "neg-inf")
        return MaskFill::NegInf;
    return std::nullopt;
}

float AttentionOptions::scoreDivisor(int dHead) const
{
    const float base = scale ? std::sqrt(static_cast<float>(dHead)) : 1.0f;
    return base * temperature;
}

} // namespace attnviz
