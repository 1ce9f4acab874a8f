#pragma once

#include "tokenizer/tokenizer.h"

#include <string_view>
#include <vector>

namespace attnviz::tokenizer {

// The last stage of a tokenizer pipeline: one pre-tokenized word → ids (BPE, WordPiece).
class Model {
public:
    virtual ~Model() = default;
    virtual void tokenize(std::string_view word, std::vector<TokenId>& out) const = 0;
};

} // namespace attnviz::tokenizer
