#include "tokenizer/byte_level.h"

#include "tokenizer/unicode.h"

#include <array>

namespace attnviz::tokenizer::byte_level {

namespace {

bool standsForItself(int byte)
{
    return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) || byte >= 0xAE;
}

struct Tables {
    std::array<char32_t, 256> charOfByte{};
    std::array<std::string, 256> utf8OfByte;
    Tables()
    {
        char32_t next = 0x100;
        for (int byte = 0; byte < 256; ++byte) {
            charOfByte[std::size_t(byte)] = standsForItself(byte) ? char32_t(byte) : next++;
            utf8OfByte[std::size_t(byte)] = unicode::encode(charOfByte[std::size_t(byte)]);
        }
    }
    std::optional<unsigned char> byteOf(char32_t c) const
    {
        if (c < 0x100 && standsForItself(int(c)))
            return static_cast<unsigned char>(c);
        for (int byte = 0; byte < 256; ++byte)
            if (!standsForItself(byte) && charOfByte[std::size_t(byte)] == c)
                return static_cast<unsigned char>(byte);
        return std::nullopt;
    }
};

const Tables& tables()
{
    static const Tables instance;
    return instance;
}

} // namespace

std::string encode(std::string_view bytes)
{
    std::string result;
    result.reserve(bytes.size() * 2);
    for (const char byte : bytes)
        result += tables().utf8OfByte[static_cast<unsigned char>(byte)];
    return result;
}

std::optional<std::string> decode(std::string_view piece)
{
    std::string bytes;
    bool ok = true;
    unicode::forEachCodePoint(piece, [&](char32_t c, std::size_t, std::size_t) {
        const auto byte = tables().byteOf(c);
        ok = ok && byte.has_value();
        if (byte)
            bytes += static_cast<char>(*byte);
    });
    if (!ok)
        return std::nullopt;
    return bytes;
}

} // namespace attnviz::tokenizer::byte_level
