#include "tokenizer/tokenizer_json.h"

#include "common/error.h"
#include "tokenizer/bpe.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/pipeline_tokenizer.h"
#include "tokenizer/post_processor.h"
#include "tokenizer/wordpiece.h"

#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

std::shared_ptr<Vocabulary> readVocab(const nlohmann::json& model, const std::string& context)
{
    const auto& vocab = json::member(model, "vocab", context);
    if (!vocab.is_object())
        throw Error(context + ": 'vocab' must be an object of piece → id");
    auto vocabulary = std::make_shared<Vocabulary>();
    for (const auto& [piece, id] : vocab.items())
        vocabulary->add(piece, TokenId(json::integer(id, context + " vocab '" + piece + "'")),
                        context);
    return vocabulary;
}

std::optional<std::string> optionalString(const nlohmann::json& spec, std::string_view key,
                                          const std::string& context)
{
    if (json::member(spec, key, context, false).is_null())
        return std::nullopt;
    return json::string(spec, key, context);
}

std::vector<std::pair<std::string, std::string>> readMerges(const nlohmann::json& model,
                                                            const std::string& context)
{
    std::vector<std::pair<std::string, std::string>> merges;
    for (const auto& merge : json::array(model, "merges", context)) {
        const std::string where = context + " merge " + std::to_string(merges.size());
        if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
            merges.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
            continue;
        }
        const std::string line = merge.is_string() ? merge.get<std::string>() : std::string();
        const auto space = line.find(' ');
        if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
            throw Error(where + ": expected \"left right\" or [left, right]");
        merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    }
    return merges;
}

std::unique_ptr<Model> bpeModel(const nlohmann::json& model,
                                std::shared_ptr<const Vocabulary> vocabulary,
                                const std::string& context)
{
    BpeOptions options;
    if (const auto unk = optionalString(model, "unk_token", context)) {
        options.unk = vocabulary->find(*unk);
        if (!options.unk)
            throw Error(context + ": unk_token '" + *unk + "' is not in the vocabulary");
    }
    options.fuseUnk = json::boolean(model, "fuse_unk", false, context);
    options.byteFallback = json::boolean(model, "byte_fallback", false, context);
    options.ignoreMerges = json::boolean(model, "ignore_merges", false, context);
    options.continuingSubwordPrefix =
        optionalString(model, "continuing_subword_prefix", context).value_or("");
    options.endOfWordSuffix = optionalString(model, "end_of_word_suffix", context).value_or("");
    // "dropout" only matters when training: tokenisation here is deterministic, as HF's
    // inference with dropout off.
    return Bpe::fromMerges(std::move(vocabulary), readMerges(model, context), std::move(options),
                           context);
}

std::unique_ptr<Model> wordPieceModel(const nlohmann::json& model,
                                      std::shared_ptr<const Vocabulary> vocabulary,
                                      const std::string& context)
{
    const std::string unkName = json::string(model, "unk_token", context);
    const auto unk = vocabulary->find(unkName);
    if (!unk)
        throw Error(context + ": unk_token '" + unkName + "' is not in the vocabulary");
    const auto& maxChars = json::member(model, "max_input_chars_per_word", context, false);
    return std::make_unique<WordPiece>(
        std::move(vocabulary), *unk,
        optionalString(model, "continuing_subword_prefix", context).value_or("##"),
        maxChars.is_null() ? 100 : int(json::integer(maxChars, context)));
}

std::vector<AddedToken> readAddedTokens(const nlohmann::json& document, const std::string& context)
{
    std::vector<AddedToken> tokens;
    const auto& added = json::member(document, "added_tokens", context, false);
    if (added.is_null())
        return tokens;
    for (const auto& spec : json::array(document, "added_tokens", context)) {
        const std::string where = context + " added token " + std::to_string(tokens.size());
        AddedToken token;
        token.id = TokenId(json::integer(json::member(spec, "id", where), where));
        token.content = json::string(spec, "content", where);
        token.special = json::boolean(spec, "special", false, where);
        token.normalized = json::boolean(spec, "normalized", !token.special, where);
        token.lstrip = json::boolean(spec, "lstrip", false, where);
        token.rstrip = json::boolean(spec, "rstrip", false, where);
        token.singleWord = json::boolean(spec, "single_word", false, where);
        tokens.push_back(std::move(token));
    }
    return tokens;
}

// Byte-level vocabularies decode with ByteLevel; SentencePiece-like ones with '▁' and byte pieces.
PieceStyle styleOf(const nlohmann::json& document)
{
    const std::string decoder = document.value("decoder", nlohmann::json()).dump();
    const std::string preTokenizer = document.value("pre_tokenizer", nlohmann::json()).dump();
    if (decoder.find("ByteLevel") != std::string::npos ||
        preTokenizer.find("ByteLevel") != std::string::npos)
        return PieceStyle::ByteLevel;
    if (decoder.find("Metaspace") != std::string::npos ||
        decoder.find("ByteFallback") != std::string::npos ||
        preTokenizer.find("Metaspace") != std::string::npos)
        return PieceStyle::Metaspace;
    return PieceStyle::Plain;
}

} // namespace

std::unique_ptr<Tokenizer> tokenizerFromJson(const nlohmann::json& document,
                                             const TokenizerConfig& config,
                                             std::string_view context)
{
    const std::string where(context);
    const auto& model = json::member(document, "model", where);
    const std::string modelWhere = where + ": model";
    const std::string type =
        model.is_object() && !model.contains("type") && model.contains("merges")
            ? "BPE" // older files leave the BPE model's type out
            : json::string(model, "type", modelWhere);
    if (type != "BPE" && type != "WordPiece")
        throw Error(where + ": model type '" + type +
                    "' is not supported (supported: BPE, WordPiece)");
    std::shared_ptr<const Vocabulary> modelVocabulary = readVocab(model, modelWhere);

    Pipeline p;
    p.model = type == "BPE" ? bpeModel(model, modelVocabulary, modelWhere)
                            : wordPieceModel(model, modelVocabulary, modelWhere);
    p.vocabulary = std::make_shared<Vocabulary>(*modelVocabulary);
    p.addedTokens = readAddedTokens(document, where);
    for (const AddedToken& token : p.addedTokens)
        p.vocabulary->addOverriding(token.content, token.id, where + ": added_tokens");
    p.normalizer = Normalizer::fromJson(json::member(document, "normalizer", where, false),
                                        where + ": normalizer");
    p.preTokenizer = PreTokenizer::fromJson(json::member(document, "pre_tokenizer", where, false),
                                            where + ": pre_tokenizer");
    p.specialTokens = resolveSpecialTokens(config, *p.vocabulary);
    if (config.addBos || config.addEos) {
        wrapWithFlags(config, p.specialTokens, false, false, p.prefix, p.suffix);
    } else {
        Wrapping w = wrappingFromJson(json::member(document, "post_processor", where, false),
                                      where + ": post_processor");
        p.prefix = std::move(w.prefix);
        p.suffix = std::move(w.suffix);
    }
    for (const auto& ids : {p.prefix, p.suffix})
        for (const TokenId id : ids)
            if (!p.vocabulary->contains(id))
                throw Error(where + ": post_processor: token id " + std::to_string(id) +
                            " is not in the vocabulary");
    p.style = styleOf(document);
    return std::make_unique<PipelineTokenizer>(std::move(p));
}

std::unique_ptr<Tokenizer> loadTokenizerJson(const std::filesystem::path& file,
                                             const TokenizerConfig& config)
{
    return tokenizerFromJson(json::readFile(file), config, file.string());
}

} // namespace attnviz::tokenizer
