#pragma once

#include "attention/engine.h"
#include "attention/options.h"
#include "mask/mask.h"
#include "teaching/designed_heads.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attnviz::ui {

// Inputs read from files instead of the seeded demo (File ▸ Open of attention or weights). The
// engine runs compute(query, keys, weights, mask, options) on them; `options.fill` is replaced by
// the session's fill, and scale/temperature too unless `fixedScores` (attention tensors, whose
// scores are log A and must not be rescaled).
struct ImportedInputs {
    Matrix query;
    Matrix keys;
    AttentionWeights weights; // empty when fixedScores: query and keys are the projections
    AttentionOptions options;
    bool fixedScores = false;
    bool crossAttention = false; // keys is a separate input (the pipeline views assume X = keys)
    QStringList rowTokens;
    QStringList colTokens;
    QString label; // shown in the import toolbar, e.g. "attn.npy · layer 2 of 12"
};

// Everything a full forward pass needs, copied so it can run on any thread.
struct ComputeRequest {
    std::vector<std::string> tokens;
    int dModel = 0;
    std::uint64_t seed = 0;
    Mask mask;
    AttentionOptions options;
    std::vector<DesignedHead> designedHeads;
    // Set: compute on these instead of the demo (tokens, dModel, seed and designed heads unused).
    std::shared_ptr<const ImportedInputs> imported;

    // Rough multiply-add count of the forward pass: projections plus per-head QKᵀ and A·V.
    double estimatedFlops() const;
};

struct ComputeResult {
    std::shared_ptr<AttentionEngine> engine; // null on error
    QStringList tokens;
    QStringList keyTokens;
    QString error;
    // What the engine was fed (the pipeline and teaching views show and re-run them).
    std::shared_ptr<const Matrix> input;
    std::shared_ptr<const AttentionWeights> weights;
    float maxWeight = 0.0f; // the largest attention weight (the colour scale), found on the worker
};

// The largest weight of any head (reads every weight: 1 GiB at L = 4096, H = 16).
float largestWeight(const AttentionEngine& engine);

// Pure function of the request: builds the seeded demo inputs and runs a fresh engine. Safe on
// worker threads (own seeded generators, no shared state, no Eigen Random()).
// Exceptions (bad input, std::bad_alloc, anything else) become result.error.
ComputeResult runCompute(const ComputeRequest& request);

// Test hook: called inside runCompute before the engine runs (may throw); null to remove.
using ComputeFaultHook = void (*)(const ComputeRequest&);
void setComputeFaultHookForTesting(ComputeFaultHook hook);

} // namespace attnviz::ui
