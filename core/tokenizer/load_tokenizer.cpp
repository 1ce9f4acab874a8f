#include "tokenizer/load_tokenizer.h"

#include "common/error.h"
#include "tokenizer/sentencepiece_model.h"
#include "tokenizer/tokenizer_json.h"
#include "tokenizer/vocab_files.h"

namespace attnviz::tokenizer {

std::unique_ptr<Tokenizer> loadTokenizer(const std::filesystem::path& folder)
{
    namespace fs = std::filesystem;
    if (!fs::is_directory(folder))
        throw Error(folder.string() + ": not a folder");
    const TokenizerConfig config = readTokenizerConfig(folder);
    auto has = [&](const char* name) { return fs::exists(folder / name); };
    if (has("tokenizer.json"))
        return loadTokenizerJson(folder / "tokenizer.json", config);
    if (has("tokenizer.model"))
        return loadSentencePiece(folder / "tokenizer.model", config);
    if (has("vocab.json") && has("merges.txt"))
        return loadVocabMerges(folder / "vocab.json", folder / "merges.txt", config);
    if (has("encoder.json") && has("vocab.bpe"))
        return loadVocabMerges(folder / "encoder.json", folder / "vocab.bpe", config);
    if (has("vocab.txt"))
        return loadWordPieceVocab(folder / "vocab.txt", config);
    throw Error(folder.string() +
                ": no tokenizer found (looked for tokenizer.json, tokenizer.model, vocab.json + "
                "merges.txt, encoder.json + vocab.bpe, vocab.txt)");
}

} // namespace attnviz::tokenizer
