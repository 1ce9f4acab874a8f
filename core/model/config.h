#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace attnviz::io {
class GgufFile;
}

namespace attnviz::model {

// The transformer families the forward pass implements; each has its own name table.
enum class Family { Llama, Gpt2, Bert, DistilBert };

enum class Activation { Silu, GeluTanh, GeluErf };

// RoPE frequencies: θ^(−2i/d), optionally reshaped by rope_scaling type "llama3".
struct RopeConfig {
    double theta = 10000.0;
    bool llama3 = false;
    double factor = 1.0, lowFreqFactor = 1.0, highFreqFactor = 4.0;
    double originalMaxPositions = 8192.0;
};

// What a checkpoint's config.json (or a GGUF file's metadata) says about the model.
struct ModelConfig {
    std::string architecture; // as the file names it: "LlamaForCausalLM", "gguf:llama"
    Family family = Family::Llama;
    int dModel = 0, layers = 0, heads = 0, kvHeads = 0, headDim = 0, ffn = 0, vocab = 0;
    int maxPositions = 0;
    int typeVocab = 0; // BERT's token types
    double normEps = 1e-5;
    Activation activation = Activation::Silu;
    RopeConfig rope;   // LLaMA family only
    bool tied = false; // the LM head is the token embedding
    bool attentionBias = false, outputBias = false, mlpBias = false; // LLaMA family options
    // …ForCausalLM / …ForMaskedLM must have a head; a *Model base uses one only when present.
    bool headRequired = true;
    int slidingWindow = 0; // Mistral's; 0 when none. Longer inputs are refused.

    bool causal() const { return family == Family::Llama || family == Family::Gpt2; }
};

std::string familyName(Family family);

// From config.json's "architectures" (else "model_type"). Anything unsupported is an
// attnviz::Error naming what was found and what is supported; missing or mistyped keys name the
// key. `source` starts every message.
ModelConfig configFromJson(const nlohmann::json& json, const std::string& source);

// From a GGUF file's general.architecture and <arch>.* keys (llama only).
ModelConfig configFromGguf(const io::GgufFile& file);

} // namespace attnviz::model
