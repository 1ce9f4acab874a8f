#pragma once

#include "color_map.h"

#include <QList>

class QColor;
class QFont;
class QPainter;
class QRectF;
class QString;

namespace attnviz::ui {

// The colour legend: a vertical gradient with its numeric scale (lo … hi), and a hatched swatch
// for masked cells. The colour bar beside the heads and every exported figure draw through it.
class Legend {
public:
    static void paint(QPainter& painter, const QRectF& bounds, const ColorMap& map, double lo,
                      double hi, const QString& title, const QFont& font, const QColor& text);
    // Evenly spaced round tick values within [lo, hi], both ends included.
    static QList<double> ticks(double lo, double hi);
};

} // namespace attnviz::ui
