#include "mask/mask.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>

namespace attnviz {

Mask Mask::shared(int rows, int cols, bool allowed)
{
    Mask m;
    m.m_planes = 1;
    m.m_rows = rows;
    m.m_cols = cols;
    m.m_data.push_back(
        std::make_shared<Plane>(static_cast<std::size_t>(rows) * cols, allowed ? 1 : 0));
    return m;
}

Mask Mask::perHead(int heads, int rows, int cols, bool allowed)
{
    Mask m;
    m.m_planes = heads;
    m.m_rows = rows;
    m.m_cols = cols;
    m.m_perHead = true;
    // All heads start on one storage; each gets its own when first written.
    m.m_data.assign(
        std::max(heads, 0),
        std::make_shared<Plane>(static_cast<std::size_t>(rows) * cols, allowed ? 1 : 0));
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

long Mask::occurrences(int plane) const
{
    const Plane* storage = m_data[plane].get();
    return std::count_if(m_data.begin(), m_data.end(),
                         [storage](const auto& p) { return p.get() == storage; });
}

Mask::Plane& Mask::writablePlane(int plane)
{
    if (m_data[plane].use_count() != 1)
        m_data[plane] = std::make_shared<Plane>(*m_data[plane]);
    // Pairs with the release of another thread's last copy: its reads happen before our writes.
    std::atomic_thread_fence(std::memory_order_acquire);
    return *m_data[plane];
}

void Mask::detachAll()
{
    for (int i = 0; i < m_planes; ++i) {
        if (m_data[i].use_count() == occurrences(i))
            continue; // no other mask uses it
        const Plane* storage = m_data[i].get();
        const auto copy = std::make_shared<Plane>(*storage);
        for (int j = i; j < m_planes; ++j)
            if (m_data[j].get() == storage)
                m_data[j] = copy;
    }
    std::atomic_thread_fence(std::memory_order_acquire);
}

void Mask::makePerHead(int heads)
{
    if (isPerHead())
        return;
    const std::shared_ptr<Plane> plane = m_data.empty() ? nullptr : m_data.front();
    m_data.assign(std::max(heads, 0), plane);
    m_planes = static_cast<int>(m_data.size());
    m_perHead = true;
}

void Mask::set(int head, int row, int col, bool allowed, int heads)
{
    const std::uint8_t v = allowed ? 1 : 0;
    const std::size_t cell = static_cast<std::size_t>(row) * m_cols + col;
    if (head == kAllHeads) {
        if (std::all_of(m_data.begin(), m_data.end(),
                        [&](const auto& p) { return (*p)[cell] == v; }))
            return; // unchanged: no copy
        detachAll();
        for (const auto& plane : m_data)
            (*plane)[cell] = v;
        return;
    }
    const int plane = m_planes > 1 ? head : 0;
    if ((*m_data[plane])[cell] == v)
        return;
    if (!isPerHead() && heads > 1) {
        makePerHead(heads);
        writablePlane(head)[cell] = v;
        return;
    }
    writablePlane(plane)[cell] = v;
}

void Mask::reset(int rows, int cols)
{
    const std::size_t cells = static_cast<std::size_t>(rows) * cols;
    m_data.resize(std::min<std::size_t>(m_data.size(), 1));
    if (!m_data.empty() && m_data.front() && m_data.front().use_count() == 1) {
        std::atomic_thread_fence(std::memory_order_acquire);
        m_data.front()->assign(cells, 1); // reuses the buffer: no page faults
    } else {
        m_data.assign(1, std::make_shared<Plane>(cells, 1));
    }
    m_planes = 1;
    m_rows = rows;
    m_cols = cols;
    m_perHead = false;
}

void Mask::invert()
{
    detachAll();
    for (int i = 0; i < m_planes; ++i) {
        // Heads that share storage are inverted once.
        const Plane* storage = m_data[i].get();
        if (std::any_of(m_data.begin(), m_data.begin() + i,
                        [storage](const auto& p) { return p.get() == storage; }))
            continue;
        for (std::uint8_t& v : *m_data[i])
            v = v ? 0 : 1;
    }
}

bool Mask::operator==(const Mask& other) const
{
    if (m_planes != other.m_planes || m_rows != other.m_rows || m_cols != other.m_cols ||
        m_perHead != other.m_perHead)
        return false;
    for (int p = 0; p < m_planes; ++p)
        if (m_data[p] != other.m_data[p] && *m_data[p] != *other.m_data[p])
            return false;
    return true;
}

void Mask::validateFor(int heads, int rows, int cols) const
{
    auto shape = [](int a, int b) { return std::to_string(a) + "x" + std::to_string(b); };
    if (m_rows != rows || m_cols != cols)
        throw std::invalid_argument("mask has shape " + shape(m_rows, m_cols) +
                                    " per head, expected " + shape(rows, cols) +
                                    " (query length x key length)");
    if (isPerHead() && m_planes != heads)
        throw std::invalid_argument("per-head mask has " + std::to_string(m_planes) +
                                    " heads, expected " + std::to_string(heads));
}

} // namespace attnviz
