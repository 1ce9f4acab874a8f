#pragma once

#include <cstdint>
#include <string>

namespace attnviz {

// Bytes an AttentionEngine holds for one result, stage by stage (float32 storage). Lets a caller
// refuse a request up front with a message instead of running out of memory half-way.
struct MemoryEstimate {
    std::uint64_t q = 0;       // L×D
    std::uint64_t k = 0;       // S×D, twice: also packed for the score product
    std::uint64_t v = 0;       // S×D, twice: also packed for the head-output product
    std::uint64_t weights = 0; // H·L·S, the largest stage
    std::uint64_t concat = 0;  // L×D
    std::uint64_t output = 0;  // L×D
    std::uint64_t mask = 0;    // L×S bytes, H·L·S when per head
    std::uint64_t other = 0;   // packed W_o and W_q/W_k/W_v (2·D²), biases, score scratch block

    std::uint64_t total() const { return q + k + v + weights + concat + output + mask + other; }
};

// L query rows, S keys, d_model D, H heads. Values ≤ 0 count as 0.
MemoryEstimate estimateEngineMemory(std::int64_t queryLength, std::int64_t keyLength,
                                    std::int64_t dModel, std::int64_t heads, bool perHeadMask);

inline constexpr std::uint64_t kDefaultMemoryBudget = 2ull << 30; // 2 GiB

// "1.5 GiB", "640 MiB", "12 KiB", "100 B".
std::string formatBytes(std::uint64_t bytes);

} // namespace attnviz
