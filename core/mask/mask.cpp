#include "mask/mask.h"

#include "common/error.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <unordered_map>
#include <utility>

namespace attnviz {

void Mask::fill(int planes, int rows, int cols, bool allowed)
{
    m_planes = std::max(planes, 0);
    m_rows = rows;
    m_cols = cols;
    m_chunks.clear();
    m_chunksPerPlane = 0;
    m_chunkShift = 0;
    if (rows <= 0 || cols <= 0 || m_planes == 0)
        return;
    while ((std::size_t(2) << m_chunkShift) * static_cast<std::size_t>(cols) <= kChunkBytes &&
           (1 << m_chunkShift) < rows)
        ++m_chunkShift;
    m_chunksPerPlane = ((static_cast<std::size_t>(rows) - 1) >> m_chunkShift) + 1;
    const auto chunk = std::make_shared<Chunk>((std::size_t(1) << m_chunkShift) * cols,
                                               allowed ? std::uint8_t(1) : std::uint8_t(0));
    m_chunks.assign(m_chunksPerPlane * m_planes, chunk);
}

Mask Mask::shared(int rows, int cols, bool allowed)
{
    Mask m;
    m.fill(1, rows, cols, allowed);
    return m;
}

Mask Mask::perHead(int heads, int rows, int cols, bool allowed)
{
    Mask m;
    m.fill(heads, rows, cols, allowed);
    m.m_perHead = true;
    return m;
}

bool Mask::rowAllAllowed(int head, int row) const
{
    const std::uint8_t* r = rowData(head, row);
    return std::all_of(r, r + m_cols, [](std::uint8_t v) { return v != 0; });
}

bool Mask::rowAllBlocked(int head, int row) const
{
    const std::uint8_t* r = rowData(head, row);
    return std::all_of(r, r + m_cols, [](std::uint8_t v) { return v == 0; });
}

Mask::Chunk& Mask::writable(std::size_t slot)
{
    if (m_chunks[slot].use_count() != 1)
        m_chunks[slot] = std::make_shared<Chunk>(*m_chunks[slot]);
    // Pairs with the release of another thread's last copy: its reads happen before our writes.
    std::atomic_thread_fence(std::memory_order_acquire);
    return *m_chunks[slot];
}

std::size_t Mask::usedBytes(std::size_t slot) const
{
    const std::size_t first = (slot % m_chunksPerPlane) << m_chunkShift;
    const std::size_t rows = std::min(std::size_t(1) << m_chunkShift, m_rows - first);
    return rows * m_cols;
}

void Mask::makePerHead(int heads)
{
    if (isPerHead())
        return;
    std::vector<std::shared_ptr<Chunk>> chunks;
    chunks.reserve(m_chunks.size() * std::max(heads, 0));
    for (int h = 0; h < heads; ++h)
        chunks.insert(chunks.end(), m_chunks.begin(), m_chunks.end());
    m_chunks = std::move(chunks);
    m_planes = heads;
    m_perHead = true;
}

void Mask::set(int head, int row, int col, bool allowed, int heads)
{
    const std::uint8_t v = allowed ? 1 : 0;
    const std::size_t cell = offset(row, col);
    if (head == kAllHeads && m_planes > 1) {
        // Heads that shared a chunk share its one copy.
        std::vector<std::pair<const Chunk*, std::shared_ptr<Chunk>>> copies;
        for (int p = 0; p < m_planes; ++p) {
            const std::size_t s = slot(p, row);
            if ((*m_chunks[s])[cell] == v)
                continue;
            const auto copied = std::find_if(copies.begin(), copies.end(), [&](const auto& c) {
                return c.first == m_chunks[s].get();
            });
            if (copied != copies.end()) {
                m_chunks[s] = copied->second;
            } else {
                const Chunk* before = m_chunks[s].get();
                if (&writable(s) != before)
                    copies.emplace_back(before, m_chunks[s]);
            }
            (*m_chunks[s])[cell] = v;
        }
        return;
    }
    const int plane = head == kAllHeads ? 0 : head;
    if ((*m_chunks[slot(plane, row)])[cell] == v)
        return; // unchanged: no copy
    if (head != kAllHeads && !isPerHead() && heads > 1)
        makePerHead(heads);
    writable(slot(plane, row))[cell] = v;
}

void Mask::reset(int rows, int cols)
{
    fill(1, rows, cols, true);
    m_perHead = false;
}

void Mask::invert()
{
    // Each storage is inverted once, however many chunks share it.
    std::unordered_map<const Chunk*, std::shared_ptr<Chunk>> inverted;
    for (std::shared_ptr<Chunk>& chunk : m_chunks) {
        auto [it, added] = inverted.try_emplace(chunk.get());
        if (added) {
            it->second = std::make_shared<Chunk>(*chunk);
            for (std::uint8_t& v : *it->second)
                v = v ? 0 : 1;
        }
        chunk = it->second;
    }
}

bool Mask::operator==(const Mask& other) const
{
    if (m_planes != other.m_planes || m_rows != other.m_rows || m_cols != other.m_cols ||
        m_perHead != other.m_perHead || m_chunks.size() != other.m_chunks.size())
        return false;
    for (std::size_t s = 0; s < m_chunks.size(); ++s)
        if (m_chunks[s] != other.m_chunks[s] &&
            !std::equal(m_chunks[s]->begin(), m_chunks[s]->begin() + usedBytes(s),
                        other.m_chunks[s]->begin()))
            return false;
    return true;
}

void Mask::validateFor(int heads, int rows, int cols) const
{
    auto shape = [](int a, int b) { return std::to_string(a) + "x" + std::to_string(b); };
    if (m_rows != rows || m_cols != cols)
        throw Error("mask has shape " + shape(m_rows, m_cols) + " per head, expected " +
                    shape(rows, cols) + " (query length x key length)");
    if (isPerHead() && m_planes != heads)
        throw Error("per-head mask has " + std::to_string(m_planes) + " heads, expected " +
                    std::to_string(heads));
}

} // namespace attnviz
