#pragma once

#include "tokenizer/tokenizer.h"
#include "tokenizer/tokenizer_config.h"

#include <filesystem>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string_view>

namespace attnviz::tokenizer {

// A HuggingFace tokenizer.json with a BPE or WordPiece model (Unigram and WordLevel are refused by
// name). tokenizer_config.json's add_bos_token / add_eos_token, when given, decide the special
// tokens encode() adds, as transformers' LlamaTokenizerFast rebuilds its post-processor from them;
// otherwise the file's post_processor does. Throws attnviz::Error "<file>: ..." naming what is
// missing, malformed or unsupported.
std::unique_ptr<Tokenizer> loadTokenizerJson(const std::filesystem::path& file,
                                             const TokenizerConfig& config);
std::unique_ptr<Tokenizer> tokenizerFromJson(const nlohmann::json& document,
                                             const TokenizerConfig& config,
                                             std::string_view context);

} // namespace attnviz::tokenizer
