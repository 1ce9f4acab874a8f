#include "tokenizer/vocab_files.h"

#include "common/error.h"
#include "tokenizer/bpe.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/pipeline_tokenizer.h"
#include "tokenizer/unicode.h"
#include "tokenizer/wordpiece.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

std::vector<std::string> readLines(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot open the file");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        unicode::requireUtf8(line, file.string() + ": line " + std::to_string(lines.size() + 1));
        lines.push_back(std::move(line));
    }
    return lines;
}

// The config's added tokens join the vocabulary; then the special tokens are resolved and the
// pipeline gets every added token to match in the text.
void addConfigTokens(Pipeline& p, const TokenizerConfig& config, const std::string& context)
{
    for (const AddedToken& token : config.addedTokens)
        p.vocabulary->addOverriding(token.content, token.id, context);
    p.specialTokens = resolveSpecialTokens(config, *p.vocabulary);
    p.addedTokens = configAddedTokens(config, p.specialTokens, *p.vocabulary);
}

} // namespace

std::unique_ptr<Tokenizer> loadVocabMerges(const std::filesystem::path& vocabFile,
                                           const std::filesystem::path& mergesFile,
                                           const TokenizerConfig& config)
{
    const nlohmann::json vocab = json::readFile(vocabFile);
    if (!vocab.is_object())
        throw Error(vocabFile.string() + ": expected an object of piece → id");
    auto modelVocabulary = std::make_shared<Vocabulary>();
    for (const auto& [piece, id] : vocab.items())
        modelVocabulary->add(piece,
                             TokenId(json::integer(id, vocabFile.string() + " '" + piece + "'")),
                             vocabFile.string());

    std::vector<std::pair<std::string, std::string>> merges;
    const std::vector<std::string> lines = readLines(mergesFile);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty() || (i == 0 && line.rfind("#version", 0) == 0))
            continue;
        const auto space = line.find(' ');
        if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
            throw Error(mergesFile.string() + ": line " + std::to_string(i + 1) +
                        ": expected two pieces separated by one space");
        merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    }

    Pipeline p;
    p.model = Bpe::fromMerges(modelVocabulary, merges, {}, mergesFile.string());
    p.vocabulary = std::make_shared<Vocabulary>(*modelVocabulary);
    addConfigTokens(p, config, vocabFile.string());
    const bool qwen2 = config.modelType.rfind("qwen2", 0) == 0 ||
                       config.tokenizerClass.rfind("Qwen2Tokenizer", 0) == 0;
    if (qwen2)
        p.normalizer = Normalizer::fromJson({{"type", "NFC"}}, vocabFile.string());
    p.preTokenizer = PreTokenizer::byteLevel(config.addPrefixSpace.value_or(false),
                                             qwen2 ? kQwen2Pattern : kGpt2Pattern);
    if (config.modelType == "roberta" && p.specialTokens.bos && p.specialTokens.eos) {
        p.prefix = {*p.specialTokens.bos};
        p.suffix = {*p.specialTokens.eos};
    } else {
        wrapWithFlags(config, p.specialTokens, false, false, p.prefix, p.suffix);
    }
    p.style = PieceStyle::ByteLevel;
    return std::make_unique<PipelineTokenizer>(std::move(p));
}

std::unique_ptr<Tokenizer> loadWordPieceVocab(const std::filesystem::path& vocabFile,
                                              const TokenizerConfig& config)
{
    auto modelVocabulary = std::make_shared<Vocabulary>();
    const std::vector<std::string> lines = readLines(vocabFile);
    for (std::size_t i = 0; i < lines.size(); ++i)
        modelVocabulary->add(lines[i], TokenId(i), vocabFile.string());

    Pipeline p;
    p.vocabulary = std::make_shared<Vocabulary>(*modelVocabulary);
    addConfigTokens(p, config, vocabFile.string());
    if (!p.specialTokens.unk)
        throw Error(vocabFile.string() + ": the vocabulary has no unknown token ([UNK])");
    p.model = std::make_unique<WordPiece>(modelVocabulary, *p.specialTokens.unk);
    const bool lowercase = config.lowercase.value_or(true);
    p.normalizer = Normalizer::bert(true, config.chineseChars.value_or(true),
                                    config.stripAccents.value_or(lowercase), lowercase);
    p.preTokenizer = PreTokenizer::bert();
    if (p.specialTokens.cls)
        p.prefix = {*p.specialTokens.cls};
    if (p.specialTokens.sep)
        p.suffix = {*p.specialTokens.sep};
    p.style = PieceStyle::Plain;
    return std::make_unique<PipelineTokenizer>(std::move(p));
}

} // namespace attnviz::tokenizer
