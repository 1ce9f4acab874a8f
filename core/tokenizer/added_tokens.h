#pragma once

#include "tokenizer/tokenizer.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::tokenizer {

// A token matched in the text before pre-tokenization, with HF's AddedToken flags.
struct AddedToken {
    std::string content;
    TokenId id = 0;
    bool special = false;
    bool normalized = false; // matched in the normalised text (else in the raw text)
    bool lstrip = false;     // swallows the whitespace on its left
    bool rstrip = false;     // swallows the whitespace on its right
    bool singleWord = false; // matches only with no word character on either side
};

// One side of a split: an added token, or text between added tokens.
struct Segment {
    std::string text;
    std::optional<TokenId> token;
    std::size_t offset = 0; // where the segment starts in the text that was split
};

// Finds added tokens as HF's AddedVocabulary does: leftmost-longest matches of the contents,
// left to right, with single_word, lstrip and rstrip applied to each match.
class AddedTokenMatcher {
public:
    void add(const AddedToken& token, std::string matchedText);
    bool empty() const { return m_tokens.empty(); }
    std::vector<Segment> split(std::string_view text) const;

private:
    struct Entry {
        std::string text;
        AddedToken token;
    };
    std::optional<std::size_t> longestAt(std::string_view text, std::size_t offset) const;

    std::vector<Entry> m_tokens;
    std::multimap<unsigned char, std::size_t> m_byFirstByte;
};

} // namespace attnviz::tokenizer
