#pragma once

#include "mask/mask.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace attnviz {

enum class MaskPreset {
    None,          // every query sees every key
    Causal,        // query i sees keys 0..i
    Padding,       // the last `padding` keys are padding, hidden from every query
    SlidingWindow, // query i sees keys i-w..i+w
    BlockDiagonal, // segments of `block` tokens see only their own segment
    PrefixLM,      // the first `prefix` keys are visible to all, the rest causally
    Random,        // each cell blocked with probability p (seeded)
};

struct MaskPresetParams {
    int padding = 1;
    int window = 2;
    int block = 4;
    int prefix = 2;
    double probability = 0.3;
    std::uint64_t seed = 0;
};

// A shared (all heads) mask of the preset's pattern.
Mask makeMask(MaskPreset preset, int rows, int cols, const MaskPresetParams& params = {});

std::string_view toString(MaskPreset preset);
std::optional<MaskPreset> maskPresetFromString(std::string_view name);

} // namespace attnviz
