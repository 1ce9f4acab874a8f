#pragma once

#include "tokenizer/tokenizer.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attnviz::tokenizer {

// Id ↔ piece for a whole tokenizer: the model's vocabulary plus added tokens. Ids may leave gaps
// (an added token far above the model's range); a gap's piece is empty and unknown to find().
class Vocabulary {
public:
    // Throws attnviz::Error "<context>: ..." for a negative or duplicate id, or one above the
    // limit that keeps a hostile file from allocating without bound.
    void add(std::string piece, TokenId id, std::string_view context);
    // An added token: takes the id even from a model piece, and wins lookups of its text (as in
    // HF, where added tokens are looked up before the model's vocabulary).
    void addOverriding(std::string piece, TokenId id, std::string_view context);

    std::optional<TokenId> find(std::string_view piece) const;
    int size() const { return int(m_pieces.size()); }
    bool contains(TokenId id) const { return id >= 0 && id < size() && m_known[std::size_t(id)]; }
    const std::string& piece(TokenId id) const { return m_pieces.at(std::size_t(id)); }

private:
    void checkRange(TokenId id, std::string_view context) const;
    void set(std::string piece, TokenId id);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const
        {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::vector<std::string> m_pieces;
    std::vector<bool> m_known;
    std::unordered_map<std::string, TokenId, Hash, std::equal_to<>> m_ids;
};

// No real vocabulary comes close (the largest have about 260k entries).
inline constexpr TokenId kMaxTokenId = 4'000'000;

// "<0xNN>" for byte fallback pieces, as SentencePiece writes them.
std::string bytePiece(unsigned char byte);

} // namespace attnviz::tokenizer
