#include "common/random.h"

namespace attnviz {

std::uint64_t SeededRandom::next()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

float SeededRandom::uniform()
{
    return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f);
}

float SeededRandom::normal()
{
    // Integer sum first: the result is then independent of floating-point evaluation order.
    std::uint64_t sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += next() >> 40;
    return static_cast<float>(static_cast<double>(sum) / 16777216.0 - 6.0);
}

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream)
{
    SeededRandom r(seed ^ (stream * 0xD6E8FEB86659FD93ull));
    return r.next();
}

} // namespace attnviz
