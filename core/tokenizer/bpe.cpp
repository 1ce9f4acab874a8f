#include "tokenizer/bpe.h"

#include "common/error.h"
#include "tokenizer/unicode.h"

#include <algorithm>
#include <numeric>
#include <queue>

namespace attnviz::tokenizer {

struct Bpe::Symbol {
    int prev = -1;
    int next = -1;
    std::size_t begin = 0; // bytes of the word this symbol covers
    std::size_t end = 0;
    TokenId id = -1;      // -1: not a piece (by-score merging only)
    unsigned version = 0; // bumped by each merge into this symbol
    bool alive = true;
};

struct Bpe::Candidate {
    std::int64_t rank = 0;
    int left = 0;
    int right = 0;
    TokenId merged = 0;
    unsigned leftVersion = 0; // the pair is stale once either side has merged since
    unsigned rightVersion = 0;
    bool operator>(const Candidate& other) const
    {
        return rank != other.rank ? rank > other.rank : left > other.left;
    }
};

namespace {

std::uint64_t pairKey(TokenId left, TokenId right)
{
    return (std::uint64_t(std::uint32_t(left)) << 32) | std::uint32_t(right);
}

} // namespace

Bpe::Bpe(std::shared_ptr<const Vocabulary> vocabulary, BpeOptions options)
    : m_vocabulary(std::move(vocabulary))
    , m_options(std::move(options))
{
}

std::unique_ptr<Bpe> Bpe::fromMerges(std::shared_ptr<const Vocabulary> vocabulary,
                                     const std::vector<std::pair<std::string, std::string>>& merges,
                                     BpeOptions options, std::string_view context)
{
    std::unique_ptr<Bpe> bpe(new Bpe(std::move(vocabulary), std::move(options)));
    bpe->m_merges.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [left, right] = merges[rank];
        const auto leftId = bpe->m_vocabulary->find(left);
        const auto rightId = bpe->m_vocabulary->find(right);
        const auto merged = bpe->m_vocabulary->find(left + right);
        if (!leftId || !rightId || !merged)
            throw Error(std::string(context) + ": merge " + std::to_string(rank) + " ('" + left +
                        "' '" + right + "') uses a piece that is not in the vocabulary");
        // The first rank of a pair listed twice wins, as in HF.
        bpe->m_merges.try_emplace(pairKey(*leftId, *rightId), std::uint32_t(rank), *merged);
    }
    return bpe;
}

std::unique_ptr<Bpe> Bpe::fromScores(std::shared_ptr<const Vocabulary> vocabulary,
                                     const std::vector<float>& scores,
                                     const std::vector<bool>& mergeable, BpeOptions options)
{
    std::unique_ptr<Bpe> bpe(new Bpe(std::move(vocabulary), std::move(options)));
    bpe->m_byScore = true;
    std::vector<TokenId> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](TokenId a, TokenId b) {
        return scores[std::size_t(a)] > scores[std::size_t(b)];
    });
    bpe->m_scoreRank.assign(scores.size(), -1);
    std::int64_t rank = -1;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto id = std::size_t(order[i]);
        if (i == 0 || scores[id] != scores[std::size_t(order[i - 1])])
            ++rank; // equal scores tie, and ties go to the leftmost pair as in SentencePiece
        if (id < mergeable.size() && mergeable[id])
            bpe->m_scoreRank[id] = rank;
    }
    return bpe;
}

std::vector<Bpe::Symbol> Bpe::initialSymbols(std::string_view word) const
{
    std::vector<Symbol> symbols;
    symbols.reserve(word.size());
    auto push = [&](std::size_t begin, std::size_t end, TokenId id) {
        Symbol symbol;
        symbol.begin = begin;
        symbol.end = end;
        symbol.id = id;
        symbols.push_back(symbol);
    };
    std::optional<Symbol> pendingUnk;
    auto flushUnk = [&] {
        if (pendingUnk)
            push(pendingUnk->begin, pendingUnk->end, pendingUnk->id);
        pendingUnk.reset();
    };
    std::string key;
    unicode::forEachCodePoint(word, [&](char32_t, std::size_t offset, std::size_t length) {
        const std::string_view character = word.substr(offset, length);
        if (m_byScore) {
            push(offset, offset + length, m_vocabulary->find(character).value_or(-1));
            return;
        }
        key.clear();
        if (offset > 0)
            key += m_options.continuingSubwordPrefix;
        key += character;
        if (offset + length == word.size())
            key += m_options.endOfWordSuffix;
        if (const auto id = m_vocabulary->find(key)) {
            flushUnk();
            push(offset, offset + length, *id);
            return;
        }
        if (const auto bytes = bytePieces(key)) {
            for (const TokenId id : *bytes)
                push(offset, offset + length, id);
            return;
        }
        if (!m_options.unk)
            return; // HF drops a character it can neither find nor replace
        if (pendingUnk && m_options.fuseUnk) {
            pendingUnk->end = offset + length;
            return;
        }
        flushUnk();
        pendingUnk = Symbol{};
        pendingUnk->begin = offset;
        pendingUnk->end = offset + length;
        pendingUnk->id = *m_options.unk;
    });
    flushUnk();
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        symbols[i].prev = int(i) - 1;
        symbols[i].next = i + 1 < symbols.size() ? int(i) + 1 : -1;
    }
    return symbols;
}

