#include "common/error.h"
#include "tokenizer/bpe.h"
#include "tokenizer/gguf_vocab.h"
#include "tokenizer/pipeline_tokenizer.h"
#include "tokenizer/wordpiece.h"

#include <nlohmann/json.hpp>

namespace attnviz::tokenizer {

namespace {

const std::string kMetaspace = "\xE2\x96\x81"; // U+2581 '▁'

// Messages start with the file when the caller named it.
std::string contextOf(const GgufVocab& v)
{
    return v.source.empty() ? "GGUF tokenizer" : v.source;
}

std::int32_t typeOf(const GgufVocab& v, std::size_t id)
{
    return v.tokenTypes.empty() ? GgufVocab::Normal : v.tokenTypes[id];
}

void checkShape(const GgufVocab& v)
{
    if (v.tokens.empty())
        throw Error(contextOf(v) + ": tokenizer.ggml.tokens is empty");
    if (v.tokens.size() > std::size_t(kMaxTokenId))
        throw Error(contextOf(v) + ": " + std::to_string(v.tokens.size()) + " tokens is too many");
    if (!v.scores.empty() && v.scores.size() != v.tokens.size())
        throw Error(contextOf(v) + ": tokenizer.ggml.scores has " +
                    std::to_string(v.scores.size()) + " entries for " +
                    std::to_string(v.tokens.size()) + " tokens");
    if (!v.tokenTypes.empty() && v.tokenTypes.size() != v.tokens.size())
        throw Error(contextOf(v) + ": tokenizer.ggml.token_type has " +
                    std::to_string(v.tokenTypes.size()) + " entries for " +
                    std::to_string(v.tokens.size()) + " tokens");
    for (const auto& id : {v.bos, v.eos, v.unk, v.pad, v.sep, v.cls, v.mask})
        if (id && std::size_t(*id) >= v.tokens.size())
            throw Error(contextOf(v) + ": special token id " + std::to_string(*id) +
                        " is outside the vocabulary of " + std::to_string(v.tokens.size()));
}

// llama.cpp's converter writes BERT's "##ing" as "ing" and a word start "the" as "▁the"; this
// gives back the WordPiece vocabulary HF's tokenizer uses.
std::string wordPieceForm(const std::string& token, std::int32_t type)
{
    if (type == GgufVocab::Control || type == GgufVocab::Unknown ||
        (token.size() > 1 && token.front() == '[' && token.back() == ']'))
        return token;
    if (token.rfind(kMetaspace, 0) == 0)
        return token.substr(kMetaspace.size());
    return "##" + token;
}

PreTokenizer gpt2PreTokenizer(const GgufVocab& v)
{
    const std::string& pre = v.pre;
    if (pre.empty() || pre == "default" || pre == "gpt-2" || pre == "gpt2")
        return PreTokenizer::byteLevel(false, kGpt2Pattern);
    if (pre == "qwen2")
        return PreTokenizer::byteLevel(false, kQwen2Pattern);
    if (pre == "llama3" || pre == "llama-bpe")
        return PreTokenizer::byteLevel(false, kLlama3Pattern);
    if (pre == "smollm")
        return PreTokenizer::fromJson(
            {{"type", "Sequence"},
             {"pretokenizers",
              {{{"type", "Digits"}, {"individual_digits", true}},
               {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}}}},
            contextOf(v));
    throw Error(contextOf(v) + ": tokenizer.ggml.pre '" + pre +
                "' is not supported (supported: default, gpt-2, qwen2, llama3, llama-bpe, smollm)");
}

// The tokens encode(text, true) puts around the text: add_bos_token / add_eos_token decide.
void wrap(bool addFirst, std::optional<TokenId> first, bool addLast, std::optional<TokenId> last,
          Pipeline& p)
{
    if (addFirst && first)
        p.prefix = {*first};
    if (addLast && last)
        p.suffix = {*last};
}

void buildLlama(const GgufVocab& v, Pipeline& p)
{
    // Not libsentencepiece: it loads only a serialised ModelProto, which would have to be written
    // in protobuf's wire format by hand, with a normaliser spec the GGUF does not store (llama.cpp
    // assumes identity plus the dummy prefix). SentencePiece's BPE is one small rule: merge the
    // adjacent pair whose concatenation is a piece of the best score, leftmost on ties, then
    // bytes for what is no piece. Bpe::fromScores runs it on the heap HF's BPE uses; the tests
    // hold it to libsentencepiece on stories260K's vocabulary.
    if (v.scores.empty())
        throw Error(contextOf(v) + ": the llama tokenizer needs tokenizer.ggml.scores");
    // SentencePiece merges into normal, user-defined and unused pieces only.
    std::vector<bool> mergeable(v.tokens.size());
    for (std::size_t id = 0; id < v.tokens.size(); ++id) {
        const auto type = typeOf(v, id);
        mergeable[id] = type == GgufVocab::Normal || type == GgufVocab::UserDefined ||
                        type == GgufVocab::Unused;
    }
    BpeOptions options;
    options.unk = v.unk;
    options.fuseUnk = true;
    options.byteFallback = true;
    p.model = Bpe::fromScores(p.vocabulary, v.scores, mergeable, options);
    nlohmann::json steps = nlohmann::json::array();
    if (v.addSpacePrefix.value_or(true))
        steps.push_back({{"type", "Prepend"}, {"prepend", kMetaspace}});
    steps.push_back({{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", kMetaspace}});
    p.normalizer =
        Normalizer::fromJson({{"type", "Sequence"}, {"normalizers", steps}}, contextOf(v));
    wrap(v.addBos.value_or(true), v.bos, v.addEos.value_or(false), v.eos, p);
    p.style = PieceStyle::Metaspace;
}

void buildGpt2(const GgufVocab& v, Pipeline& p)
{
    std::vector<std::pair<std::string, std::string>> merges;
    for (const std::string& merge : v.merges) {
        const auto space = merge.find(' ');
        if (space == std::string::npos)
            throw Error(contextOf(v) + ": merge '" + merge + "' is not \"left right\"");
        merges.emplace_back(merge.substr(0, space), merge.substr(space + 1));
    }
    BpeOptions options;
    options.ignoreMerges = v.pre == "llama3" || v.pre == "llama-bpe";
    p.model = Bpe::fromMerges(p.vocabulary, merges, options, contextOf(v));
    if (v.pre == "qwen2")
        p.normalizer = Normalizer::fromJson({{"type", "NFC"}}, contextOf(v));
    p.preTokenizer = gpt2PreTokenizer(v);
    wrap(v.addBos.value_or(false), v.bos, v.addEos.value_or(false), v.eos, p);
    p.style = PieceStyle::ByteLevel;
}

void buildBert(const GgufVocab& v, Pipeline& p)
{
    if (!v.unk)
        throw Error(contextOf(v) + ": the bert tokenizer needs tokenizer.ggml.unknown_token_id");
    p.model = std::make_unique<WordPiece>(p.vocabulary, *v.unk);
    p.normalizer = Normalizer::bert(true, true, true, true);
    p.preTokenizer = PreTokenizer::bert();
    wrap(v.addBos.value_or(true), v.cls ? v.cls : v.bos, v.addEos.value_or(true),
         v.sep ? v.sep : v.eos, p);
    p.style = PieceStyle::Plain;
}

} // namespace

std::unique_ptr<Tokenizer> tokenizerFromGguf(const GgufVocab& vocab)
{
    GgufVocab v = vocab;
    for (auto* id : {&v.bos, &v.eos, &v.unk, &v.pad, &v.sep, &v.cls, &v.mask})
        if (*id && **id < 0)
            id->reset(); // llama.cpp writes -1 for "none"
    checkShape(v);
    if (v.model != "llama" && v.model != "gpt2" && v.model != "bert")
        throw Error(contextOf(v) + ": tokenizer.ggml.model '" + v.model +
                    "' is not supported (supported: llama, gpt2, bert)");
    Pipeline p;
    auto vocabulary = std::make_shared<Vocabulary>();
    for (std::size_t id = 0; id < v.tokens.size(); ++id) {
        const auto type = typeOf(v, id);
        const std::string piece =
            v.model == "bert" ? wordPieceForm(v.tokens[id], type) : v.tokens[id];
        vocabulary->add(piece, TokenId(id), contextOf(v));
        if (type == GgufVocab::Control || type == GgufVocab::Unknown ||
            type == GgufVocab::UserDefined) {
            AddedToken token;
            token.content = piece;
            token.id = TokenId(id);
            token.special = type != GgufVocab::UserDefined;
            p.addedTokens.push_back(token);
            if (token.special)
                p.controlTokens.push_back(token.id);
        }
    }
    p.vocabulary = vocabulary;
    p.specialTokens = {v.bos, v.eos, v.unk, v.pad, v.cls, v.sep, v.mask};
    if (v.model == "llama")
        buildLlama(v, p);
    else if (v.model == "gpt2")
        buildGpt2(v, p);
    else
        buildBert(v, p);
    return std::make_unique<PipelineTokenizer>(std::move(p));
}

} // namespace attnviz::tokenizer
