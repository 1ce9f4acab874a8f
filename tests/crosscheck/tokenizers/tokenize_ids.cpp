// Prints the ids our tokenizers give for a list of strings, for the cross-check scripts to compare
// with reference tokenizers. Usage:
//   attnviz_tokenize_ids (--folder DIR | --gguf FILE.gguf) [--add-special] STRINGS.json
// STRINGS.json is a JSON array of strings; stdout is a JSON array with, per string, its ids or
// {"error": message}.
#include "common/error.h"
#include "io/gguf.h"
#include "tokenizer/gguf_file_vocab.h"
#include "tokenizer/load_tokenizer.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

using namespace attnviz::tokenizer;

int main(int argc, char** argv)
{
    std::string folder, gguf, strings;
    bool addSpecial = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--folder" && i + 1 < argc)
            folder = argv[++i];
        else if (arg == "--gguf" && i + 1 < argc)
            gguf = argv[++i];
        else if (arg == "--add-special")
            addSpecial = true;
        else
            strings = arg;
    }
    if ((folder.empty() == gguf.empty()) || strings.empty()) {
        std::cerr << "usage: attnviz_tokenize_ids (--folder DIR | --gguf FILE.gguf) "
                     "[--add-special] STRINGS.json\n";
        return 2;
    }
    try {
        const auto tokenizer = folder.empty()
                                   ? tokenizerFromGguf(readGgufVocab(attnviz::io::GgufFile(gguf)))
                                   : loadTokenizer(folder);
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
