#include "common/error.h"
#include "common/isa.h"
#include "io/dequantize.h"
#include "io/tensor.h"
#include "io/weight_file.h"

#include <bit>
#include <cstring>

namespace attnviz::io {

// Views point straight into little-endian files.
static_assert(std::endian::native == std::endian::little, "weights are read in place");

namespace {

const WidenKernels& kernels()
{
    static const WidenKernels& active =
        forActiveIsa(baseline::kWidenKernels, avx2::kWidenKernels, avx512::kWidenKernels);
    return active;
}

} // namespace

void widenRows(const WeightView& view, std::int64_t first, std::int64_t count, float* out)
{
    const std::int64_t rows = view.rows();
    const std::int64_t cols = view.cols();
    if (first < 0 || count < 0 || first > rows || count > rows - first) {
        std::int64_t end;
        if (__builtin_add_overflow(first, count, &end))
            end = count < 0 ? INT64_MIN : INT64_MAX;
        throw Error("tensor '" + view.name + "': rows [" + std::to_string(first) + ", " +
                    std::to_string(end) + ") are outside its " + std::to_string(rows) + " rows");
    }
    const std::size_t rowBytes =
        std::size_t(cols / blockElements(view.type)) * blockBytes(view.type);
    if (rows < 0 || cols < 0 || cols % blockElements(view.type) != 0 ||
        std::size_t(rows) * rowBytes != view.bytes)
        throw Error("tensor '" + view.name + "': " + std::to_string(view.bytes) +
                    " bytes do not hold " + std::string(toString(view.type)) + " with shape " +
                    shapeToString(view.shape));

    const std::byte* in = view.data + std::size_t(first) * rowBytes;
    const std::size_t elements = std::size_t(count) * std::size_t(cols);
    switch (view.type) {
    case WeightType::F32:
        if (elements > 0)
            std::memcpy(out, in, elements * sizeof(float));
        return;
    case WeightType::F16:
        kernels().f16(in, elements, out);
        return;
    case WeightType::BF16:
        kernels().bf16(in, elements, out);
        return;
    case WeightType::Q8_0:
        kernels().q8_0(in, elements / 32, out);
        return;
    case WeightType::Q4_0:
        kernels().q4_0(in, elements / 32, out);
        return;
    case WeightType::Q4_K:
        kernels().q4_K(in, elements / 256, out);
        return;
    case WeightType::Q6_K:
        kernels().q6_K(in, elements / 256, out);
        return;
    }
}

} // namespace attnviz::io
