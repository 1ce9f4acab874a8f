#pragma once

#include "attention/options.h"
#include "mask/mask.h"
#include "mask/presets.h"
#include "teaching/designed_heads.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace attnviz::ui {

// Everything the user chose: what to compute and how to show it. A plain value type so that
// sessions (issue 4) can serialise it; the controller owns the current one.
struct SessionState {
    QString text = QStringLiteral("The cat sat on the mat because it was tired .");
    int dModel = 64;
    int heads = 4;
    std::uint64_t seed = 42;

    MaskPreset preset = MaskPreset::Causal;
    MaskPresetParams presetParams; // its `seed` is ignored: the random preset uses `seed`
    bool inverted = false;         // the preset's pattern inverted
    // The full current mask (preset plus every edit), shape tokens × tokens, shared or per head.
    Mask mask;

    MaskFill fill = MaskFill::LargeNegative;
    bool scale = true;
    double temperature = 1.0;
    // Heads whose W_q/W_k rows are replaced by a hand-made pattern (classroom mode).
    std::vector<DesignedHead> designedHeads;

    QString colorMap = QStringLiteral("viridis");

    AttentionOptions options() const
    {
        AttentionOptions o;
        o.heads = heads;
        o.fill = fill;
        o.scale = scale;
        o.temperature = static_cast<float>(temperature);
        return o;
    }
    // The preset's mask for rows × cols (imports may be cross-attention), inverted if asked.
    Mask presetMask(int rows, int cols) const
    {
        MaskPresetParams p = presetParams;
        p.seed = seed;
        Mask m = makeMask(preset, rows, cols, p);
        if (inverted)
            m.invert();
        return m;
    }
    Mask presetMask(int length) const { return presetMask(length, length); }
};

} // namespace attnviz::ui
