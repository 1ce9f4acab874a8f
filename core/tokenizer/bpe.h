#pragma once

#include "tokenizer/model.h"
#include "tokenizer/vocabulary.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace attnviz::tokenizer {

struct BpeOptions {
    std::optional<TokenId> unk; // for characters outside the vocabulary
    bool fuseUnk = false;       // consecutive unknown characters give one unk
    bool byteFallback = false;  // unknown characters become their <0xNN> pieces
    bool ignoreMerges = false;  // a word that is itself a piece is not split (LLaMA 3)
    std::string continuingSubwordPrefix;
    std::string endOfWordSuffix;
};

// Byte-pair encoding of one word, as HuggingFace's BPE model does it: start from characters,
// repeatedly merge the adjacent pair of best rank (leftmost on ties). A heap of candidate pairs
// over a linked list of symbols makes a word of n characters cost O(n log n), so a hostile
// 1 MB "word" cannot hang encoding.
class Bpe : public Model {
public:
    // Merges by rank, from a merges list: "a b" at rank r merges pieces a and b into "ab".
    // Throws attnviz::Error naming the first merge whose parts or result are not pieces.
    static std::unique_ptr<Bpe>
    fromMerges(std::shared_ptr<const Vocabulary> vocabulary,
               const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
               std::string_view context);
    // SentencePiece's BPE: any two adjacent symbols whose concatenation is a piece may merge,
    // the higher score first. `mergeable[id]` says whether a piece may be a merge result
    // (SentencePiece excludes control, unknown and byte pieces). Unknown characters stay
    // characters during merging and fall back to bytes (or unk) afterwards.
    static std::unique_ptr<Bpe> fromScores(std::shared_ptr<const Vocabulary> vocabulary,
                                           const std::vector<float>& scores,
                                           const std::vector<bool>& mergeable, BpeOptions options);

    void tokenize(std::string_view word, std::vector<TokenId>& out) const override;

private:
    struct Symbol;
    struct Candidate;

    Bpe(std::shared_ptr<const Vocabulary> vocabulary, BpeOptions options);
    std::vector<Symbol> initialSymbols(std::string_view word) const;
    std::optional<Candidate> candidate(std::string_view word, const std::vector<Symbol>& symbols,
                                       int left) const;
    // The <0xNN> pieces of `text`'s bytes, when byte fallback is on and all of them exist.
    std::optional<std::vector<TokenId>> bytePieces(std::string_view text) const;
    void emitUnknown(std::string_view text, bool afterUnk, std::vector<TokenId>& out) const;

    std::shared_ptr<const Vocabulary> m_vocabulary;
    BpeOptions m_options;
    bool m_byScore = false;
    // By rank: (left id, right id) → (rank, merged id).
    std::unordered_map<std::uint64_t, std::pair<std::uint32_t, TokenId>> m_merges;
    // By score: rank of each piece as a merge result (lower merges first), -1 if not mergeable.
    std::vector<std::int64_t> m_scoreRank;
};

} // namespace attnviz::tokenizer
