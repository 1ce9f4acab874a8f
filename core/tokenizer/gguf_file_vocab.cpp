#include "tokenizer/gguf_file_vocab.h"

#include "io/gguf.h"

#include <limits>

namespace attnviz::tokenizer {

namespace {

std::string key(const char* name)
{
    return std::string("tokenizer.ggml.") + name;
}

std::vector<std::string> strings(const io::GgufFile& file, const char* name)
{
    std::vector<std::string> result;
    if (file.has(key(name)))
        for (const std::string_view s : file.strings(key(name)))
            result.emplace_back(s);
    return result;
}

void readId(const io::GgufFile& file, const char* name, std::optional<TokenId>& id)
{
    if (!file.has(key(name)))
        return;
    const std::int64_t value = file.integer(key(name));
    if (value >= 0 && value <= std::numeric_limits<TokenId>::max())
        id = TokenId(value); // -1 and 0xFFFFFFFF are llama.cpp's "none"
}

void readFlag(const io::GgufFile& file, const char* name, std::optional<bool>& flag)
{
    if (file.has(key(name)))
        flag = file.boolean(key(name));
}

} // namespace

GgufVocab readGgufVocab(const io::GgufFile& file)
{
    GgufVocab v;
    v.source = file.source();
    v.model = std::string(file.string(key("model")));
    if (file.has(key("pre")))
        v.pre = std::string(file.string(key("pre")));
    v.tokens = strings(file, "tokens");
    if (file.has(key("scores")))
        for (const double score : file.reals(key("scores")))
            v.scores.push_back(float(score));
    if (file.has(key("token_type")))
        for (const std::int64_t type : file.integers(key("token_type")))
            v.tokenTypes.push_back(std::int32_t(type));
    v.merges = strings(file, "merges");
    readId(file, "bos_token_id", v.bos);
    readId(file, "eos_token_id", v.eos);
    readId(file, "unknown_token_id", v.unk);
    readId(file, "padding_token_id", v.pad);
    readId(file, "seperator_token_id", v.sep); // sic: llama.cpp's spelling
    readId(file, "cls_token_id", v.cls);
    readId(file, "mask_token_id", v.mask);
    readFlag(file, "add_bos_token", v.addBos);
    readFlag(file, "add_eos_token", v.addEos);
    readFlag(file, "add_space_prefix", v.addSpacePrefix);
    return v;
}

} // namespace attnviz::tokenizer
