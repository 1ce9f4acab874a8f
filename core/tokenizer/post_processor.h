#pragma once

#include "tokenizer/tokenizer.h"

#include <nlohmann/json_fwd.hpp>
#include <string_view>
#include <vector>

namespace attnviz::tokenizer {

// The tokens a post-processor puts around a single sequence.
struct Wrapping {
    std::vector<TokenId> prefix;
    std::vector<TokenId> suffix;
};

// tokenizer.json's "post_processor": null, ByteLevel (adds nothing), TemplateProcessing
// ("single" template), BertProcessing, RobertaProcessing ([cls] … [sep]) or a Sequence of them.
// Throws attnviz::Error naming an unsupported type or a malformed template.
Wrapping wrappingFromJson(const nlohmann::json& spec, std::string_view context);

} // namespace attnviz::tokenizer
