#pragma once

#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace attnviz::io {

// Element types found in the files we read. Values are always converted to float32 on load; the
// source type is kept so the UI can say what the file held.
enum class DType { F16, BF16, F32, F64, Bool, U8, I32, I64 };

std::string_view toString(DType type);
// Bytes per element in the file.
std::size_t byteSize(DType type);

struct Tensor { // values converted to float32, C order
    std::vector<std::int64_t> shape;
    std::vector<float> values;
    DType sourceType = DType::F32;

    // Product of the shape; -1 for a negative dimension or a product beyond int64 (only possible
    // in hand-built tensors: the readers refuse such shapes).
    std::int64_t elementCount() const;
};

// Thrown for every bad file; what() starts with the file name and says what is wrong.
class FormatError : public Error {
public:
    using Error::Error;
};

// Larger tensors are refused with a message rather than ending in bad_alloc (8 GiB of floats).
inline constexpr std::int64_t kMaxElements = std::int64_t(1) << 31;
// A header this deep is garbage, not a tensor; numpy itself allows 64 dimensions.
inline constexpr std::size_t kMaxDims = 64;

// Number of elements of `shape`, refusing negative dimensions, too many dimensions, products that
// overflow and counts above kMaxElements. `context` prefixes the message ("w.npy" or
// "w.safetensors: tensor 'x'").
std::int64_t checkedElementCount(const std::vector<std::int64_t>& shape,
                                 const std::string& context);

// "(2, 3)", "(3,)" or "()": Python's spelling, which is what users see in numpy.
std::string shapeToString(const std::vector<std::int64_t>& shape);

} // namespace attnviz::io
