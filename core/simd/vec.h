#pragma once

// The vector type and operations of one instruction set, for kernel sources that CMake compiles
// once per path (attnviz_isa_kernels): ATTNVIZ_ISA_AVX512, ATTNVIZ_ISA_AVX2, or neither
// (baseline, SSE2). Include it after every other header, and only declarations after it: from
// here to ATTNVIZ_ISA_END the compiler may use the path's instructions. A header's inline function
// compiled in here would be a second copy of one the rest of the program calls, and the linker
// could keep this one, which SIGILLs on an older CPU; headers included before stay baseline code.
// Everything defined in here lives in the path's own namespace, ATTNVIZ_ISA_NS.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <immintrin.h>

#if defined(ATTNVIZ_ISA_AVX512)
#define ATTNVIZ_ISA_NS avx512
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)
#define ATTNVIZ_ISA_END _Pragma("clang attribute pop")
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx2,fma")
#define ATTNVIZ_ISA_END _Pragma("GCC pop_options")
#endif
#elif defined(ATTNVIZ_ISA_AVX2)
#define ATTNVIZ_ISA_NS avx2
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define ATTNVIZ_ISA_END _Pragma("clang attribute pop")
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define ATTNVIZ_ISA_END _Pragma("GCC pop_options")
#endif
#else
#define ATTNVIZ_ISA_NS baseline
#define ATTNVIZ_ISA_END
#endif

namespace attnviz::ATTNVIZ_ISA_NS::simd {

// The three instruction sets name their intrinsics alike: _mm512_add_ps, _mm256_add_ps,
// _mm_add_ps. ATTNVIZ_MM(add_ps) is this path's.
#if defined(ATTNVIZ_ISA_AVX512)
#define ATTNVIZ_MM(op) _mm512_##op
using Vec = __m512;
using Bits = __m512i;
constexpr int kLanes = 16, kRegisters = 32;
inline Vec fromBits(Bits v)
{
    return _mm512_castsi512_ps(v);
}
#elif defined(ATTNVIZ_ISA_AVX2)
#define ATTNVIZ_MM(op) _mm256_##op
using Vec = __m256;
using Bits = __m256i;
constexpr int kLanes = 8, kRegisters = 16;
inline Vec fromBits(Bits v)
{
    return _mm256_castsi256_ps(v);
}
#else
#define ATTNVIZ_MM(op) _mm_##op
using Vec = __m128;
using Bits = __m128i;
constexpr int kLanes = 4, kRegisters = 16;
inline Vec fromBits(Bits v)
{
    return _mm_castsi128_ps(v);
}
#endif

inline Vec zero()
{
    return ATTNVIZ_MM(setzero_ps)();
}
inline Vec set1(float x)
{
    return ATTNVIZ_MM(set1_ps)(x);
}
inline Vec load(const float* p)
{
    return ATTNVIZ_MM(loadu_ps)(p);
}
inline void store(float* p, Vec v)
{
    ATTNVIZ_MM(storeu_ps)(p, v);
}
inline Vec add(Vec a, Vec b)
{
    return ATTNVIZ_MM(add_ps)(a, b);
}
inline Vec mul(Vec a, Vec b)
{
    return ATTNVIZ_MM(mul_ps)(a, b);
}
inline Vec max(Vec a, Vec b)
{
    return ATTNVIZ_MM(max_ps)(a, b);
}
inline Vec min(Vec a, Vec b)
{
    return ATTNVIZ_MM(min_ps)(a, b);
}
inline Vec fma(Vec a, Vec b, Vec c)
{
#if defined(ATTNVIZ_ISA_AVX512) || defined(ATTNVIZ_ISA_AVX2)
    return ATTNVIZ_MM(fmadd_ps)(a, b, c);
#else
    // SSE2 has no fused multiply-add: two roundings, still one fixed order per element.
    return add(mul(a, b), c);
#endif
}
// value where x ≥ limit, else 0.
inline Vec keepWhereAtLeast(Vec value, Vec x, Vec limit)
{
#if defined(ATTNVIZ_ISA_AVX512)
    return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(x, limit, _CMP_GE_OQ), value);
#elif defined(ATTNVIZ_ISA_AVX2)
    return _mm256_and_ps(value, _mm256_cmp_ps(x, limit, _CMP_GE_OQ));
#else
    return _mm_and_ps(value, _mm_cmpge_ps(x, limit));
#endif
}
inline Vec roundToInt(Vec x)
{
    return ATTNVIZ_MM(cvtepi32_ps)(ATTNVIZ_MM(cvtps_epi32)(x));
}
// 2^n for whole numbers n in [-126, 127], through the exponent bits.
inline Vec pow2(Vec n)
{
    const Bits biased =
        ATTNVIZ_MM(add_epi32)(ATTNVIZ_MM(cvtps_epi32)(n), ATTNVIZ_MM(set1_epi32)(127));
    return fromBits(ATTNVIZ_MM(slli_epi32)(biased, 23));
}

// Horizontal reductions through memory, in a fixed lane order.
inline float sum(Vec v)
{
    float lanes[kLanes];
    store(lanes, v);
    float s = 0.0f;
    for (float x : lanes)
        s += x;
    return s;
}

inline float max(Vec v)
{
    float lanes[kLanes];
    store(lanes, v);
    float m = lanes[0];
    for (float x : lanes)
        m = x > m ? x : m;
    return m;
}

} // namespace attnviz::ATTNVIZ_ISA_NS::simd

#undef ATTNVIZ_MM
