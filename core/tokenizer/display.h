#pragma once

#include <string>
#include <string_view>

namespace attnviz::tokenizer {

// How a vocabulary writes its pieces, which decides how they read.
enum class PieceStyle {
    Plain,     // as written (WordPiece's "##ing" keeps its marker)
    ByteLevel, // GPT-2's byte characters: "Ġthe" is " the", "Ċ" is "\n"
    Metaspace, // SentencePiece's: "▁the" is " the", "<0x0A>" is the byte 0x0A
};

// A token's text as a person reads it. Bytes that are not complete UTF-8 are shown in hex as
// "<0xE2>", and control characters escaped ("\n", "\t", "\r", else "<0x1B>"), so a display
// string is always one printable line (tokens.txt writes one per line).
std::string displayPiece(std::string_view piece, PieceStyle style);

} // namespace attnviz::tokenizer
