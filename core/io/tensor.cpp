#include "io/tensor.h"

namespace attnviz::io {

std::string_view toString(DType type)
{
    switch (type) {
    case DType::F16:
        return "F16";
    case DType::BF16:
        return "BF16";
    case DType::F32:
        return "F32";
    case DType::F64:
        return "F64";
    case DType::Bool:
        return "BOOL";
    case DType::U8:
        return "U8";
    case DType::I32:
        return "I32";
    case DType::I64:
        return "I64";
    }
    return "?";
}

std::size_t byteSize(DType type)
{
    switch (type) {
    case DType::Bool:
    case DType::U8:
        return 1;
    case DType::F16:
    case DType::BF16:
        return 2;
    case DType::F32:
    case DType::I32:
        return 4;
    case DType::F64:
    case DType::I64:
        return 8;
    }
    return 0;
}

std::int64_t Tensor::elementCount() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        if (d < 0 || __builtin_mul_overflow(n, d, &n))
            return -1;
    return n;
}

std::int64_t checkedElementCount(const std::vector<std::int64_t>& shape, const std::string& context)
{
    if (shape.size() > kMaxDims)
        throw FormatError(context + ": " + std::to_string(shape.size()) + " dimensions (at most " +
                          std::to_string(kMaxDims) + " are supported)");
    bool empty = false;
    for (std::int64_t d : shape) {
        if (d < 0)
            throw FormatError(context + ": negative dimension " + std::to_string(d) + " in shape " +
                              shapeToString(shape));
        empty = empty || d == 0;
    }
    // An empty tensor holds nothing however large its other dimensions are.
    if (empty)
        return 0;
    std::int64_t n = 1;
    for (std::int64_t d : shape) {
        if (__builtin_mul_overflow(n, d, &n))
            throw FormatError(context + ": shape " + shapeToString(shape) +
                              " has more elements than a 64-bit count can hold");
    }
    if (n > kMaxElements)
        throw FormatError(context + ": shape " + shapeToString(shape) + " has " +
                          std::to_string(n) + " elements, more than the supported " +
                          std::to_string(kMaxElements));
    return n;
}

std::string shapeToString(const std::vector<std::int64_t>& shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1)
        s += ',';
    return s + ')';
}

} // namespace attnviz::io
