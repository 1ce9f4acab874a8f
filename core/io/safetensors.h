#pragma once

#include "io/tensor.h"

#include <map>
#include <string>
#include <string_view>

namespace attnviz::io {

// Parses a whole .safetensors file (layout and checks: safetensors_header.h) into float32 copies.
// Dtypes F32, F64, F16, BF16. `name` starts every FormatError message.
std::map<std::string, Tensor> parseSafetensors(std::string_view bytes, const std::string& name);
std::map<std::string, Tensor> readSafetensors(const std::string& path);

} // namespace attnviz::io
