#pragma once

#include "tokenizer/added_tokens.h"
#include "tokenizer/display.h"
#include "tokenizer/model.h"
#include "tokenizer/normalizer.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/vocabulary.h"

#include <memory>
#include <vector>

namespace attnviz::tokenizer {

// What a tokenizer is made of, HF's pipeline: added tokens are split out of the raw text, each
// stretch between them is normalised (then split at "normalized" added tokens), pre-tokenised
// and tokenised by the model; the post-processor's tokens go around the result.
struct Pipeline {
    std::shared_ptr<Vocabulary> vocabulary;
    std::vector<AddedToken> addedTokens;
    Normalizer normalizer;
    PreTokenizer preTokenizer;
    std::unique_ptr<Model> model;
    std::vector<TokenId> prefix; // added by encode(text, true)
    std::vector<TokenId> suffix;
    SpecialTokens specialTokens;
    std::vector<TokenId> controlTokens; // special too (shown as written), but never matched in text
    PieceStyle style = PieceStyle::Plain;
};

class PipelineTokenizer : public Tokenizer {
public:
    explicit PipelineTokenizer(Pipeline pipeline);

    std::vector<TokenId> encode(std::string_view text, bool addSpecialTokens) const override;
    int vocabSize() const override;
    std::string piece(TokenId id) const override;
    std::string display(TokenId id) const override;
    bool isSpecial(TokenId id) const override;
    const SpecialTokens& specialTokens() const override;

private:
    void encodeText(std::string text, bool atStart, std::vector<TokenId>& out) const;

    Pipeline m_pipeline;
    AddedTokenMatcher m_rawTokens;
    AddedTokenMatcher m_normalizedTokens;
    std::vector<bool> m_special;
};

} // namespace attnviz::tokenizer
