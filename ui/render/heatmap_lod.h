#pragma once

#include "attention/matrix.h"
#include "color_map.h"
#include "mask/mask.h"

#include <QImage>
#include <QRectF>
#include <QSize>
#include <functional>

namespace attnviz::ui {

// How cells smaller than a pixel are combined: the largest value (a single hot cell stays
// visible) or the mean (the honest average of the area).
enum class Pooling { Max, Mean };

// Level-of-detail rendering of one heatmap: the cell range `cells` (x = key column, y = query
// row, in cell units, may be fractional) drawn into an image of `pixels`, one pixel per screen
// pixel instead of one per cell. Pixels covering several cells pool them (masked cells are left
// out; a pixel of masked cells only gets the marker colour); pixels smaller than a cell sample it.
struct LodSource {
    const Matrix* values = nullptr;
    const Mask* mask = nullptr; // may be null or empty
    int head = 0;
    ColorMap colorMap = ColorMap::byName(ColorMap::defaultName());
    double vmin = 0.0;
    double vmax = 1.0;
    // Asked between pixel rows (background renders): true stops the render.
    std::function<bool()> cancelled;
};

// A null image when cancelled.
QImage renderLod(const LodSource& source, const QRectF& cells, QSize pixels, Pooling pooling);
// Re-renders the pixel rows [firstY, lastY] of an image made by renderLod for the same range.
void renderLodRows(const LodSource& source, const QRectF& cells, Pooling pooling, QImage& image,
                   int firstY, int lastY);
// The pixel rows [*firstY, *lastY] of an image of height `height` showing `cells` that depend on
// matrix row `row`; false when the row is not shown.
bool lodRowsOf(const QRectF& cells, int height, int row, int* firstY, int* lastY);
// Cells read to render (the cost used to decide whether to render off the GUI thread).
double lodCost(const QRectF& cells, QSize pixels);

} // namespace attnviz::ui
