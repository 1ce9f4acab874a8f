#include "tokenizer/display.h"

#include "tokenizer/byte_level.h"
#include "tokenizer/unicode.h"
#include "tokenizer/vocabulary.h"

#include <optional>

namespace attnviz::tokenizer {

namespace {

constexpr std::string_view kMetaspace = "\xE2\x96\x81"; // U+2581 '▁'

// The byte a "<0xNN>" piece stands for.
std::optional<unsigned char> bytePieceValue(std::string_view piece)
{
    if (piece.size() != 6 || piece.substr(0, 3) != "<0x" || piece[5] != '>')
        return std::nullopt;
    unsigned value = 0;
    for (const char c : piece.substr(3, 2)) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0)
            return std::nullopt;
        value = value * 16 + unsigned(digit);
    }
    return static_cast<unsigned char>(value);
}

std::string readable(std::string_view bytes)
{
    std::string result;
    for (std::size_t i = 0; i < bytes.size();) {
        std::size_t length = 0;
        const char32_t c = unicode::decodeAt(bytes, i, length);
        const bool valid = !(c == 0xFFFD && bytes.substr(i, length) != "\xEF\xBF\xBD");
        if (!valid) {
            for (std::size_t k = 0; k < length; ++k)
                result += bytePiece(static_cast<unsigned char>(bytes[i + k]));
        } else if (c == '\n') {
            result += "\\n";
        } else if (c == '\t') {
            result += "\\t";
        } else if (c == '\r') {
            result += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            result += bytePiece(static_cast<unsigned char>(c));
        } else {
            result += bytes.substr(i, length);
        }
        i += length;
    }
    return result;
}

std::string replaceMetaspace(std::string_view piece)
{
    std::string result;
    for (std::size_t i = 0; i < piece.size();) {
        if (piece.substr(i, kMetaspace.size()) == kMetaspace) {
            result += ' ';
            i += kMetaspace.size();
        } else {
            result += piece[i++];
        }
    }
    return result;
}

} // namespace

std::string displayPiece(std::string_view piece, PieceStyle style)
{
    switch (style) {
    case PieceStyle::ByteLevel:
        if (const auto bytes = byte_level::decode(piece))
            return readable(*bytes);
        break;
    case PieceStyle::Metaspace:
        if (const auto byte = bytePieceValue(piece))
            return readable(std::string(1, static_cast<char>(*byte)));
        return readable(replaceMetaspace(piece));
    case PieceStyle::Plain:
        break;
    }
    return readable(piece);
}

} // namespace attnviz::tokenizer
