#pragma once

#include <cstdint>

namespace attnviz {

// A small seeded generator of our own (SplitMix64). std:: distributions differ between standard
// libraries; these produce identical numbers on every machine for the same seed.
class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed)
        : m_state(seed)
    {
    }

    std::uint64_t next();
    // Uniform in [0, 1) with 24 random bits: exactly representable as a float.
    float uniform();
    // Uniform in [-a, a).
    float symmetric(float a) { return (2.0f * uniform() - 1.0f) * a; }
    // Approximately standard normal (Irwin–Hall: sum of 12 uniforms minus 6), built from exact
    // additions only so that no libm function can change the result between machines.
    float normal();

private:
    std::uint64_t m_state;
};

// Combines a seed with a stream label, so that unrelated uses of one seed do not correlate.
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream);

} // namespace attnviz
