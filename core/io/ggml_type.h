#pragma once

#include "io/weight_file.h"

#include <cstdint>
#include <optional>
#include <string>

namespace attnviz::io {

// ggml's tensor type numbers (enum ggml_type in ggml.h), as GGUF stores them.
// The WeightType of a ggml type we read, or nullopt for the others.
std::optional<WeightType> weightTypeFromGgml(std::uint32_t ggmlType);
// ggml's name for a type number ("IQ2_XXS", as GGML_TYPE_IQ2_XXS), or "" when ggml has none.
std::string ggmlTypeName(std::uint32_t ggmlType);

} // namespace attnviz::io
