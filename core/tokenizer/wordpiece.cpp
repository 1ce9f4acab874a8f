#include "tokenizer/wordpiece.h"

#include "tokenizer/unicode.h"

#include <algorithm>

namespace attnviz::tokenizer {

WordPiece::WordPiece(std::shared_ptr<const Vocabulary> vocabulary, TokenId unk,
                     std::string continuingSubwordPrefix, int maxInputCharsPerWord)
    : m_vocabulary(std::move(vocabulary))
    , m_unk(unk)
    , m_prefix(std::move(continuingSubwordPrefix))
    , m_maxInputCharsPerWord(maxInputCharsPerWord)
{
    for (TokenId id = 0; id < m_vocabulary->size(); ++id)
        m_longestPiece = std::max(m_longestPiece, m_vocabulary->piece(id).size());
}

void WordPiece::tokenize(std::string_view word, std::vector<TokenId>& out) const
{
    std::vector<std::size_t> boundaries; // byte offset of each character, then the end
    unicode::forEachCodePoint(
        word, [&](char32_t, std::size_t offset, std::size_t) { boundaries.push_back(offset); });
    if (int(boundaries.size()) > m_maxInputCharsPerWord) {
        out.push_back(m_unk);
        return;
    }
    boundaries.push_back(word.size());
    std::vector<TokenId> pieces;
    std::string candidate;
    for (std::size_t start = 0; start + 1 < boundaries.size();) {
        // Longest first, from the longest candidate a piece could match.
        const auto longest = std::upper_bound(boundaries.begin() + std::ptrdiff_t(start),
                                              boundaries.end(), boundaries[start] + m_longestPiece);
        std::size_t end = std::size_t(longest - boundaries.begin()) - 1;
        std::optional<TokenId> found;
        for (; end > start; --end) {
            candidate = start > 0 ? m_prefix : std::string();
            candidate += word.substr(boundaries[start], boundaries[end] - boundaries[start]);
            if ((found = m_vocabulary->find(candidate)))
                break;
        }
        if (!found) {
            out.push_back(m_unk);
            return;
        }
        pieces.push_back(*found);
        start = end;
    }
    out.insert(out.end(), pieces.begin(), pieces.end());
}

} // namespace attnviz::tokenizer
