#include "io/ggml_type.h"

#include <array>
#include <string_view>

namespace attnviz::io {

namespace {

// Indexed by ggml_type. Empty slots are numbers ggml has retired (Q4_2, Q4_3) or never used.
constexpr std::array<std::string_view, 40> kNames = {
    "F32",   "F16",        "Q4_0",       "Q4_1",       "",         "",         "Q5_0",
    "Q5_1",  "Q8_0",       "Q8_1",       "Q2_K",       "Q3_K",     "Q4_K",     "Q5_K",
    "Q6_K",  "Q8_K",       "IQ2_XXS",    "IQ2_XS",     "IQ3_XXS",  "IQ1_S",    "IQ4_NL",
    "IQ3_S", "IQ2_S",      "IQ4_XS",     "I8",         "I16",      "I32",      "I64",
    "F64",   "IQ1_M",      "BF16",       "Q4_0_4_4",   "Q4_0_4_8", "Q4_0_8_8", "TQ1_0",
    "TQ2_0", "IQ4_NL_4_4", "IQ4_NL_4_8", "IQ4_NL_8_8", "MXFP4"};

} // namespace

std::optional<WeightType> weightTypeFromGgml(std::uint32_t ggmlType)
{
    switch (ggmlType) {
    case 0:
        return WeightType::F32;
    case 1:
        return WeightType::F16;
    case 2:
        return WeightType::Q4_0;
    case 8:
        return WeightType::Q8_0;
    case 12:
        return WeightType::Q4_K;
    case 14:
        return WeightType::Q6_K;
    case 30:
        return WeightType::BF16;
    default:
        return std::nullopt;
    }
}

std::string ggmlTypeName(std::uint32_t ggmlType)
{
    return ggmlType < kNames.size() ? std::string(kNames[ggmlType]) : std::string();
}

} // namespace attnviz::io
