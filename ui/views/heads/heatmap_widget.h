#pragma once

#include "ui/model/job_tracker.h"
#include "ui/render/heatmap_lod.h"
#include "ui/render/heatmap_painter.h"

#include <QImage>
#include <QPixmap>
#include <QPoint>
#include <QWidget>

namespace attnviz::ui {

class AttentionController;
class SelectionModel;

// One head's attention weights on screen. The cells are cached in a level-of-detail image at the
// screen's resolution of the visible part (heatmap_lod.h: max or mean pooling when cells are
// smaller than a pixel); large renders run off the GUI thread while the previous image is shown
// scaled, newest request wins; a single-cell edit re-renders the few pixel rows of its row.
// Drawing goes through HeatmapPainter, with the cursor, hover and drag rectangle on top.
//
// Zoom and pan: Ctrl+wheel (plain wheel too when setWheelZoom(true), as in the focus view) zooms
// around the cursor, middle-button drag pans, setView/resetView set the shown cells.
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
    // The cached level-of-detail image and the cells it covers (x = column, y = row).
    const QImage& cellImage() const { return m_image; }
    QRectF cellImageRange() const { return m_imageCells; }
    // The colour shown at the centre of a cell (from the cached image), 0 when not shown.
    QRgb shownColor(int row, int col) const;
    // Renders the image for the current size and view now if it is missing or stale (tests,
    // screenshots); returns false if a background render is still running.
    bool ensureImage();
    bool isRendering() const { return m_renders.isBusy(); }

    // Shown cells; an empty rectangle shows them all.
    QRectF view() const { return m_view; }
    void setView(const QRectF& cells);
    void resetView() { setView({}); }
    // Zooms by `factor` (> 1: in) keeping the cell under `pos` (widget coordinates) in place.
    void zoomAt(const QPointF& pos, double factor);
    void panBy(const QPointF& pixels);
    void setWheelZoom(bool on) { m_wheelZoom = on; }
    Pooling pooling() const { return m_pooling; }
    void setPooling(Pooling pooling);
    // Renders reading more cells than this run on a worker thread (0: always; tests).
    static void setAsyncRenderCost(double cells);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void titleClicked(int head);
    void imageReady();
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    HeatmapPainter makePainter() const;
    void rebuildImage();
    void requestImage();
    LodSource lodSource() const;
    void onRowChanged(int head, int row);
    int editHead(Qt::KeyboardModifiers modifiers) const;
    void invalidateLayout()
    {
        m_layoutValid = false;
        m_frameValid = false;
    }
    // Draws the heatmap without the overlays into m_frame unless it is up to date.
    void updateFrame(const HeatmapLayout& layout);

    AttentionController* m_controller;
    SelectionModel* m_selection;
    int m_head;
    bool m_showValues = true;
    QImage m_image;
    QRectF m_imageCells;      // cells covered by m_image
    bool m_imageDirty = true; // the numbers changed since m_image was rendered
    JobTracker m_renders;     // one background render at a time; busy while it runs
    bool m_wantAnother = false;
    QRectF m_pendingCells;
    QSize m_pendingSize;
    QRectF m_view;
    Pooling m_pooling = Pooling::Max;
    bool m_wheelZoom = false;
    bool m_panning = false;
    QPointF m_panLast;
    // Measuring hundreds of token labels is the costly part of a layout: cache it until the
    // size, the tokens or the font change.
    mutable HeatmapLayout m_layout;
    mutable bool m_layoutValid = false;
    // The heatmap without cursor, hover and drag, kept between paints: a click moves the cursor
    // in every head, and drawing a head's labels costs about 2 ms at L = 4096. Redrawn when
    // the layout, the image or its range change, or m_frameValid is cleared.
    QPixmap m_frame;
    bool m_frameValid = false;
    qint64 m_frameImage = 0; // cacheKey of the image drawn into it
    QRectF m_frameCells;
    ColorMap m_colorMap;

    bool m_dragging = false;
    QPoint m_dragAnchor; // x = column, y = row
    QPoint m_dragCurrent;
    bool m_dragValue = false;
    bool m_dragAllHeads = false;
};

} // namespace attnviz::ui
