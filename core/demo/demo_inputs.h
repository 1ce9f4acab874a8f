#pragma once

#include "attention/matrix.h"
#include "attention/weights.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attnviz {

// Seeded token embeddings (the same token always gets the same vector for a given seed) plus
// the sinusoidal positional encoding of "Attention Is All You Need". One row per token.
Matrix demoEmbeddings(const std::vector<std::string>& tokens, int dModel, std::uint64_t seed);

// PE(pos, 2i) = sin(pos / 10000^(2i/D)), PE(pos, 2i+1) = cos(pos / 10000^(2i/D)).
Matrix positionalEncoding(int length, int dModel);

// Xavier-uniform projections (bound sqrt(6 / (fan_in + fan_out))) and zero biases, as PyTorch's
// nn.MultiheadAttention initialises them, from our own seeded generator.
AttentionWeights demoWeights(int dModel, std::uint64_t seed);

} // namespace attnviz
