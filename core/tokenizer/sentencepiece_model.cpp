#include "tokenizer/sentencepiece_model.h"

#include "common/error.h"
#include "tokenizer/pipeline_tokenizer.h"

#include <sentencepiece_processor.h>

namespace attnviz::tokenizer {

namespace {

class SentencePieceModel : public Model {
public:
    explicit SentencePieceModel(std::shared_ptr<const sentencepiece::SentencePieceProcessor> sp)
        : m_sp(std::move(sp))
    {
    }

    void tokenize(std::string_view word, std::vector<TokenId>& out) const override
    {
        std::vector<int> ids;
        if (const auto status = m_sp->Encode(word, &ids); !status.ok())
            throw Error("SentencePiece: " + status.ToString());
        out.insert(out.end(), ids.begin(), ids.end());
    }

private:
    std::shared_ptr<const sentencepiece::SentencePieceProcessor> m_sp;
};

std::optional<TokenId> idOrNone(int id)
{
    return id >= 0 ? std::optional<TokenId>(id) : std::nullopt;
}

} // namespace

std::unique_ptr<Tokenizer> loadSentencePiece(const std::filesystem::path& file,
                                             const TokenizerConfig& config)
{
    auto sp = std::make_shared<sentencepiece::SentencePieceProcessor>();
    if (const auto status = sp->Load(file.string()); !status.ok())
        throw Error(file.string() + ": not a SentencePiece model (" + status.ToString() + ")");

    Pipeline p;
    p.vocabulary = std::make_shared<Vocabulary>();
    for (int id = 0; id < sp->GetPieceSize(); ++id) {
        p.vocabulary->add(sp->IdToPiece(id), id, file.string());
        if (sp->IsControl(id) || sp->IsUnknown(id))
            p.controlTokens.push_back(id);
    }
    for (const AddedToken& token : config.addedTokens)
        p.vocabulary->addOverriding(token.content, token.id, file.string());

    // The model's own ids where tokenizer_config.json names none.
    p.specialTokens = resolveSpecialTokens(config, *p.vocabulary);
    auto fromModel = [&](const char* key, std::optional<TokenId>& id, int modelId) {
        if (!config.specialNames.count(key))
            id = idOrNone(modelId);
    };
    fromModel("bos_token", p.specialTokens.bos, sp->bos_id());
    fromModel("eos_token", p.specialTokens.eos, sp->eos_id());
    fromModel("unk_token", p.specialTokens.unk, sp->unk_id());
    fromModel("pad_token", p.specialTokens.pad, sp->pad_id());

    p.addedTokens = configAddedTokens(config, p.specialTokens, *p.vocabulary);
    for (AddedToken& token : p.addedTokens)
        token.normalized = false; // SentencePiece normalises inside Encode, after the split
    const bool t5 = config.modelType == "t5";
    wrapWithFlags(config, p.specialTokens, !t5, t5, p.prefix, p.suffix);
    p.model = std::make_unique<SentencePieceModel>(std::move(sp));
    p.style = PieceStyle::Metaspace;
    return std::make_unique<PipelineTokenizer>(std::move(p));
}

} // namespace attnviz::tokenizer
