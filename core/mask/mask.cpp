#include "mask/mask.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace attnviz {

Mask Mask::shared(int rows, int cols, bool allowed)
{
    Mask m;
    m.m_planes = 1;
    m.m_rows = rows;
    m.m_cols = cols;
    m.m_cells.assign(static_cast<std::size_t>(rows) * cols, allowed ? 1 : 0);
    return m;
}

Mask Mask::perHead(int heads, int rows, int cols, bool allowed)
{
    Mask m;
    m.m_planes = heads;
    m.m_rows = rows;
    m.m_cols = cols;
    m.m_perHead = true;
    m.m_cells.assign(static_cast<std::size_t>(heads) * rows * cols, allowed ? 1 : 0);
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

void Mask::makePerHead(int heads)
{
    if (isPerHead())
        return;
    std::vector<std::uint8_t> cells;
    cells.reserve(m_cells.size() * heads);
    for (int h = 0; h < heads; ++h)
        cells.insert(cells.end(), m_cells.begin(), m_cells.end());
    m_cells = std::move(cells);
    m_planes = heads;
    m_perHead = true;
}

void Mask::set(int head, int row, int col, bool allowed, int heads)
{
    const std::uint8_t v = allowed ? 1 : 0;
    if (head == kAllHeads) {
        for (int p = 0; p < m_planes; ++p)
            m_cells[(static_cast<std::size_t>(p) * m_rows + row) * m_cols + col] = v;
        return;
    }
    if (!isPerHead() && heads > 1 && m_cells[index(0, row, col)] != v)
        makePerHead(heads);
    m_cells[index(head, row, col)] = v;
}

void Mask::reset(int rows, int cols)
{
    m_planes = 1;
    m_rows = rows;
    m_cols = cols;
    m_perHead = false;
    m_cells.assign(static_cast<std::size_t>(rows) * cols, 1);
}

void Mask::invert()
{
    for (std::uint8_t& v : m_cells)
        v = v ? 0 : 1;
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
