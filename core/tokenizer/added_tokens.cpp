#include "tokenizer/added_tokens.h"

#include "tokenizer/unicode.h"

namespace attnviz::tokenizer {

namespace {

bool endsWithWord(std::string_view text)
{
    if (text.empty())
        return false;
    std::size_t length = 0;
    return unicode::isWordCharacter(unicode::decodeBefore(text, text.size(), length));
}

bool startsWithWord(std::string_view text)
{
    if (text.empty())
        return false;
    std::size_t length = 0;
    return unicode::isWordCharacter(unicode::decodeAt(text, 0, length));
}

std::size_t whitespaceRunBefore(std::string_view text, std::size_t end, std::size_t floor)
{
    std::size_t start = end;
    while (start > floor) {
        std::size_t length = 0;
        if (!unicode::isWhitespace(unicode::decodeBefore(text, start, length)))
            break;
        start -= length;
    }
    return start;
}

std::size_t whitespaceRunAfter(std::string_view text, std::size_t begin)
{
    std::size_t end = begin;
    while (end < text.size()) {
        std::size_t length = 0;
        if (!unicode::isWhitespace(unicode::decodeAt(text, end, length)))
            break;
        end += length;
    }
    return end;
}

} // namespace

void AddedTokenMatcher::add(const AddedToken& token, std::string matchedText)
{
    if (matchedText.empty())
        return; // HF ignores empty added tokens
    m_byFirstByte.emplace(static_cast<unsigned char>(matchedText[0]), m_tokens.size());
    m_tokens.push_back({std::move(matchedText), token});
}

std::optional<std::size_t> AddedTokenMatcher::longestAt(std::string_view text,
                                                        std::size_t offset) const
{
    std::optional<std::size_t> best;
    const auto [first, last] = m_byFirstByte.equal_range(static_cast<unsigned char>(text[offset]));
    for (auto it = first; it != last; ++it) {
        const std::string& candidate = m_tokens[it->second].text;
        if (text.compare(offset, candidate.size(), candidate) != 0)
            continue;
        // Longest wins; among equal contents the first added, as Aho-Corasick's pattern order.
        if (!best || candidate.size() > m_tokens[*best].text.size() ||
            (candidate.size() == m_tokens[*best].text.size() && it->second < *best))
            best = it->second;
    }
    return best;
}

std::vector<Segment> AddedTokenMatcher::split(std::string_view text) const
{
    std::vector<Segment> segments;
    std::size_t done = 0; // text before this is in `segments`
    std::size_t search = 0;
    while (search < text.size() && !m_tokens.empty()) {
        const auto match = longestAt(text, search);
        if (!match) {
            ++search;
            continue;
        }
        const Entry& entry = m_tokens[*match];
        std::size_t start = search;
        std::size_t stop = search + entry.text.size();
        search = stop; // HF's match iterator resumes after the match itself
        if (entry.token.singleWord && ((start > 0 && endsWithWord(text.substr(0, start))) ||
                                       (stop < text.size() && startsWithWord(text.substr(stop)))))
            continue;
        // lstrip stops at the previous match, which may have taken those spaces already.
        if (entry.token.lstrip)
            start = whitespaceRunBefore(text, start, done);
        if (entry.token.rstrip)
            search = stop = whitespaceRunAfter(text, stop);
        if (start > done)
            segments.push_back({std::string(text.substr(done, start - done)), std::nullopt, done});
        segments.push_back({std::string(text.substr(start, stop - start)), entry.token.id, start});
        done = stop;
    }
    if (done < text.size() || segments.empty())
        segments.push_back({std::string(text.substr(done)), std::nullopt, done});
    return segments;
}

} // namespace attnviz::tokenizer
