#include "tokenizer/vocabulary.h"

#include "common/error.h"

#include <cstdio>

namespace attnviz::tokenizer {

void Vocabulary::checkRange(TokenId id, std::string_view context) const
{
    if (id < 0 || id > kMaxTokenId)
        throw Error(std::string(context) + ": token id " + std::to_string(id) +
                    " is out of range (0.." + std::to_string(kMaxTokenId) + ")");
}

void Vocabulary::set(std::string piece, TokenId id)
{
    if (id >= size()) {
        m_pieces.resize(std::size_t(id) + 1);
        m_known.resize(std::size_t(id) + 1, false);
    }
    m_pieces[std::size_t(id)] = std::move(piece);
    m_known[std::size_t(id)] = true;
}

void Vocabulary::addOverriding(std::string piece, TokenId id, std::string_view context)
{
    checkRange(id, context);
    m_ids.insert_or_assign(piece, id);
    set(std::move(piece), id);
}

void Vocabulary::add(std::string piece, TokenId id, std::string_view context)
{
    checkRange(id, context);
    if (contains(id)) {
        if (m_pieces[std::size_t(id)] == piece)
            return;
        throw Error(std::string(context) + ": token id " + std::to_string(id) +
                    " is given to both '" + m_pieces[std::size_t(id)] + "' and '" + piece + "'");
    }
    m_ids.try_emplace(piece, id); // a piece listed twice keeps its first id
    set(std::move(piece), id);
}

std::optional<TokenId> Vocabulary::find(std::string_view piece) const
{
    const auto it = m_ids.find(piece);
    if (it == m_ids.end())
        return std::nullopt;
    return it->second;
}

std::string bytePiece(unsigned char byte)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "<0x%02X>", byte);
    return buffer;
}

} // namespace attnviz::tokenizer
