#pragma once

#include "tokenizer/tokenizer.h"

#include <filesystem>
#include <memory>

namespace attnviz::tokenizer {

// The tokenizer of a HuggingFace model folder, the first of: tokenizer.json; tokenizer.model
// (SentencePiece); vocab.json + merges.txt, or GPT-2's encoder.json + vocab.bpe (byte-level BPE);
// vocab.txt (WordPiece). tokenizer_config.json and config.json's model_type decide the special
// tokens. Throws attnviz::Error "<path>: ..." when none is there or a file is broken.
std::unique_ptr<Tokenizer> loadTokenizer(const std::filesystem::path& folder);

} // namespace attnviz::tokenizer
