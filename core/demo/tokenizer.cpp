#include "demo/tokenizer.h"

#include <cstdint>

namespace attnviz {

namespace {

enum class CharClass { Space, Word, Single };

struct DecodedChar {
    char32_t code;
    std::size_t length;
};

DecodedChar decodeUtf8(std::string_view s, std::size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80)
        return {b0, 1};
    const std::size_t len = b0 >= 0xF0 && b0 < 0xF8 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
    if (len == 0 || i + len > s.size())
        return {U'\uFFFD', 1};
    char32_t code = b0 & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return {U'\uFFFD', 1};
        code = (code << 6) | (b & 0x3F);
    }
    return {code, len};
}

bool isCjk(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF)    // kana
           || (c >= 0x3400 && c <= 0x4DBF) // CJK extension A
           || (c >= 0x4E00 && c <= 0x9FFF) // CJK unified ideographs
           || (c >= 0xAC00 && c <= 0xD7AF) // Hangul syllables
           || (c >= 0x3000 && c <= 0x303F) // CJK punctuation
           || (c >= 0xFF00 && c <= 0xFFEF) // full-width forms
           || c == U'\uFFFD';
}

CharClass classify(char32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0)
        return CharClass::Space;
    if (c < 0x80) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return alnum || c == '_' ? CharClass::Word : CharClass::Single;
    }
    return isCjk(c) ? CharClass::Single : CharClass::Word;
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

std::vector<std::string> tokenize(std::string_view text)
{
    std::vector<std::string> tokens;
    std::string word;
    auto flush = [&] {
        if (!word.empty())
            tokens.push_back(std::move(word));
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const DecodedChar ch = decodeUtf8(text, i);
        i += ch.length;
        switch (classify(ch.code)) {
        case CharClass::Space:
            flush();
            break;
        case CharClass::Word:
            appendUtf8(word, ch.code);
            break;
        case CharClass::Single:
            flush();
            appendUtf8(word, ch.code);
            flush();
            break;
        }
    }
    flush();
    return tokens;
}

} // namespace attnviz
