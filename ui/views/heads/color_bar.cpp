#include "color_bar.h"

#include "ui/model/attention_controller.h"
#include "ui/render/legend.h"

#include <QPainter>

namespace attnviz::ui {

ColorBar::ColorBar(AttentionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setToolTip(tr("Colour scale of the attention weights (shared by all heads). Hatched grey "
                  "cells are masked: the query may not attend to that key."));
    connect(controller, &AttentionController::colorRangeChanged, this,
            qOverload<>(&QWidget::update));
    connect(controller, &AttentionController::colorMapChanged, this, qOverload<>(&QWidget::update));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
}

void ColorBar::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    Legend::paint(p, QRectF(rect()).adjusted(2, 6, -2, -6),
                  ColorMap::byName(m_controller->state().colorMap), 0.0, m_controller->colorMax(),
                  tr("weight"), font(), palette().color(QPalette::WindowText));
}

} // namespace attnviz::ui
