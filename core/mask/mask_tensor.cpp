#include "mask/mask_tensor.h"

#include "common/error.h"

#include <cmath>
#include <limits>

namespace attnviz {

Mask maskFromValues(const std::vector<std::int64_t>& shape, const std::vector<float>& values,
                    const std::string& name)
{
    if (shape.size() != 2 && shape.size() != 3)
        throw Error(name + ": a mask must have shape L×S or H×L×S, got " +
                    std::to_string(shape.size()) + " dimensions");
    constexpr std::int64_t kMaxSide = std::numeric_limits<int>::max();
    for (std::int64_t dim : shape)
        if (dim <= 0 || dim > kMaxSide)
            throw Error(name + ": mask dimension " + std::to_string(dim) + " is out of range");
    const bool perHead = shape.size() == 3;
    const int planes = perHead ? static_cast<int>(shape[0]) : 1;
    const int rows = static_cast<int>(shape[perHead ? 1 : 0]);
    const int cols = static_cast<int>(shape[perHead ? 2 : 1]);
    if (values.size() != static_cast<std::size_t>(planes) * rows * cols)
        throw Error(name + ": mask holds " + std::to_string(values.size()) +
                    " values, its shape needs more");
    Mask mask = perHead ? Mask::perHead(planes, rows, cols) : Mask::shared(rows, cols);
    std::size_t k = 0;
    for (int h = 0; h < planes; ++h)
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < cols; ++j, ++k) {
                if (std::isnan(values[k]))
                    throw Error(name + ": mask contains NaN");
                if (values[k] == 0.0f)
                    mask.set(perHead ? h : Mask::kAllHeads, i, j, false, planes);
            }
    return mask;
}

std::vector<std::int64_t> maskShape(const Mask& mask)
{
    if (mask.isPerHead())
        return {mask.planes(), mask.rows(), mask.cols()};
    return {mask.rows(), mask.cols()};
}

std::vector<float> maskValues(const Mask& mask)
{
    std::vector<float> values;
    values.reserve(static_cast<std::size_t>(mask.planes()) * mask.rows() * mask.cols());
    for (int h = 0; h < mask.planes(); ++h)
        for (int i = 0; i < mask.rows(); ++i)
            for (int j = 0; j < mask.cols(); ++j)
                values.push_back(mask.allowed(h, i, j) ? 1.0f : 0.0f);
    return values;
}

} // namespace attnviz
