#include "memory_estimate.h"

#include <algorithm>
#include <cstdio>

namespace attnviz {

namespace {

constexpr std::uint64_t kFloat = 4;
constexpr std::uint64_t kScratchFloats = 1 << 16; // AttentionEngine::kBlockFloats

std::uint64_t nonNegative(std::int64_t v)
{
    return static_cast<std::uint64_t>(std::max<std::int64_t>(v, 0));
}

} // namespace

MemoryEstimate estimateEngineMemory(std::int64_t queryLength, std::int64_t keyLength,
                                    std::int64_t dModel, std::int64_t heads, bool perHeadMask)
{
    const std::uint64_t l = nonNegative(queryLength);
    const std::uint64_t s = nonNegative(keyLength);
    const std::uint64_t d = nonNegative(dModel);
    const std::uint64_t h = nonNegative(heads);
    MemoryEstimate e;
    e.q = l * d * kFloat;
    e.k = 2 * s * d * kFloat; // K and its per-head packed copy (packed_product.h)
    e.v = 2 * s * d * kFloat;
    e.weights = h * l * s * kFloat;
    e.concat = l * d * kFloat;
    e.output = l * d * kFloat;
    e.mask = (perHeadMask ? h : 1) * l * s;
    // The packed W_o and, during the pass, one packed projection matrix.
    e.other = (2 * d * d + 4 * d + kScratchFloats) * kFloat;
    return e;
}

std::string formatBytes(std::uint64_t bytes)
{
    static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    if (unit == 0)
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    else
        std::snprintf(text, sizeof text, value < 10.0 ? "%.2f %s" : "%.1f %s", value, kUnits[unit]);
    return text;
}

} // namespace attnviz
