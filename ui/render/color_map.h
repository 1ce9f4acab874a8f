#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <array>

namespace attnviz::ui {

// A 256-entry colour table built from published control points, plus the marker colours used
// for masked cells. Cheap to copy.
class ColorMap {
public:
    // viridis (default), magma, inferno, plasma, cividis, greys, diverging.
    static QStringList names();
    static QString defaultName() { return QStringLiteral("viridis"); }
    // Unknown names give viridis.
    static ColorMap byName(const QString& name);

    QString name() const { return m_name; }
    // Diverging maps are centred on zero (signed stages such as scores).
    bool isDiverging() const { return m_diverging; }

    // t in [0, 1]; out-of-range values are clamped, NaN gives the masked colour.
    QRgb at(double t) const;
    // value mapped linearly from [lo, hi].
    QRgb map(double value, double lo, double hi) const;
    const std::array<QRgb, 256>& table() const { return m_table; }

    // Fill and hatch colours of a masked cell, distinct from every colour of the map.
    QColor maskedFill() const { return m_maskedFill; }
    QColor maskedHatch() const { return m_maskedHatch; }
    // Black or white, whichever reads better on top of `background`.
    static QColor textColorOn(QRgb background);

private:
    QString m_name;
    bool m_diverging = false;
    std::array<QRgb, 256> m_table{};
    QColor m_maskedFill;
    QColor m_maskedHatch;
};

} // namespace attnviz::ui
