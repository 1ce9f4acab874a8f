#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::tokenizer {

// Text → normalised text, run on each stretch of input between added tokens (as HF does).
class Normalizer {
public:
    using Step = std::function<std::string(std::string)>;

    // tokenizer.json's "normalizer": null, NFC, NFD, NFKC, NFKD, Lowercase, Strip, StripAccents,
    // Replace, Prepend, BertNormalizer or a Sequence of them. Throws attnviz::Error naming an
    // unsupported type (e.g. SentencePiece's Precompiled charsmap) or a malformed one.
    static Normalizer fromJson(const nlohmann::json& spec, std::string_view context);
    // BERT's BasicTokenizer normalisation (HF's BertNormalizer): drop control characters and
    // U+0000/U+FFFD and turn whitespace into ' '; pad CJK ideographs with spaces; strip accents
    // (NFD, then drop nonspacing marks); lower-case.
    static Normalizer bert(bool cleanText, bool chineseChars, bool stripAccents, bool lowercase);

    std::string operator()(std::string text) const;

private:
    std::vector<Step> m_steps;
};

} // namespace attnviz::tokenizer
