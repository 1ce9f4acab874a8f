#include "model/model_memory.h"

#include <algorithm>

namespace attnviz::model {

ForwardMemory estimateForwardMemory(const ModelConfig& c, std::int64_t tokens,
                                    std::uint64_t weightBytes, int knockoutLayers)
{
    const std::uint64_t T = std::max<std::int64_t>(tokens, 0), f = sizeof(float);
    const std::uint64_t d = c.dModel, qd = std::uint64_t(c.heads) * c.headDim;
    const std::uint64_t kvd = std::uint64_t(c.kvHeads) * c.headDim, L = c.layers;
    ForwardMemory m;
    m.weights = weightBytes;
    m.stream = f * T * ((L + 2) * d + 2 * L * kvd);
    m.attention = f * L * c.heads * T * T;
    m.logits = f * T * c.vocab;
    // Rows of one layer (normed, q, qkv, heads, outputs, two FFN buffers, scores), packed keys
    // and values, widened blocks (a GPT-2 Conv1D matrix whole), knockout masks.
    const std::uint64_t rows = T * (2 * qd + 6 * d + 2 * std::uint64_t(c.ffn) + T);
    const std::uint64_t widened = c.family == Family::Gpt2
                                      ? d * std::max<std::uint64_t>(3 * d, c.ffn)
                                      : std::uint64_t(1) << 15;
    m.scratch = f * (rows + 4 * T * c.headDim + 2 * widened + T * 4096) +
                std::uint64_t(knockoutLayers) * c.heads * T * T;
    return m;
}

} // namespace attnviz::model
