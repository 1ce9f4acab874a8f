#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace attnviz::io {

// Tensor files are read whole; anything larger would not fit the float copy we make anyway.
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t(4) << 30;

// Reads the whole file in binary. Throws FormatError "<path>: cannot open file: <reason>" when it
// cannot be opened, and refuses directories and files above kMaxFileBytes before allocating.
std::string readFileBytes(const std::string& path);
// Writes (replacing) the file; failures are FormatErrors naming the path too.
void writeFileBytes(const std::string& path, std::string_view bytes);

} // namespace attnviz::io
