#pragma once

#include "mask/mask.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace attnviz {

// A compact, exact encoding of a mask for session files: the cells as bits (1 = may attend), plane
// by plane, row by row, most significant bit first (numpy.packbits), one continuous stream; every
// plane after the first is stored XOR the first, so planes a single-head edit split off cost
// almost nothing; the whole compressed as one zlib stream (RFC 1950). In numpy:
//   b = np.unpackbits(np.frombuffer(zlib.decompress(data), np.uint8))[:P*R*C].reshape(P, R, C)
//   b[1:] ^= b[0]
// One click at L = 4096 with 16 heads is a few tens of kilobytes instead of 256 MiB of '0'/'1'.
std::string packMaskBits(const Mask& mask);

// The largest mask unpackMaskBits builds: 512 Mi cells (512 MiB in memory), twice L = 4096 with
// 16 heads, so that a small hostile stream cannot ask for gigabytes.
inline constexpr std::int64_t kMaxPackedMaskCells = std::int64_t(1) << 29;

// The mask packMaskBits packed, given its shape (planes is 1 for a shared mask). Throws
// attnviz::Error when the shape is out of bounds or the stream is not exactly that many cells.
Mask unpackMaskBits(std::string_view packed, int planes, int rows, int cols, bool perHead);

} // namespace attnviz
