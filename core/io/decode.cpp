#include "io/decode.h"

#include <bit>
#include <cmath>
#include <limits>

namespace attnviz::io {

namespace {

template <typename U> U loadLittleEndian(const char* p)
{
    U v = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i)
        v |= static_cast<U>(static_cast<unsigned char>(p[i])) << (8 * i);
    return v;
}

// double → float with IEEE round-to-nearest also for values beyond the float range, where a plain
// cast is undefined behaviour in C++.
float narrow(double d)
{
    constexpr double kFloatMax = std::numeric_limits<float>::max();
    if (!(std::fabs(d) > kFloatMax))
        return static_cast<float>(d); // in range, or NaN
    // Halfway between FLT_MAX and 2^128 is the first value that rounds to infinity.
    const float magnitude = std::fabs(d) >= 0x1.ffffffp127 ? std::numeric_limits<float>::infinity()
                                                           : std::numeric_limits<float>::max();
    return d < 0 ? -magnitude : magnitude;
}

} // namespace

void decodeLittleEndian(DType type, std::string_view data, float* out)
{
    const std::size_t size = byteSize(type);
    const std::size_t n = data.size() / size;
    const char* p = data.data();
    for (std::size_t i = 0; i < n; ++i, p += size) {
        switch (type) {
        case DType::F16:
            out[i] = halfToFloat(loadLittleEndian<std::uint16_t>(p));
            break;
        case DType::BF16:
            out[i] = bfloat16ToFloat(loadLittleEndian<std::uint16_t>(p));
            break;
        case DType::F32:
            out[i] = std::bit_cast<float>(loadLittleEndian<std::uint32_t>(p));
            break;
        case DType::F64:
            out[i] = narrow(std::bit_cast<double>(loadLittleEndian<std::uint64_t>(p)));
            break;
        case DType::Bool:
            out[i] = *p != 0 ? 1.0f : 0.0f;
            break;
        case DType::U8:
            out[i] = static_cast<unsigned char>(*p);
            break;
        case DType::I32:
            out[i] =
                static_cast<float>(static_cast<std::int32_t>(loadLittleEndian<std::uint32_t>(p)));
            break;
        case DType::I64:
            out[i] =
                static_cast<float>(static_cast<std::int64_t>(loadLittleEndian<std::uint64_t>(p)));
            break;
        }
    }
}

} // namespace attnviz::io
