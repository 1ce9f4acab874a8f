#pragma once

// Small synthetic tokenizer files for the tokenizer suites: a tokenizer.json is built as JSON
// in the test, written to a temporary folder and loaded the way users' files are.

#include "common/error.h"
#include "tokenizer/load_tokenizer.h"

#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tokenizertest {

using attnviz::tokenizer::TokenId;
using Ids = std::vector<TokenId>;

inline void writeFile(const QTemporaryDir& dir, const std::string& name, const std::string& text)
{
    std::ofstream(dir.filePath(QString::fromStdString(name)).toStdString(), std::ios::binary)
        << text;
}

// A BPE model over single characters (ids in the order given) with the given merges.
inline nlohmann::json bpeModel(const std::vector<std::string>& pieces,
                               const std::vector<std::string>& merges = {})
{
    nlohmann::json vocab = nlohmann::json::object();
    for (std::size_t i = 0; i < pieces.size(); ++i)
        vocab[pieces[i]] = i;
    return {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}};
}

inline nlohmann::json addedToken(TokenId id, const std::string& content, bool special = true)
{
    return {
        {"id", id},        {"content", content}, {"special", special},  {"normalized", !special},
        {"lstrip", false}, {"rstrip", false},    {"single_word", false}};
}

// A tokenizer.json document with no normaliser, pre-tokenizer or post-processor.
inline nlohmann::json document(nlohmann::json model)
{
    return {{"model", std::move(model)}, {"added_tokens", nlohmann::json::array()},
            {"normalizer", nullptr},     {"pre_tokenizer", nullptr},
            {"post_processor", nullptr}, {"decoder", nullptr}};
}

inline std::unique_ptr<attnviz::tokenizer::Tokenizer> load(const nlohmann::json& tokenizerJson,
                                                           const nlohmann::json& config = nullptr)
{
    QTemporaryDir dir;
    writeFile(dir, "tokenizer.json", tokenizerJson.dump());
    if (!config.is_null())
        writeFile(dir, "tokenizer_config.json", config.dump());
    return attnviz::tokenizer::loadTokenizer(dir.path().toStdString());
}

// The message of the attnviz::Error `f` throws, or an empty string when it succeeds.
template <typename F> QString errorOf(F&& f)
{
    try {
        f();
    } catch (const attnviz::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace tokenizertest

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(tokenizertest::Ids)
