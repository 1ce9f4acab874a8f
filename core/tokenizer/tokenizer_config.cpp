#include "tokenizer/tokenizer_config.h"

#include "common/error.h"
#include "tokenizer/json_fields.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

const char* const kSpecialKeys[] = {"bos_token", "eos_token", "unk_token", "pad_token",
                                    "cls_token", "sep_token", "mask_token"};

// A special token is written "text", {"content": "text", ...} (an AddedToken) or null.
std::optional<std::string> tokenText(const nlohmann::json& value, const std::string& context)
{
    if (value.is_null())
        return std::nullopt;
    if (value.is_string())
        return value.get<std::string>();
    return json::string(value, "content", context);
}

std::optional<bool> optionalFlag(const nlohmann::json& spec, std::string_view key,
                                 std::string_view context)
{
    if (json::member(spec, key, context, false).is_null())
        return std::nullopt;
    return json::boolean(spec, key, false, context);
}

AddedToken addedTokenFrom(const nlohmann::json& spec, TokenId id, std::string_view context)
{
    AddedToken token;
    token.id = id;
    token.content = json::string(spec, "content", context);
    token.special = json::boolean(spec, "special", false, context);
    token.normalized = json::boolean(spec, "normalized", !token.special, context);
    token.lstrip = json::boolean(spec, "lstrip", false, context);
    token.rstrip = json::boolean(spec, "rstrip", false, context);
    token.singleWord = json::boolean(spec, "single_word", false, context);
    return token;
}

void readModelType(const std::filesystem::path& file, TokenizerConfig& config)
{
    if (!std::filesystem::exists(file))
        return;
    const nlohmann::json document = json::readFile(file);
    if (const auto& type = json::member(document, "model_type", file.string(), false);
        type.is_string())
        config.modelType = type.get<std::string>();
}

} // namespace

TokenizerConfig readTokenizerConfig(const std::filesystem::path& folder)
{
    TokenizerConfig config;
    readModelType(folder / "config.json", config);
    const std::filesystem::path file = folder / "tokenizer_config.json";
    if (!std::filesystem::exists(file))
        return config;
    const nlohmann::json document = json::readFile(file);
    const std::string context = file.string();
    for (const char* key : kSpecialKeys) {
        const auto it = document.is_object() ? document.find(key) : document.end();
        if (it != document.end())
            config.specialNames[key] = tokenText(*it, context + ": " + key);
    }
    config.addBos = optionalFlag(document, "add_bos_token", context);
    config.addEos = optionalFlag(document, "add_eos_token", context);
    config.addPrefixSpace = optionalFlag(document, "add_prefix_space", context);
    config.lowercase = optionalFlag(document, "do_lower_case", context);
    config.stripAccents = optionalFlag(document, "strip_accents", context);
    config.chineseChars = optionalFlag(document, "tokenize_chinese_chars", context);
    if (const auto& c = json::member(document, "tokenizer_class", context, false); c.is_string())
        config.tokenizerClass = c.get<std::string>();
    const auto& decoder = json::member(document, "added_tokens_decoder", context, false);
    if (decoder.is_object())
        for (const auto& [key, spec] : decoder.items()) {
            const std::string where = context + ": added_tokens_decoder " + key;
            TokenId id = -1;
            try {
                id = std::stoi(key);
            } catch (const std::exception&) {
                throw Error(where + ": the key must be a token id");
            }
            config.addedTokens.push_back(addedTokenFrom(spec, id, where));
        }
    return config;
}

SpecialTokens resolveSpecialTokens(const TokenizerConfig& config, const Vocabulary& vocabulary)
{
    static const std::map<std::string, std::vector<std::string>> conventional = {
        {"bos_token", {"<s>", "<|begin_of_text|>", "<|endoftext|>"}},
        {"eos_token", {"</s>", "<|end_of_text|>", "<|endoftext|>"}},
        {"unk_token", {"<unk>", "[UNK]", "<|endoftext|>"}},
        {"pad_token", {"<pad>", "[PAD]"}},
        {"cls_token", {"[CLS]"}},
        {"sep_token", {"[SEP]"}},
        {"mask_token", {"[MASK]", "<mask>"}},
    };
    auto resolve = [&](const std::string& key) -> std::optional<TokenId> {
        if (const auto it = config.specialNames.find(key); it != config.specialNames.end())
            return it->second ? vocabulary.find(*it->second) : std::nullopt;
        for (const std::string& name : conventional.at(key))
            if (const auto id = vocabulary.find(name))
                return id;
        return std::nullopt;
    };
    SpecialTokens s;
    s.bos = resolve("bos_token");
    s.eos = resolve("eos_token");
    s.unk = resolve("unk_token");
    s.pad = resolve("pad_token");
    s.cls = resolve("cls_token");
    s.sep = resolve("sep_token");
    s.mask = resolve("mask_token");
    return s;
}

std::vector<AddedToken> configAddedTokens(const TokenizerConfig& config,
                                          const SpecialTokens& specials,
                                          const Vocabulary& vocabulary)
{
    std::vector<AddedToken> tokens = config.addedTokens;
    for (const auto& id : {specials.bos, specials.eos, specials.unk, specials.pad, specials.cls,
                           specials.sep, specials.mask}) {
        if (!id || std::any_of(tokens.begin(), tokens.end(),
                               [&](const AddedToken& t) { return t.id == *id; }))
            continue;
        AddedToken token;
        token.id = *id;
        token.content = vocabulary.piece(*id);
        token.special = true;
        tokens.push_back(token);
    }
    return tokens;
}

void wrapWithFlags(const TokenizerConfig& config, const SpecialTokens& specials, bool defaultBos,
                   bool defaultEos, std::vector<TokenId>& prefix, std::vector<TokenId>& suffix)
{
    prefix.clear();
    suffix.clear();
    if (config.addBos.value_or(defaultBos) && specials.bos)
        prefix.push_back(*specials.bos);
    if (config.addEos.value_or(defaultEos) && specials.eos)
        suffix.push_back(*specials.eos);
}

} // namespace attnviz::tokenizer
