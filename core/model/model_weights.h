#pragma once

#include "attention/matrix.h"
#include "model/config.h"

#include <vector>

namespace attnviz::io {
class WeightFile;
struct WeightView;
} // namespace attnviz::io

namespace attnviz::model {

// A linear layer y = x·Wᵀ + b. W stays in the file (its stored type, mapped) and is widened
// block by block when applied; the bias is small and widened once.
struct Linear {
    const io::WeightView* weight = nullptr; // (out, in); (in, out) for GPT-2's Conv1D
    bool conv1d = false;
    RowVector bias; // empty when the layer has none
    int in = 0, out = 0;
};

// LayerNorm (weight and bias) or RMSNorm (no bias), widened once.
struct Norm {
    RowVector weight, bias;
    bool rms = false;
    float eps = 1e-5f;
};

struct LayerWeights {
    Norm norm1, norm2; // pre-norms (LLaMA, GPT-2) or post-norms (BERT, DistilBERT)
    Linear qkv;        // GPT-2's fused c_attn; otherwise q, k, v
    Linear q, k, v, o;
    Linear gate, up, down; // gate only for SwiGLU
};

// Every tensor of a model bound by name, with its shape checked against the config.
struct ModelWeights {
    const io::WeightView* tokens = nullptr;    // (vocab, d)
    const io::WeightView* positions = nullptr; // learned positions (max, d), or null
    RowVector tokenType0;                      // BERT's token type 0 embedding, or empty
    Norm embedNorm;                            // BERT / DistilBERT; empty weight otherwise
    std::vector<LayerWeights> layers;
    Norm finalNorm; // LLaMA, GPT-2
    bool hasHead = false;
    Linear headTransform; // MLM heads: dense → activation → headNorm, then head
    Norm headNorm;
    Linear head;                  // (vocab, d), possibly the token embedding
    bool interleavedRope = false; // GGUF's q/k rows: rotate pairs (2i, 2i+1)
};

// Binds `config`'s tensors in `file`. Throws attnviz::Error naming the tensor for a missing one,
// a wrong shape or NaN / infinite values in a norm or bias (matrices are checked as they are
// widened).
ModelWeights bindWeights(const ModelConfig& config, const io::WeightFile& file, bool gguf);

} // namespace attnviz::model
