#pragma once

#include "tokenizer/model.h"
#include "tokenizer/vocabulary.h"

#include <memory>
#include <string>

namespace attnviz::tokenizer {

// BERT's WordPiece: greedy longest match first from the start of the word, continuations carry
// "##"; a word with a part no piece covers, or longer than maxInputCharsPerWord characters,
// becomes the unk token. Candidates longer than the longest piece are skipped, so a word of n
// characters costs O(n log n + n·L) for pieces of at most L characters, whatever the limit.
class WordPiece : public Model {
public:
    WordPiece(std::shared_ptr<const Vocabulary> vocabulary, TokenId unk,
              std::string continuingSubwordPrefix = "##", int maxInputCharsPerWord = 100);

    void tokenize(std::string_view word, std::vector<TokenId>& out) const override;

private:
    std::shared_ptr<const Vocabulary> m_vocabulary;
    TokenId m_unk;
    std::string m_prefix;
    int m_maxInputCharsPerWord;
    std::size_t m_longestPiece = 0; // bytes; longer candidates cannot match
};

} // namespace attnviz::tokenizer
