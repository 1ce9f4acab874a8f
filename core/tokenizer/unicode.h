#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Unicode facts the tokenizers need, from ICU (Debian's libicu-dev): normalisation forms, full
// case mapping and character properties. Nothing here is a hand-written table.
namespace attnviz::tokenizer::unicode {

// Throws attnviz::Error "<what>: invalid UTF-8 at byte N" unless `text` is well-formed UTF-8.
void requireUtf8(std::string_view text, std::string_view what);

// Calls f(codePoint, byteOffset, byteLength) for each code point of well-formed UTF-8 `text`.
template <typename F> void forEachCodePoint(std::string_view text, F&& f);

char32_t decodeAt(std::string_view text, std::size_t offset, std::size_t& length);
// The code point that ends at byte `end` (> 0), and its length.
char32_t decodeBefore(std::string_view text, std::size_t end, std::size_t& length);
std::string encode(char32_t c);

enum class Form { NFC, NFD, NFKC, NFKD };
std::string normalize(std::string_view text, Form form);
// Full lower-case mapping, as Rust's str::to_lowercase and JavaScript's toLowerCase do.
std::string toLower(std::string_view text);

bool isWhitespace(char32_t c);     // the White_Space property (Rust's char::is_whitespace)
bool isPunctuation(char32_t c);    // general category P*
bool isNumeric(char32_t c);        // general category N*
bool isOther(char32_t c);          // general category C* (Cc, Cf, Cs, Co, Cn)
bool isNonspacingMark(char32_t c); // general category Mn
bool isWordCharacter(char32_t c);  // regex \w: Alphabetic, marks, Nd, Pc, Join_Control

template <typename F> void forEachCodePoint(std::string_view text, F&& f)
{
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 0;
        const char32_t c = decodeAt(text, i, length);
        f(c, i, length);
        i += length;
    }
}

} // namespace attnviz::tokenizer::unicode
