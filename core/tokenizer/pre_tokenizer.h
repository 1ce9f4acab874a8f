#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::tokenizer {

// A stretch of normalised text on its way to the model. `atStart`: it begins the whole input
// (Metaspace's "first" prepend scheme adds '▁' only there).
struct Piece {
    std::string text;
    bool atStart = false;
};

// Normalised text → the words the model tokenises one by one, as HF's pre-tokenizers split it.
class PreTokenizer {
public:
    using Step = std::function<void(std::vector<Piece>&)>;

    // tokenizer.json's "pre_tokenizer": null, ByteLevel, Split, Metaspace, BertPreTokenizer,
    // Whitespace, WhitespaceSplit, Punctuation, Digits or a Sequence of them. Throws
    // attnviz::Error naming an unsupported type or a malformed field.
    static PreTokenizer fromJson(const nlohmann::json& spec, std::string_view context);
    // GPT-2's: split with its regex (or `pattern` when given), then bytes → characters.
    static PreTokenizer byteLevel(bool addPrefixSpace, const std::string& pattern = {});
    static PreTokenizer bert();

    std::vector<Piece> operator()(Piece piece) const;

private:
    std::vector<Step> m_steps;
};

// The regexes of byte-level BPE tokenizers, as HF writes them.
inline constexpr const char* kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
inline constexpr const char* kQwen2Pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
inline constexpr const char* kLlama3Pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

} // namespace attnviz::tokenizer
