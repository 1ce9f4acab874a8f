#pragma once

#include "io/weight_file.h"
#include "model/config.h"
#include "model/model_weights.h"
#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace attnviz::model {

// A model opened from disk: config, mapped weights bound by name, and its tokenizer.
struct Model {
    std::string source; // the path it was opened from
    std::string format; // "safetensors" or "gguf"
    std::unique_ptr<io::WeightFile> file;
    ModelConfig config;
    ModelWeights weights;
    // Null for an HF folder without tokenizer files (ids must then be given).
    std::unique_ptr<tokenizer::Tokenizer> tokenizer;

    std::uint64_t weightBytes() const; // stored bytes of every tensor, mapped on use
    std::int64_t parameters() const;   // elements of every tensor
};

// Opens a HuggingFace folder (config.json, model.safetensors or shards, tokenizer files) or a
// llama.cpp .gguf file (metadata, tensors, embedded tokenizer). Throws attnviz::Error for
// anything unsupported or broken, naming the file and what is wrong.
std::unique_ptr<Model> openModel(const std::filesystem::path& path);

} // namespace attnviz::model
