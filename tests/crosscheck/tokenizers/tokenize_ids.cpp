// Prints the ids our tokenizers give for a list of strings, for the cross-check scripts to compare
// with reference tokenizers. Usage:
//   attnviz_tokenize_ids (--folder DIR | --gguf-vocab FILE.json) [--add-special] STRINGS.json
// STRINGS.json is a JSON array of strings; stdout is a JSON array with, per string, its ids or
// {"error": message}. --gguf-vocab reads a GgufVocab written as JSON by the scripts (the keys of
// tokenizer.ggml.*), so the GGUF tokenizer is checked without a GGUF reader.
#include "common/error.h"
#include "tokenizer/gguf_vocab.h"
#include "tokenizer/load_tokenizer.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace {

using namespace attnviz::tokenizer;

template <typename T> void read(const nlohmann::json& j, const char* key, T& out)
{
    if (j.contains(key) && !j[key].is_null())
        out = j[key].get<T>();
}

template <typename T> void read(const nlohmann::json& j, const char* key, std::optional<T>& out)
{
    if (j.contains(key) && !j[key].is_null())
        out = j[key].get<T>();
}

std::unique_ptr<Tokenizer> ggufTokenizer(const std::string& file)
{
    std::ifstream in(file);
    const nlohmann::json j = nlohmann::json::parse(in);
    GgufVocab v;
    read(j, "model", v.model);
    read(j, "pre", v.pre);
    read(j, "tokens", v.tokens);
    read(j, "scores", v.scores);
    read(j, "token_type", v.tokenTypes);
    read(j, "merges", v.merges);
    read(j, "bos_token_id", v.bos);
    read(j, "eos_token_id", v.eos);
    read(j, "unknown_token_id", v.unk);
    read(j, "padding_token_id", v.pad);
    read(j, "seperator_token_id", v.sep);
    read(j, "cls_token_id", v.cls);
    read(j, "mask_token_id", v.mask);
    read(j, "add_bos_token", v.addBos);
    read(j, "add_eos_token", v.addEos);
    read(j, "add_space_prefix", v.addSpacePrefix);
    return tokenizerFromGguf(v);
}

} // namespace

int main(int argc, char** argv)
{
    std::string folder, gguf, strings;
    bool addSpecial = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--folder" && i + 1 < argc)
            folder = argv[++i];
        else if (arg == "--gguf-vocab" && i + 1 < argc)
            gguf = argv[++i];
        else if (arg == "--add-special")
            addSpecial = true;
        else
            strings = arg;
    }
    if ((folder.empty() == gguf.empty()) || strings.empty()) {
        std::cerr << "usage: attnviz_tokenize_ids (--folder DIR | --gguf-vocab FILE.json) "
                     "[--add-special] STRINGS.json\n";
        return 2;
    }
    try {
        const auto tokenizer = folder.empty() ? ggufTokenizer(gguf) : loadTokenizer(folder);
        std::ifstream in(strings);
        const nlohmann::json texts = nlohmann::json::parse(in);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& text : texts) {
            try {
                out.push_back(tokenizer->encode(text.get<std::string>(), addSpecial));
            } catch (const attnviz::Error& e) {
                out.push_back({{"error", e.what()}});
            }
        }
        std::cout << out.dump() << '\n';
    } catch (const std::exception& e) {
        std::cerr << e.what() << '\n';
        return 2;
    }
    return 0;
}
