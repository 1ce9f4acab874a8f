#include "mask/presets.h"

#include "common/random.h"

#include <array>
#include <cstdlib>
#include <utility>

namespace attnviz {

namespace {

constexpr std::array<std::pair<MaskPreset, std::string_view>, 7> kNames{{
    {MaskPreset::None, "none"},
    {MaskPreset::Causal, "causal"},
    {MaskPreset::Padding, "padding"},
    {MaskPreset::SlidingWindow, "window"},
    {MaskPreset::BlockDiagonal, "block"},
    {MaskPreset::PrefixLM, "prefix"},
    {MaskPreset::Random, "random"},
}};

} // namespace

Mask makeMask(MaskPreset preset, int rows, int cols, const MaskPresetParams& p)
{
    Mask mask = Mask::shared(rows, cols);
    SeededRandom rng(mixSeed(p.seed, 3));
    const int block = p.block > 0 ? p.block : 1;
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j) {
            bool allowed = true;
            switch (preset) {
            case MaskPreset::None:
                break;
            case MaskPreset::Causal:
                allowed = j <= i;
                break;
            case MaskPreset::Padding:
                allowed = j < cols - p.padding;
                break;
            case MaskPreset::SlidingWindow:
                allowed = std::abs(i - j) <= p.window;
                break;
            case MaskPreset::BlockDiagonal:
                allowed = i / block == j / block;
                break;
            case MaskPreset::PrefixLM:
                allowed = j < p.prefix || j <= i;
                break;
            case MaskPreset::Random:
                allowed = rng.uniform() >= p.probability;
                break;
            }
            if (!allowed)
                mask.set(Mask::kAllHeads, i, j, false, 1);
        }
    }
    return mask;
}

std::string_view toString(MaskPreset preset)
{
    for (const auto& [value, name] : kNames)
        if (value == preset)
            return name;
    return "none";
}

std::optional<MaskPreset> maskPresetFromString(std::string_view name)
{
    for (const auto& [value, text] : kNames)
        if (text == name)
            return value;
    return std::nullopt;
}

} // namespace attnviz
