#pragma once

#include "tokenizer/gguf_vocab.h"

namespace attnviz::io {
class GgufFile;
}

namespace attnviz::tokenizer {

// The tokenizer.ggml.* metadata of a GGUF file (see GgufVocab); source is the file. Ids stored
// as -1 or 0xFFFFFFFF mean none. Throws attnviz::Error "<file>: metadata '<key>' ..." when a key
// the tokenizer needs is missing or of the wrong type.
GgufVocab readGgufVocab(const io::GgufFile& file);

} // namespace attnviz::tokenizer
