// The fp16 scales have 11 significant bits, so d · scale is exact in float32 and each value is one
// rounding of an exact product (or difference of exact products, Q4_K): the results do not
// depend on evaluation order or fused multiply-adds, and equal ggml's on any machine.
// The inner loops run over fixed, branch-free spans of a block so that compilers vectorise them,
// for each path's vector width: this file is compiled once per instruction-set path.

#include "io/dequantize.h"

#include "io/half.h" // before simd/vec.h: its inline functions stay baseline code
#include "simd/vec.h"

namespace attnviz::io::ATTNVIZ_ISA_NS {

namespace {

// memcpy loads: file data need not be aligned, and compilers vectorise them like plain loads.
void widenF16(const std::byte* in, std::size_t count, float* out)
{
    for (std::size_t i = 0; i < count; ++i) {
        std::uint16_t bits;
        std::memcpy(&bits, in + 2 * i, 2);
        out[i] = halfToFloat(bits);
    }
}

void widenBF16(const std::byte* in, std::size_t count, float* out)
{
    for (std::size_t i = 0; i < count; ++i) {
        std::uint16_t bits;
        std::memcpy(&bits, in + 2 * i, 2);
        out[i] = bfloat16ToFloat(bits);
    }
}

float halfAt(const std::byte* p)
{
    std::uint16_t bits;
    std::memcpy(&bits, p, 2);
    return halfToFloat(bits);
}

const std::uint8_t* bytesAt(const std::byte* p)
{
    return reinterpret_cast<const std::uint8_t*>(p);
}

// ggml's get_scale_min_k4: eight 6-bit scales and mins packed into 12 bytes.
void scaleMinK4(int j, const std::uint8_t* q, float& scale, float& min)
{
    if (j < 4) {
        scale = float(q[j] & 63);
        min = float(q[j + 4] & 63);
    } else {
        scale = float((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4));
        min = float((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// block_q8_0 {half d; int8 qs[32]}: y = qs · d.
void dequantizeQ8_0(const std::byte* blocks, std::size_t count, float* out)
{
    for (std::size_t b = 0; b < count; ++b, blocks += 34, out += 32) {
        const float d = halfAt(blocks);
        const auto* qs = reinterpret_cast<const std::int8_t*>(blocks + 2);
        for (int j = 0; j < 32; ++j)
            out[j] = float(qs[j]) * d;
    }
}

// block_q4_0 {half d; uint8 qs[16]}: low nibbles are elements 0–15, high nibbles 16–31, each
// (nibble − 8) · d.
void dequantizeQ4_0(const std::byte* blocks, std::size_t count, float* out)
{
    for (std::size_t b = 0; b < count; ++b, blocks += 18, out += 32) {
        const float d = halfAt(blocks);
        const std::uint8_t* qs = bytesAt(blocks + 2);
        for (int j = 0; j < 16; ++j)
            out[j] = float((qs[j] & 0x0F) - 8) * d;
        for (int j = 0; j < 16; ++j)
            out[j + 16] = float((qs[j] >> 4) - 8) * d;
    }
}

// block_q4_K {half d, dmin; uint8 scales[12], qs[128]}: eight sub-blocks of 32, each
// (d · scale) · nibble − (dmin · min); a byte of qs holds sub-block 2i (low) and 2i+1 (high).
void dequantizeQ4_K(const std::byte* blocks, std::size_t count, float* out)
{
    for (std::size_t b = 0; b < count; ++b, blocks += 144) {
        const float d = halfAt(blocks);
        const float dmin = halfAt(blocks + 2);
        const std::uint8_t* scales = bytesAt(blocks + 4);
        const std::uint8_t* q = bytesAt(blocks + 16);
        for (int j = 0; j < 8; j += 2, q += 32, out += 64) {
            float scale, min;
            scaleMinK4(j, scales, scale, min);
            const float d1 = d * scale, m1 = dmin * min;
            scaleMinK4(j + 1, scales, scale, min);
            const float d2 = d * scale, m2 = dmin * min;
            for (int l = 0; l < 32; ++l)
                out[l] = d1 * float(q[l] & 0xF) - m1;
            for (int l = 0; l < 32; ++l)
                out[l + 32] = d2 * float(q[l] >> 4) - m2;
        }
    }
}

// block_q6_K {uint8 ql[128], qh[64]; int8 scales[16]; half d}: 6-bit values (4 low bits in ql,
// 2 high bits in qh) minus 32, times d · scale of their sub-block of 16.
void dequantizeQ6_K(const std::byte* blocks, std::size_t count, float* out)
{
    for (std::size_t b = 0; b < count; ++b, blocks += 210) {
        const float d = halfAt(blocks + 208);
        const std::uint8_t* ql = bytesAt(blocks);
        const std::uint8_t* qh = bytesAt(blocks + 128);
        const auto* sc = reinterpret_cast<const std::int8_t*>(blocks + 192);
        for (int n = 0; n < 2; ++n, ql += 64, qh += 32, sc += 8, out += 128) {
            for (int half = 0; half < 2; ++half) { // ggml's is = l / 16
                const float s1 = d * float(sc[half]), s2 = d * float(sc[half + 2]);
                const float s3 = d * float(sc[half + 4]), s4 = d * float(sc[half + 6]);
                for (int l = 16 * half; l < 16 * half + 16; ++l) {
                    const int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                    const int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                    const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                    const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                    out[l] = s1 * float(q1);
                    out[l + 32] = s2 * float(q2);
                    out[l + 64] = s3 * float(q3);
                    out[l + 96] = s4 * float(q4);
                }
            }
        }
    }
}

} // namespace

extern const WidenKernels kWidenKernels{widenF16,       widenBF16,      dequantizeQ8_0,
                                        dequantizeQ4_0, dequantizeQ4_K, dequantizeQ6_K};

} // namespace attnviz::io::ATTNVIZ_ISA_NS

ATTNVIZ_ISA_END
