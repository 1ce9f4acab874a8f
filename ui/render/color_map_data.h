#pragma once

#include <array>

// Control points of the colour maps, evenly spaced over [0, 1]. See color_map_data.cpp for the
// sources.
namespace attnviz::ui::colordata {

struct Rgb {
    float r, g, b;
};

extern const std::array<Rgb, 17> kViridis;
extern const std::array<Rgb, 17> kMagma;
extern const std::array<Rgb, 17> kInferno;
extern const std::array<Rgb, 17> kPlasma;
extern const std::array<Rgb, 17> kCividis;
extern const std::array<Rgb, 2> kGreys;
extern const std::array<Rgb, 11> kDiverging;

} // namespace attnviz::ui::colordata
