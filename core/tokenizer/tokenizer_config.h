#pragma once

#include "tokenizer/added_tokens.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/vocabulary.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace attnviz::tokenizer {

// What tokenizer_config.json (and config.json's model_type) say about special tokens.
struct TokenizerConfig {
    // "bos_token" → its text; a key written as null maps to nullopt; an absent key is absent.
    std::map<std::string, std::optional<std::string>> specialNames;
    std::optional<bool> addBos, addEos;
    std::optional<bool> addPrefixSpace;
    std::optional<bool> lowercase;    // do_lower_case
    std::optional<bool> stripAccents; // strip_accents
    std::optional<bool> chineseChars; // tokenize_chinese_chars
    std::string modelType;            // config.json's model_type
    std::string tokenizerClass;
    std::vector<AddedToken> addedTokens; // added_tokens_decoder
};

// Reads folder/tokenizer_config.json and folder/config.json when present. Throws attnviz::Error
// naming the file and key for malformed ones.
TokenizerConfig readTokenizerConfig(const std::filesystem::path& folder);

// The special tokens: a name tokenizer_config.json gives (null: none), else the first
// conventional name ("<s>", "[CLS]", "<|endoftext|>", ...) that is in the vocabulary.
SpecialTokens resolveSpecialTokens(const TokenizerConfig& config, const Vocabulary& vocabulary);

// The config's added tokens plus every resolved special token not among them (matched in the
// raw text, as HF's slow tokenizers never split special tokens).
std::vector<AddedToken> configAddedTokens(const TokenizerConfig& config,
                                          const SpecialTokens& specials,
                                          const Vocabulary& vocabulary);

// tokenizer_config.json's add_bos_token / add_eos_token, with defaults when absent.
void wrapWithFlags(const TokenizerConfig& config, const SpecialTokens& specials, bool defaultBos,
                   bool defaultEos, std::vector<TokenId>& prefix, std::vector<TokenId>& suffix);

} // namespace attnviz::tokenizer
