#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::tokenizer {

using TokenId = std::int32_t;

// Special tokens a model's tokenizer declares; absent ones are empty.
struct SpecialTokens {
    std::optional<TokenId> bos, eos, unk, pad, cls, sep, mask;
};

// Text → token ids, as HuggingFace's tokenizer for the same files does, and ids → strings a person
// can read. Implementations: byte-level BPE, SentencePiece, tokenizer.json BPE with byte fallback,
// WordPiece. Every method is const and thread-safe once constructed.
class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    // The ids HF's `tokenizer(text)` gives: with `addSpecialTokens`, the special tokens its config
    // adds by default (BOS for LLaMA models that add it, [CLS] … [SEP] for BERT, none for GPT-2).
    virtual std::vector<TokenId> encode(std::string_view text, bool addSpecialTokens) const = 0;

    virtual int vocabSize() const = 0;
    // The token's string in the vocabulary ("Ġthe", "▁the", "<0x0A>", "##ing").
    virtual std::string piece(TokenId id) const = 0;
    // A readable form: 'Ġ' and '▁' become a leading space, byte pieces the bytes they make (an
    // incomplete UTF-8 sequence is shown as its bytes in hex), special tokens as written.
    virtual std::string display(TokenId id) const = 0;
    virtual bool isSpecial(TokenId id) const = 0;
    virtual const SpecialTokens& specialTokens() const = 0;
};

} // namespace attnviz::tokenizer
