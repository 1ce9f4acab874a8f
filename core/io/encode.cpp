#include "io/encode.h"

#include <bit>
#include <cstdint>

namespace attnviz::io {

void encodeFloat32LittleEndian(const float* data, std::size_t count, char* out)
{
    for (std::size_t i = 0; i < count; ++i, out += 4) {
        const auto bits = std::bit_cast<std::uint32_t>(data[i]);
        for (int b = 0; b < 4; ++b)
            out[b] = static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
}

} // namespace attnviz::io
