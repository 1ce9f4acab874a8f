#pragma once

#include "ui/render/heatmap_lod.h"

#include <QWidget>
#include <vector>

class QLabel;
class QScrollArea;
class QStackedWidget;
class QToolButton;

namespace attnviz::ui {

class AttentionController;
class HeatmapWidget;
class SelectionModel;

// Small multiples: every head's heatmap at once, or one head enlarged (focus view). Handles
// the keys the heatmaps leave to it: digits 1–9 focus a head, +/− zoom, Esc returns to the grid.
class HeadGrid : public QWidget {
    Q_OBJECT
public:
    HeadGrid(AttentionController* controller, SelectionModel* selection, QWidget* parent = nullptr);

    int headCount() const { return static_cast<int>(m_heatmaps.size()); }
    HeatmapWidget* heatmap(int head) const { return m_heatmaps.at(head); }
    HeatmapWidget* focusHeatmap() const { return m_focus; }
    bool isFocused() const;
    int focusedHead() const;
    double zoom() const { return m_zoom; }
    void setShowValues(bool show);
    // Max or mean pooling of cells smaller than a pixel, for every head; remembered in QSettings.
    Pooling pooling() const { return m_pooling; }
    void setPooling(Pooling pooling);

public slots:
    void focusHead(int head);
    void showAllHeads();
    void zoomIn();
    void zoomOut();
    void resetZoom();

signals:
    void focusChanged(int head); // -1: grid
    void zoomChanged(double zoom);
    void poolingChanged(Pooling pooling);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void applyZoom();
    // Lays the heads out in the number of columns that gives each the largest square.
    void arrangeHeads();
    static int bestColumns(int heads, QSize area);
    void setZoom(double zoom);

    AttentionController* m_controller;
    SelectionModel* m_selection;
    QWidget* m_bar;
    QToolButton* m_back;
    QLabel* m_focusTitle;
    QScrollArea* m_scroll;
    QStackedWidget* m_stack;
    QWidget* m_gridPage;
    HeatmapWidget* m_focus;
    std::vector<HeatmapWidget*> m_heatmaps;
    double m_zoom = 1.0;
    int m_columns = 0; // of the current arrangement; 0 = not laid out yet
    bool m_showValues = true;
    Pooling m_pooling = Pooling::Max;
};

} // namespace attnviz::ui
