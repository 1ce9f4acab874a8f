#pragma once

#include "model/config.h"

#include <string>

namespace attnviz::io {
class WeightFile;
}

namespace attnviz::model {

// One architecture's tensor names, as its checkpoints spell them, without ".weight" / ".bias".
// Layer names hold '#' where the layer number goes. An empty name means the family has no such
// tensor. (llama.cpp keeps the same kind of table per architecture.)
struct TensorNames {
    std::string tokens, positions, tokenTypes, embedNorm;
    struct Layer {
        std::string norm1, q, k, v, qkv, o, norm2, gate, up, down;
    } layer;
    std::string finalNorm;
    std::string headTransform, headNorm, head, headBias;
};

// The names for `config`'s family in `file`: HF checkpoints come with or without the wrapper
// prefix ("model.", "transformer.", "bert.", "distilbert."); the one whose token embedding is
// present wins. `gguf` selects llama.cpp's names.
TensorNames tensorNames(const ModelConfig& config, const io::WeightFile& file, bool gguf);

// `pattern` with '#' replaced by the layer number.
std::string layerName(const std::string& pattern, int layer);

} // namespace attnviz::model
