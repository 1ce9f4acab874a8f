#pragma once

#include <cmath>

namespace attnviz::ui {

// The temperature sliders (controls and teaching): log scale, 0.1 … 10 over positions -100 … 100.
inline double temperatureFromSlider(int position)
{
    return std::pow(10.0, position / 100.0);
}

inline int sliderFromTemperature(double temperature)
{
    return static_cast<int>(std::lround(std::log10(temperature) * 100.0));
}

} // namespace attnviz::ui
