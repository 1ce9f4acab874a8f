#pragma once

#include <optional>
#include <string>
#include <string_view>

// GPT-2's reversible map between bytes and printable characters: printable Latin-1 bytes stand
// for themselves, the other 68 bytes for U+0100.. in byte order (so ' ' is 'Ġ', '\n' is 'Ċ').
// Byte-level BPE vocabularies are written in these characters.
namespace attnviz::tokenizer::byte_level {

// Each byte of `bytes` as its character, in UTF-8.
std::string encode(std::string_view bytes);

// The bytes a vocabulary piece stands for; nullopt when a character is outside the map (an
// added token such as "<|endoftext|>" is written in plain text).
std::optional<std::string> decode(std::string_view piece);

} // namespace attnviz::tokenizer::byte_level
