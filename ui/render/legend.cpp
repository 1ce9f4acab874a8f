#include "legend.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <cmath>

namespace attnviz::ui {

QList<double> Legend::ticks(double lo, double hi)
{
    const double span = hi - lo;
    if (!(span > 0.0))
        return {lo};
    const double raw = span / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    QList<double> out;
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-6; v += step)
        out << (std::abs(v) < step * 1e-9 ? 0.0 : v);
    if (hi - out.last() > step * 0.35)
        out << hi; // the exact upper end, unless it would crowd the last tick
    return out;
}

void Legend::paint(QPainter& p, const QRectF& bounds, const ColorMap& map, double lo, double hi,
                   const QString& title, const QFont& font, const QColor& text)
{
    p.save();
    p.setFont(font);
    p.setPen(text);
    const QFontMetricsF fm(font);
    const double lineH = fm.height();
    QRectF titleRect(bounds.left(), bounds.top(), bounds.width(), lineH * 2.2);
    p.drawText(titleRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, title);

    const double swatchH = lineH + 6.0;
    const double barW = 16.0;
    const QRectF bar(bounds.left() + 8.0, titleRect.bottom() + lineH / 2, barW,
                     bounds.height() - titleRect.height() - swatchH - lineH * 1.5 - 8.0);
    if (bar.height() > 10.0) {
        QImage gradient(1, 256, QImage::Format_RGB32);
        for (int i = 0; i < 256; ++i)
            gradient.setPixel(0, 255 - i, map.table()[i]);
        p.drawImage(bar, gradient);
        p.setPen(QPen(text, 0));
        p.drawRect(bar);
        for (double v : ticks(lo, hi)) {
            const double y = bar.bottom() - (v - lo) / (hi - lo) * bar.height();
            p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4.0, y));
            p.drawText(
                QRectF(bar.right() + 6.0, y - lineH / 2, bounds.right() - bar.right() - 6.0, lineH),
                Qt::AlignLeft | Qt::AlignVCenter, QString::number(v, 'g', 3));
        }
    }
    // Masked marker.
    const QRectF swatch(bar.left(), bounds.bottom() - swatchH + 3.0, barW, lineH);
    p.fillRect(swatch, map.maskedFill());
    p.fillRect(swatch, QBrush(map.maskedHatch(), Qt::BDiagPattern));
    p.setPen(QPen(text, 0));
    p.drawRect(swatch);
    p.drawText(
        QRectF(swatch.right() + 6.0, swatch.top(), bounds.right() - swatch.right() - 6.0, lineH),
        Qt::AlignLeft | Qt::AlignVCenter, QObject::tr("masked"));
    p.restore();
}

} // namespace attnviz::ui
