#pragma once

#include <cstddef>
#include <string_view>

namespace attnviz::io {

// The position in a .npy header being parsed (a Python literal), with its lexing steps. Every read
// is bounds-checked against the text.
class TextCursor {
protected:
    explicit TextCursor(std::string_view text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return static_cast<unsigned char>(m_text[m_pos]); }

    void skipWhitespace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    bool consume(char c)
    {
        if (atEnd() || peek() != static_cast<unsigned char>(c))
            return false;
        ++m_pos;
        return true;
    }

    bool consumeWord(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace attnviz::io
