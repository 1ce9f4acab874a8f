#pragma once

#include "model/config.h"

#include <cstdint>

namespace attnviz::model {

// Bytes a ModelForward needs for T tokens, estimated before any work starts so that a request
// over the memory budget is refused with the figure (attention/memory_estimate.h's convention).
struct ForwardMemory {
    std::uint64_t weights = 0;   // the file's tensors, mapped: resident once read
    std::uint64_t stream = 0;    // residual streams, keys and values of every layer
    std::uint64_t attention = 0; // layers × heads × T × T probabilities
    std::uint64_t logits = 0;    // T × vocab
    std::uint64_t scratch = 0;   // one layer's rows, widened weight blocks, knockout masks

    std::uint64_t total() const { return weights + stream + attention + logits + scratch; }
};

// `knockoutLayers` layers with knockouts each hold a heads × T × T byte mask.
ForwardMemory estimateForwardMemory(const ModelConfig& config, std::int64_t tokens,
                                    std::uint64_t weightBytes, int knockoutLayers);

} // namespace attnviz::model
