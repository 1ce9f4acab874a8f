#include "common/isa.h"

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace attnviz {

namespace {

std::optional<Isa> parseIsa(const std::string& name)
{
    for (Isa isa : {Isa::Baseline, Isa::Avx2, Isa::Avx512})
        if (name == isaName(isa))
            return isa;
    return std::nullopt;
}

Isa bestIsa()
{
    return cpuHas(Isa::Avx512) ? Isa::Avx512 : cpuHas(Isa::Avx2) ? Isa::Avx2 : Isa::Baseline;
}

const char* requestedName()
{
    const char* name = std::getenv("ATTNVIZ_ISA");
    return name && *name ? name : nullptr;
}

} // namespace

const char* isaName(Isa isa)
{
    switch (isa) {
    case Isa::Avx512:
        return "avx512";
    case Isa::Avx2:
        return "avx2";
    case Isa::Baseline:
        break;
    }
    return "baseline";
}

bool cpuHas(Isa isa)
{
    // __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0).
    switch (isa) {
    case Isa::Avx512:
        return __builtin_cpu_supports("avx512f") && cpuHas(Isa::Avx2);
    case Isa::Avx2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Isa::Baseline:
        break;
    }
    return true; // SSE2 is part of x86-64
}

std::string isaRefusal()
{
    const char* name = requestedName();
    if (!name)
        return {};
    const std::optional<Isa> isa = parseIsa(name);
    if (!isa)
        return std::string("ATTNVIZ_ISA=") + name + " is not a path; use avx512, avx2 or baseline";
    if (!cpuHas(*isa))
        return std::string("ATTNVIZ_ISA=") + name + ": this CPU lacks " + name + "; it has " +
               isaName(bestIsa());
    return {};
}

Isa activeIsa()
{
    static const Isa active = [] {
        if (const std::string refusal = isaRefusal(); !refusal.empty()) {
            std::fprintf(stderr, "attnviz: %s\n", refusal.c_str());
            std::exit(2);
        }
        const char* name = requestedName();
        return name ? *parseIsa(name) : bestIsa();
    }();
    return active;
}

} // namespace attnviz
