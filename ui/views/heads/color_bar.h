#pragma once

#include "ui/render/color_map.h"

#include <QWidget>

class QPainter;

namespace attnviz::ui {

class AttentionController;

// The shared colour legend: a vertical gradient with its numeric scale (0 … colour max), and a
// hatched swatch for masked cells. paintLegend() is the drawing path exports reuse.
class ColorBar : public QWidget {
    Q_OBJECT
public:
    explicit ColorBar(AttentionController* controller, QWidget* parent = nullptr);

    static void paintLegend(QPainter& painter, const QRectF& bounds, const ColorMap& map, double lo,
                            double hi, const QString& title, const QFont& font, const QColor& text);
    // Evenly spaced round tick values within [lo, hi], both ends included.
    static QList<double> ticks(double lo, double hi);

    QSize sizeHint() const override { return {92, 300}; }
    QSize minimumSizeHint() const override { return {92, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    AttentionController* m_controller;
};

} // namespace attnviz::ui
