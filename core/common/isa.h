#pragma once

#include <string>

namespace attnviz {

// The instruction-set paths the kernels are compiled for (simd/vec.h). One is chosen for the
// whole process on first use: the best the CPU has, or the one ATTNVIZ_ISA names
// (avx512, avx2, baseline).
enum class Isa { Baseline, Avx2, Avx512 };

const char* isaName(Isa isa);
bool cpuHas(Isa isa);

// Why ATTNVIZ_ISA cannot be honoured (an unknown name, or a path this CPU lacks), or empty. The
// app and the tests ask first, so that they can say so and stop.
std::string isaRefusal();

// The path in use. If ATTNVIZ_ISA cannot be honoured this prints isaRefusal() and exits with
// status 2: running another path than the one asked for would make the answer a lie.
Isa activeIsa();

// The entry for the active path, e.g. forActiveIsa(baseline::kKernel, avx2::kKernel, ...).
template <typename T> const T& forActiveIsa(const T& baseline, const T& avx2, const T& avx512)
{
    switch (activeIsa()) {
    case Isa::Avx512:
        return avx512;
    case Isa::Avx2:
        return avx2;
    case Isa::Baseline:
        break;
    }
    return baseline;
}

} // namespace attnviz
