#pragma once

#include <QObject>

namespace attnviz::ui {

// View state shared by the heatmaps and the row inspector: the keyboard cell cursor and the cell
// under the mouse. The inspected row is the hovered one, else the cursor's.
class SelectionModel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    int cursorHead() const { return m_cursorHead; }
    int cursorRow() const { return m_cursorRow; }
    int cursorCol() const { return m_cursorCol; }
    void setCursor(int head, int row, int col);
    // Moves the cursor, clamped to rows × cols.
    void moveCursor(int dRow, int dCol, int rows, int cols);

    bool hasHover() const { return m_hoverHead >= 0; }
    int hoverHead() const { return m_hoverHead; }
    int hoverRow() const { return m_hoverRow; }
    int hoverCol() const { return m_hoverCol; }
    void setHover(int head, int row, int col);
    void clearHover() { setHover(-1, -1, -1); }

    int inspectedHead() const { return hasHover() ? m_hoverHead : m_cursorHead; }
    int inspectedRow() const { return hasHover() ? m_hoverRow : m_cursorRow; }

    // Keeps positions inside a new result's shape.
    void clamp(int heads, int rows, int cols);

signals:
    void cursorChanged();
    void hoverChanged();
    void inspectedChanged();

private:
    int m_cursorHead = 0;
    int m_cursorRow = 0;
    int m_cursorCol = 0;
    int m_hoverHead = -1;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
};

} // namespace attnviz::ui