std::optional<Bpe::Candidate> Bpe::candidate(std::string_view word,
                                             const std::vector<Symbol>& symbols, int left) const
{
    const Symbol& l = symbols[std::size_t(left)];
    if (l.next < 0)
        return std::nullopt;
    const Symbol& r = symbols[std::size_t(l.next)];
    Candidate c{0, left, l.next, 0, l.version, r.version};
    if (m_byScore) {
        const auto merged = m_vocabulary->find(word.substr(l.begin, r.end - l.begin));
        if (!merged || std::size_t(*merged) >= m_scoreRank.size() ||
            m_scoreRank[std::size_t(*merged)] < 0)
            return std::nullopt;
        c.rank = m_scoreRank[std::size_t(*merged)];
        c.merged = *merged;
        return c;
    }
    if (l.id < 0 || r.id < 0)
        return std::nullopt;
    const auto it = m_merges.find(pairKey(l.id, r.id));
    if (it == m_merges.end())
        return std::nullopt;
    c.rank = it->second.first;
    c.merged = it->second.second;
    return c;
}

void Bpe::tokenize(std::string_view word, std::vector<TokenId>& out) const
{
    if (word.empty())
        return;
    if (m_options.ignoreMerges && !m_byScore) {
        if (const auto id = m_vocabulary->find(word)) {
            out.push_back(*id);
            return;
        }
    }
    std::vector<Symbol> symbols = initialSymbols(word);
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    for (int i = 0; i < int(symbols.size()); ++i)
        if (auto c = candidate(word, symbols, i))
            queue.push(*c);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        Symbol& l = symbols[std::size_t(top.left)];
        Symbol& r = symbols[std::size_t(top.right)];
        if (!l.alive || !r.alive || l.next != top.right || l.version != top.leftVersion ||
            r.version != top.rightVersion)
            continue;
        l.end = r.end;
        l.id = top.merged;
        ++l.version;
        l.next = r.next;
        r.alive = false;
        if (r.next >= 0)
            symbols[std::size_t(r.next)].prev = top.left;
        if (l.prev >= 0)
            if (auto c = candidate(word, symbols, l.prev))
                queue.push(*c);
        if (auto c = candidate(word, symbols, top.left))
            queue.push(*c);
    }
    bool afterUnk = false;
    for (int i = symbols.empty() ? -1 : 0; i >= 0; i = symbols[std::size_t(i)].next) {
        const Symbol& s = symbols[std::size_t(i)];
        if (s.id >= 0)
            out.push_back(s.id);
        else
            emitUnknown(word.substr(s.begin, s.end - s.begin), afterUnk, out);
        afterUnk = s.id < 0;
    }
}

std::optional<std::vector<TokenId>> Bpe::bytePieces(std::string_view text) const
{
    if (!m_options.byteFallback)
        return std::nullopt;
    std::vector<TokenId> ids;
    for (const char byte : text) {
        const auto id = m_vocabulary->find(bytePiece(static_cast<unsigned char>(byte)));
        if (!id)
            return std::nullopt; // all the bytes or none, as in HF
        ids.push_back(*id);
    }
    return ids;
}

void Bpe::emitUnknown(std::string_view text, bool afterUnk, std::vector<TokenId>& out) const
{
    if (const auto bytes = bytePieces(text)) {
        out.insert(out.end(), bytes->begin(), bytes->end());
        return;
    }
    if (!m_options.unk)
        return;
    if (m_options.fuseUnk && afterUnk && !out.empty() && out.back() == *m_options.unk)
        return;
    out.push_back(*m_options.unk);
}

} // namespace attnviz::tokenizer
