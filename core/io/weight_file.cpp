#include "io/weight_file.h"

#include "io/tensor.h"

#include <utility>

namespace attnviz::io {

std::string_view toString(WeightType type)
{
    switch (type) {
    case WeightType::F32:
        return "F32";
    case WeightType::F16:
        return "F16";
    case WeightType::BF16:
        return "BF16";
    case WeightType::Q8_0:
        return "Q8_0";
    case WeightType::Q4_0:
        return "Q4_0";
    case WeightType::Q4_K:
        return "Q4_K";
    case WeightType::Q6_K:
        return "Q6_K";
    }
    return "?";
}

// ggml-common.h: QK8_0 = QK4_0 = 32, QK_K = 256; block_q8_0 {half d; int8 qs[32]},
// block_q4_0 {half d; uint8 qs[16]}, block_q4_K {half d, dmin; uint8 scales[12], qs[128]},
// block_q6_K {uint8 ql[128], qh[64]; int8 scales[16]; half d}.
std::int64_t blockElements(WeightType type)
{
    switch (type) {
    case WeightType::F32:
    case WeightType::F16:
    case WeightType::BF16:
        return 1;
    case WeightType::Q8_0:
    case WeightType::Q4_0:
        return 32;
    case WeightType::Q4_K:
    case WeightType::Q6_K:
        return 256;
    }
    return 1;
}

std::size_t blockBytes(WeightType type)
{
    switch (type) {
    case WeightType::F32:
        return 4;
    case WeightType::F16:
    case WeightType::BF16:
        return 2;
    case WeightType::Q8_0:
        return 34;
    case WeightType::Q4_0:
        return 18;
    case WeightType::Q4_K:
        return 144;
    case WeightType::Q6_K:
        return 210;
    }
    return 0;
}

std::int64_t WeightView::cols() const
{
    return shape.empty() ? 1 : shape.back();
}

std::int64_t WeightView::rows() const
{
    std::int64_t n = 1;
    for (std::size_t i = 0; i + 1 < shape.size(); ++i)
        n *= shape[i];
    return n;
}

const WeightView* WeightFile::find(std::string_view name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

const WeightView& WeightFile::require(std::string_view name) const
{
    if (const WeightView* view = find(name))
        return *view;
    throw FormatError(m_source + ": missing tensor '" + std::string(name) + "'");
}

void WeightFile::addTensor(WeightView view, const std::string& where)
{
    if (!m_index.emplace(view.name, m_tensors.size()).second)
        throw FormatError(where + ": tensor '" + view.name + "' appears twice");
    m_tensors.push_back(std::move(view));
}

} // namespace attnviz::io
