#include "tokenizer/pipeline_tokenizer.h"

#include "tokenizer/unicode.h"

#include <stdexcept>

namespace attnviz::tokenizer {

PipelineTokenizer::PipelineTokenizer(Pipeline pipeline)
    : m_pipeline(std::move(pipeline))
{
    m_special.assign(std::size_t(m_pipeline.vocabulary->size()), false);
    for (const AddedToken& token : m_pipeline.addedTokens) {
        if (token.normalized)
            m_normalizedTokens.add(token, m_pipeline.normalizer(token.content));
        else
            m_rawTokens.add(token, token.content);
        if (token.special && token.id < int(m_special.size()))
            m_special[std::size_t(token.id)] = true;
    }
    const SpecialTokens& s = m_pipeline.specialTokens;
    std::vector<TokenId> special = m_pipeline.controlTokens;
    for (const auto& id : {s.bos, s.eos, s.unk, s.pad, s.cls, s.sep, s.mask})
        if (id)
            special.push_back(*id);
    for (const TokenId id : special)
        if (id >= 0 && id < int(m_special.size()))
            m_special[std::size_t(id)] = true;
}

std::vector<TokenId> PipelineTokenizer::encode(std::string_view text, bool addSpecialTokens) const
{
    unicode::requireUtf8(text, "text");
    std::vector<TokenId> ids;
    if (addSpecialTokens)
        ids = m_pipeline.prefix;
    for (Segment& segment : m_rawTokens.split(text)) {
        if (segment.token) {
            ids.push_back(*segment.token);
            continue;
        }
        const bool atStart = segment.offset == 0;
        std::string normalized = m_pipeline.normalizer(std::move(segment.text));
        if (m_normalizedTokens.empty()) {
            encodeText(std::move(normalized), atStart, ids);
            continue;
        }
        for (Segment& inner : m_normalizedTokens.split(normalized)) {
            if (inner.token)
                ids.push_back(*inner.token);
            else
                encodeText(std::move(inner.text), atStart && inner.offset == 0, ids);
        }
    }
    if (addSpecialTokens)
        ids.insert(ids.end(), m_pipeline.suffix.begin(), m_pipeline.suffix.end());
    return ids;
}

void PipelineTokenizer::encodeText(std::string text, bool atStart, std::vector<TokenId>& out) const
{
    for (const Piece& word : m_pipeline.preTokenizer({std::move(text), atStart}))
        m_pipeline.model->tokenize(word.text, out);
}

int PipelineTokenizer::vocabSize() const
{
    return m_pipeline.vocabulary->size();
}

std::string PipelineTokenizer::piece(TokenId id) const
{
    if (id < 0 || id >= vocabSize())
        throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary");
    return m_pipeline.vocabulary->piece(id);
}

std::string PipelineTokenizer::display(TokenId id) const
{
    return isSpecial(id) ? piece(id) : displayPiece(piece(id), m_pipeline.style);
}

bool PipelineTokenizer::isSpecial(TokenId id) const
{
    return id >= 0 && id < int(m_special.size()) && m_special[std::size_t(id)];
}

const SpecialTokens& PipelineTokenizer::specialTokens() const
{
    return m_pipeline.specialTokens;
}

} // namespace attnviz::tokenizer
