#pragma once

#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attnviz::tokenizer {

// The tokenizer a GGUF file embeds, as plain data: its tokenizer.ggml.* metadata. The model
// runner fills it from the GGUF reader; the tokenizer does not depend on the reader.
struct GgufVocab {
    // llama.cpp's token types (tokenizer.ggml.token_type).
    enum TokenType : std::int32_t {
        Normal = 1,
        Unknown = 2,
        Control = 3,
        UserDefined = 4,
        Unused = 5,
        Byte = 6,
    };

    std::string source; // where the vocabulary comes from, to start messages with (a file path)
    std::string model;  // tokenizer.ggml.model: "llama", "gpt2" or "bert"
    std::string pre;    // tokenizer.ggml.pre, e.g. "default", "gpt-2", "qwen2"
    std::vector<std::string> tokens;      // tokenizer.ggml.tokens; the index is the id
    std::vector<float> scores;            // tokenizer.ggml.scores (empty when absent)
    std::vector<std::int32_t> tokenTypes; // tokenizer.ggml.token_type (empty: all Normal)
    std::vector<std::string> merges;      // tokenizer.ggml.merges, "left right"
    // tokenizer.ggml.*_token_id (seperator_token_id for sep); -1 means none, as in llama.cpp.
    std::optional<TokenId> bos, eos, unk, pad, sep, cls, mask;
    std::optional<bool> addBos, addEos; // tokenizer.ggml.add_bos_token / add_eos_token
    std::optional<bool> addSpacePrefix; // tokenizer.ggml.add_space_prefix (llama; default true)
};

// The tokenizer of a GGUF file, agreeing with HF's for the model it was converted from:
//   "llama"  SentencePiece BPE by scores with byte fallback (BOS added unless add_bos_token is
//            false);
//   "gpt2"   byte-level BPE with tokenizer.ggml.merges and the pre-tokenizer regex `pre` names
//            (default/gpt-2, qwen2, llama3/llama-bpe, smollm);
//   "bert"   WordPiece with BERT's lower-casing basic tokenizer, [CLS] … [SEP].
// Control tokens are special and matched in the text, user-defined tokens are matched in it.
// Throws attnviz::Error "<source>: ..." ("GGUF tokenizer: ..." without a source) for an unsupported
// model or pre-tokenizer, arrays of different lengths, out-of-range ids or merges of unknown
// pieces.
std::unique_ptr<Tokenizer> tokenizerFromGguf(const GgufVocab& vocab);

} // namespace attnviz::tokenizer
