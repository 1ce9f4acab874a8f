#include "model/model.h"

#include "common/error.h"
#include "io/gguf.h"
#include "io/safetensors_weights.h"
#include "io/strict_json.h"
#include "tokenizer/gguf_file_vocab.h"
#include "tokenizer/load_tokenizer.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace attnviz::model {

namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot read file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool hasTokenizerFiles(const fs::path& folder)
{
    for (const char* name :
         {"tokenizer.json", "tokenizer.model", "vocab.json", "encoder.json", "vocab.txt"})
        if (fs::exists(folder / name))
            return true;
    return false;
}

void openFolder(const fs::path& folder, Model& m)
{
    const fs::path configPath = folder / "config.json";
    if (!fs::exists(configPath))
        throw Error(folder.string() + ": no config.json (a model folder needs one)");
    m.config = configFromJson(io::parseStrictJson(readText(configPath), configPath.string()),
                              configPath.string());
    m.format = "safetensors";
    m.file = std::make_unique<io::SafetensorsWeights>(folder.string());
    m.weights = bindWeights(m.config, *m.file, false);
    if (hasTokenizerFiles(folder))
        m.tokenizer = tokenizer::loadTokenizer(folder);
}

void openGguf(const fs::path& path, Model& m)
{
    auto file = std::make_unique<io::GgufFile>(path.string());
    m.config = configFromGguf(*file);
    m.format = "gguf";
    m.weights = bindWeights(m.config, *file, true);
    m.tokenizer = tokenizer::tokenizerFromGguf(tokenizer::readGgufVocab(*file));
    m.file = std::move(file);
}

} // namespace

std::uint64_t Model::weightBytes() const
{
    std::uint64_t bytes = 0;
    for (const io::WeightView& t : file->tensors())
        bytes += t.bytes;
    return bytes;
}

std::int64_t Model::parameters() const
{
    std::int64_t n = 0;
    for (const io::WeightView& t : file->tensors())
        n += t.rows() * t.cols();
    return n;
}

std::unique_ptr<Model> openModel(const fs::path& path)
{
    auto m = std::make_unique<Model>();
    m->source = path.string();
    if (fs::is_directory(path))
        openFolder(path, *m);
    else if (path.extension() == ".gguf")
        openGguf(path, *m);
    else if (!fs::exists(path))
        throw Error(path.string() + ": no such file or folder");
    else
        throw Error(path.string() + ": not a model folder or a .gguf file");
    if (m->tokenizer && m->tokenizer->vocabSize() > m->config.vocab)
        throw Error(m->source + ": the tokenizer has " + std::to_string(m->tokenizer->vocabSize()) +
                    " tokens, the model only " + std::to_string(m->config.vocab));
    return m;
}

} // namespace attnviz::model
