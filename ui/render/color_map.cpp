#include "color_map.h"

#include "color_map_data.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace attnviz::ui {

namespace {

using colordata::Rgb;

std::array<QRgb, 256> interpolate(std::span<const Rgb> points)
{
    std::array<QRgb, 256> table{};
    const int segments = static_cast<int>(points.size()) - 1;
    for (int i = 0; i < 256; ++i) {
        const double x = i / 255.0 * segments;
        const int k = std::min(static_cast<int>(x), segments - 1);
        const double f = x - k;
        const Rgb& a = points[k];
        const Rgb& b = points[k + 1];
        auto channel = [f](float u, float v) {
            return static_cast<int>(std::lround((u + (v - u) * f) * 255.0));
        };
        table[i] = qRgb(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b));
    }
    return table;
}

} // namespace

QStringList ColorMap::names()
{
    return {QStringLiteral("viridis"),  QStringLiteral("magma"),   QStringLiteral("inferno"),
            QStringLiteral("plasma"),   QStringLiteral("cividis"), QStringLiteral("greys"),
            QStringLiteral("diverging")};
}

ColorMap ColorMap::byName(const QString& name)
{
    ColorMap map;
    map.m_name = names().contains(name) ? name : defaultName();
    map.m_maskedFill = QColor(0xb4, 0xb4, 0xb4);
    map.m_maskedHatch = QColor(0x6e, 0x6e, 0x6e);
    const QString& n = map.m_name;
    if (n == QLatin1String("magma"))
        map.m_table = interpolate(colordata::kMagma);
    else if (n == QLatin1String("inferno"))
        map.m_table = interpolate(colordata::kInferno);
    else if (n == QLatin1String("plasma"))
        map.m_table = interpolate(colordata::kPlasma);
    else if (n == QLatin1String("cividis"))
        map.m_table = interpolate(colordata::kCividis);
    else if (n == QLatin1String("greys")) {
        map.m_table = interpolate(colordata::kGreys);
        // Grey would be ambiguous on a grey scale: masked cells become pale rose.
        map.m_maskedFill = QColor(0xf1, 0xc9, 0xc9);
        map.m_maskedHatch = QColor(0xc0, 0x50, 0x50);
    } else if (n == QLatin1String("diverging")) {
        map.m_table = interpolate(colordata::kDiverging);
        map.m_diverging = true;
        map.m_maskedFill = QColor(0x9a, 0x9a, 0x9a);
        map.m_maskedHatch = QColor(0x40, 0x40, 0x40);
    } else
        map.m_table = interpolate(colordata::kViridis);
    return map;
}

QRgb ColorMap::at(double t) const
{
    if (std::isnan(t))
        return m_maskedFill.rgb();
    const int i = static_cast<int>(std::clamp(t, 0.0, 1.0) * 255.0 + 0.5);
    return m_table[i];
}

QRgb ColorMap::map(double value, double lo, double hi) const
{
    return at(hi > lo ? (value - lo) / (hi - lo) : 0.0);
}

QColor ColorMap::textColorOn(QRgb background)
{
    const double luminance =
        0.2126 * qRed(background) + 0.7152 * qGreen(background) + 0.0722 * qBlue(background);
    return luminance > 140.0 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace attnviz::ui
