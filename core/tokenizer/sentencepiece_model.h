#pragma once

#include "tokenizer/tokenizer.h"
#include "tokenizer/tokenizer_config.h"

#include <filesystem>
#include <memory>

namespace attnviz::tokenizer {

// A SentencePiece tokenizer.model, encoded by Debian's libsentencepiece (BPE or Unigram, with its
// own normaliser), as HF's slow LlamaTokenizer does: special tokens are split out of the text
// first and each stretch between them is encoded on its own. encode(text, true) adds BOS unless
// tokenizer_config.json says otherwise (T5 models: EOS). Throws attnviz::Error "<file>: ..." when
// the file is not a SentencePiece model.
std::unique_ptr<Tokenizer> loadSentencePiece(const std::filesystem::path& file,
                                             const TokenizerConfig& config);

} // namespace attnviz::tokenizer
