#pragma once

#include <bit>
#include <cstdint>

namespace attnviz::io {

// IEEE binary16 → float32, exact for every input: subnormals, infinities and NaN payloads too.
// Branch-free so that loops over it vectorise: with the exponent shifted into float position the
// value is 2^112 too small, and one multiplication by 2^112 (exact) fixes normal and subnormal
// halves alike; exponent 31 (infinity, NaN) is selected separately.
inline float halfToFloat(std::uint16_t bits)
{
    const std::uint32_t sign = std::uint32_t(bits & 0x8000u) << 16;
    const std::uint32_t shifted = std::uint32_t(bits & 0x7FFFu) << 13;
    const float finite = std::bit_cast<float>(shifted) * 0x1p112f;
    const std::uint32_t magnitude =
        shifted >= (0x7C00u << 13) ? (0x7F800000u | shifted) : std::bit_cast<std::uint32_t>(finite);
    return std::bit_cast<float>(sign | magnitude);
}

// bfloat16 is the upper half of a float32, so the conversion is a shift.
inline float bfloat16ToFloat(std::uint16_t bits)
{
    return std::bit_cast<float>(std::uint32_t(bits) << 16);
}

} // namespace attnviz::io
