#include "selection_model.h"

#include <algorithm>

namespace attnviz::ui {

void SelectionModel::setCursor(int head, int row, int col)
{
    if (head == m_cursorHead && row == m_cursorRow && col == m_cursorCol)
        return;
    const int oldHead = inspectedHead();
    const int oldRow = inspectedRow();
    m_cursorHead = head;
    m_cursorRow = row;
    m_cursorCol = col;
    emit cursorChanged();
    if (oldHead != inspectedHead() || oldRow != inspectedRow())
        emit inspectedChanged();
}

void SelectionModel::moveCursor(int dRow, int dCol, int rows, int cols)
{
    setCursor(m_cursorHead, std::clamp(m_cursorRow + dRow, 0, std::max(0, rows - 1)),
              std::clamp(m_cursorCol + dCol, 0, std::max(0, cols - 1)));
}

void SelectionModel::setHover(int head, int row, int col)
{
    if (head == m_hoverHead && row == m_hoverRow && col == m_hoverCol)
        return;
    const int oldHead = inspectedHead();
    const int oldRow = inspectedRow();
    m_hoverHead = head;
    m_hoverRow = row;
    m_hoverCol = col;
    emit hoverChanged();
    if (oldHead != inspectedHead() || oldRow != inspectedRow())
        emit inspectedChanged();
}

void SelectionModel::clamp(int heads, int rows, int cols)
{
    clearHover();
    setCursor(std::clamp(m_cursorHead, 0, std::max(0, heads - 1)),
              std::clamp(m_cursorRow, 0, std::max(0, rows - 1)),
              std::clamp(m_cursorCol, 0, std::max(0, cols - 1)));
}

} // namespace attnviz::ui
