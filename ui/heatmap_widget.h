#pragma once

#include "heatmap_painter.h"

#include <QImage>
#include <QPoint>
#include <QWidget>

namespace attnviz::ui {

class AttentionController;
class SelectionModel;

// One head's attention weights on screen. The cells are cached in a one-pixel-per-cell QImage
// (a single-cell edit re-renders one row of it); drawing goes through HeatmapPainter, with the
// cursor, hover and drag rectangle on top.
//
// Mouse: click toggles a cell, drag paints or erases a rectangle (the first cell decides),
// Shift edits all heads, right-click offers row/column actions, a click on the title opens the
// focus view. Keys: arrows move the cursor, Space toggles (Shift+Space: all heads); digits, +/−
// and Esc are left to the parent (head grid).
class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    HeatmapWidget(AttentionController* controller, SelectionModel* selection, int head,
                  QWidget* parent = nullptr);

    int head() const { return m_head; }
    void setHead(int head);
    void setShowValues(bool show);

    HeatmapLayout currentLayout() const;
    // Centre of a cell in widget coordinates (for tests and keyboard hints).
    QPoint cellCenter(int row, int col) const;
    QRect titleRect() const;
    const QImage& cellImage() const { return m_image; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void titleClicked(int head);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    HeatmapPainter makePainter() const;
    void rebuildImage();
    void onRowChanged(int head, int row);
    int editHead(Qt::KeyboardModifiers modifiers) const;
    void invalidateLayout() { m_layoutValid = false; }

    AttentionController* m_controller;
    SelectionModel* m_selection;
    int m_head;
    bool m_showValues = true;
    QImage m_image;
    // Measuring hundreds of token labels is the costly part of a layout: cache it until the
    // size, the tokens or the font change.
    mutable HeatmapLayout m_layout;
    mutable bool m_layoutValid = false;
    ColorMap m_colorMap;

    bool m_dragging = false;
    QPoint m_dragAnchor; // x = column, y = row
    QPoint m_dragCurrent;
    bool m_dragValue = false;
    bool m_dragAllHeads = false;
};

} // namespace attnviz::ui
