#pragma once

#include "attention/matrix.h"
#include "color_map.h"
#include "mask/mask.h"

#include <QFont>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QStringList>

class QPainter;

namespace attnviz::ui {

// Where everything of one heatmap goes inside a rectangle. Square cells, centred.
struct HeatmapLayout {
    QRectF bounds;
    QRectF title;
    QRectF grid;
    double cell = 0.0;
    int rows = 0;
    int cols = 0;
    QRectF view;        // the cells shown (x = key column, y = query row; zoom and pan)
    int labelStep = 1;  // every labelStep-th token is labelled (1 when they all fit)
    bool labels = true; // false when even sparse labels would not fit
    bool showValues = false;
    bool showGrid = false;
    QFont titleFont;
    QFont labelFont;
    QFont valueFont;

    QRectF cellRect(int row, int col) const;
    // False when p is outside the cells.
    bool cellAt(const QPointF& p, int* row, int* col) const;
    // Fractional cell coordinates (x = column, y = row) of a point, and back.
    QPointF toCells(const QPointF& p) const;
    QRectF fromCells(const QRectF& cells) const;
    // The rows [firstRow, endRow) and columns [firstCol, endCol) at least partly visible.
    int firstRow() const;
    int endRow() const;
    int firstCol() const;
    int endCol() const;
};

// The one drawing path of a heatmap — cells, masked-cell hatching, token labels on both axes
// (query rows, key columns), title — into any QPainter: the screen widget, and PNG/SVG/PDF
// exports. Screen-only overlays (cursor, hover, drag rectangle) are drawn by the widget.
class HeatmapPainter {
public:
    struct Data {
        const Matrix* values = nullptr; // rows × cols
        // Without values: the size (cols × rows) of the picture passed to paint() as its cells,
        // which is drawn with labels and title but no numbers (a result released while a new
        // one is computed).
        QSize shape;
        const Mask* mask = nullptr; // may be null (nothing masked)
        int head = 0;               // plane of a per-head mask
        QStringList rowTokens;      // queries
        QStringList colTokens;      // keys
        QString title;
        double vmin = 0.0;
        double vmax = 1.0;
        ColorMap colorMap = ColorMap::byName(ColorMap::defaultName());
        bool valuesWhenTheyFit = true;
        bool vectorCells = false; // one rectangle per cell (SVG, PDF) instead of one image
        QRectF view;              // cells to show (x = column, y = row, fractional); empty: all
        QFont font;               // base font; label sizes follow the cell size
        QColor textColor = QColor(0x20, 0x20, 0x20);
    };

    explicit HeatmapPainter(Data data);
    // The width of the widest token in `font` (remembered for the last few token lists).
    static double widestLabel(const QStringList& tokens, const QFont& font);
    const Data& data() const { return m_data; }

    HeatmapLayout layout(const QRectF& bounds) const;
    // `cells` is an optional cache: from renderCells() (`cellsRange` empty), or a level-of-detail
    // image (heatmap_lod.h) of the cell range `cellsRange`. Without it the cells are rendered now.
    void paint(QPainter& painter, const HeatmapLayout& layout, const QImage* cells = nullptr,
               const QRectF& cellsRange = {}) const;
    void paint(QPainter& painter, const QRectF& bounds) const { paint(painter, layout(bounds)); }

    // One pixel per cell, masked cells in the marker colour: scaled up without smoothing.
    QImage renderCells() const;
    void renderRow(QImage& image, int row) const;
    QRgb cellColor(int row, int col) const;
    bool allowed(int row, int col) const;

private:
    void paintHatching(QPainter& painter, const HeatmapLayout& layout) const;
    void paintValues(QPainter& painter, const HeatmapLayout& layout) const;
    void paintLabels(QPainter& painter, const HeatmapLayout& layout) const;

    Data m_data;
};

} // namespace attnviz::ui
