// The softmax's three passes (max, exp with the sum, scale), compiled once per path. exp is
// Cephes' expf as Eigen's pexp uses it: x = n·ln 2 + r with |r| ≤ ln 2 / 2, a degree-5
// polynomial for e^r, and 2^n through the exponent bits; about 1 ulp.

#include "attention/softmax_kernel.h"

#include "simd/vec.h"

namespace attnviz::ATTNVIZ_ISA_NS {

namespace {

using namespace simd;

// e^x for x ≤ 0 (scores minus their maximum).
Vec exp(Vec x)
{
    // Below this e^x is not a normal float: 0, which −∞ (a blocked key) also gives.
    const Vec smallest = set1(-87.33654f);
    const Vec clamped = max(min(x, zero()), smallest);
    const Vec n = roundToInt(mul(clamped, set1(1.44269504088896341f)));
    // r = x − n·ln 2 in two steps, ln 2's high part exact in float.
    Vec r = fma(n, set1(-0.693359375f), clamped);
    r = fma(n, set1(2.12194440e-4f), r);
    Vec p = set1(1.9875691500e-4f);
    p = fma(p, r, set1(1.3981999507e-3f));
    p = fma(p, r, set1(8.3334519073e-3f));
    p = fma(p, r, set1(4.1665795894e-2f));
    p = fma(p, r, set1(1.6666665459e-1f));
    p = fma(p, r, set1(5.0000001201e-1f));
    p = fma(p, mul(r, r), add(r, set1(1.0f)));
    return keepWhereAtLeast(mul(p, pow2(n)), x, smallest);
}

// A row's last n % kLanes floats as one vector, padded with `fill`.
Vec loadTail(const float* p, int count, float fill)
{
    float lanes[kLanes];
    for (int i = 0; i < kLanes; ++i)
        lanes[i] = i < count ? p[i] : fill;
    return load(lanes);
}

void softmax(const float* in, int n, float* out)
{
    const int whole = n - n % kLanes;
    const float lowest = -__builtin_huge_valf();
    Vec m = set1(lowest);
    for (int j = 0; j < whole; j += kLanes)
        m = max(m, load(in + j));
    if (whole < n)
        m = max(m, loadTail(in + whole, n - whole, lowest));
    const Vec shift = set1(-max(m));

    Vec total = zero();
    for (int j = 0; j < whole; j += kLanes) {
        const Vec e = exp(add(load(in + j), shift));
        store(out + j, e);
        total = add(total, e);
    }
    if (whole < n) {
        const Vec e = exp(add(loadTail(in + whole, n - whole, lowest), shift));
        float lanes[kLanes];
        store(lanes, e);
        for (int j = whole; j < n; ++j)
            out[j] = lanes[j - whole];
        total = add(total, e);
    }

    const float scale = 1.0f / sum(total);
    for (int j = 0; j < whole; j += kLanes)
        store(out + j, mul(load(out + j), set1(scale)));
    for (int j = whole; j < n; ++j)
        out[j] *= scale;
}

} // namespace

extern const SoftmaxKernel kSoftmaxKernel = softmax;

} // namespace attnviz::ATTNVIZ_ISA_NS

ATTNVIZ_ISA_END
