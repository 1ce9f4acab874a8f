#pragma once

#include <cstddef>

namespace attnviz::io {

// Stores `count` floats as little-endian IEEE binary32 into `out` (4·count bytes). Writes byte by
// byte, so the host's byte order does not matter (compilers merge the bytes into plain stores).
void encodeFloat32LittleEndian(const float* data, std::size_t count, char* out);

} // namespace attnviz::io
