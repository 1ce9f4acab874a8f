#pragma once

#include "tokenizer/tokenizer.h"
#include "tokenizer/tokenizer_config.h"

#include <filesystem>
#include <memory>

namespace attnviz::tokenizer {

// GPT-2-style byte-level BPE from vocab.json + merges.txt (or GPT-2's own encoder.json +
// vocab.bpe), as transformers' GPT2Tokenizer reads them: GPT-2's regex (Qwen2's, after NFC, for
// model_type qwen2), add_prefix_space from the config, no special tokens added by default (RoBERTa:
// <s> … </s>). Throws attnviz::Error "<file>: ..." for malformed files.
std::unique_ptr<Tokenizer> loadVocabMerges(const std::filesystem::path& vocabFile,
                                           const std::filesystem::path& mergesFile,
                                           const TokenizerConfig& config);

// BERT's vocab.txt (one piece per line, the line number its id) with BERT's BasicTokenizer
// (do_lower_case, strip_accents and tokenize_chinese_chars from the config, lower-casing by
// default) and WordPiece; encode(text, true) gives [CLS] … [SEP].
std::unique_ptr<Tokenizer> loadWordPieceVocab(const std::filesystem::path& vocabFile,
                                              const TokenizerConfig& config);

} // namespace attnviz::tokenizer
