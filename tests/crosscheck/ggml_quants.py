"""ggml's block formats in numpy, written from ggml-common.h (block structs) and ggml-quants.c
(quantize_row_*_ref, dequantize_row_*), independently of AttnViz's C++.

quantize(type, x) turns float32 rows into the blocks as a GGUF file stores them; dequantize(type,
blocks) computes ggml's float32 values from those bytes with the same float32 operations, in the
same order, as dequantize_row_* (numpy does not fuse multiply-adds). random_blocks() makes blocks
from random bytes (finite fp16 scales), reaching bit patterns a quantiser never writes.

Q8_0 and Q4_0 follow ggml's reference quantisers. Q4_K and Q6_K use a simple min/max (Q4_K) and
max-magnitude (Q6_K) choice of scales instead of ggml's iterative search: their blocks are valid
and use every field (6-bit scales with their high bits, negative Q6_K scales), which is what a
test of dequantisation needs.
"""
import numpy as np

QK = {"Q8_0": 32, "Q4_0": 32, "Q4_K": 256, "Q6_K": 256}
BLOCK_BYTES = {"Q8_0": 34, "Q4_0": 18, "Q4_K": 144, "Q6_K": 210}
GGML_TYPE = {"F32": 0, "Q4_0": 2, "Q8_0": 8, "Q4_K": 12, "Q6_K": 14}

f32 = np.float32


def _fp16_bytes(values):
    return np.asarray(values, dtype=np.float32).astype("<f2").view(np.uint8).reshape(-1, 2)


def _fp16_at(blocks, offset):
    return blocks[:, offset:offset + 2].copy().view("<f2").astype(np.float32).reshape(-1)


def _roundf(v):
    """C's roundf: to nearest, ties away from zero (exact in float64 for these magnitudes)."""
    v = np.asarray(v, dtype=np.float64)
    return np.sign(v) * np.floor(np.abs(v) + 0.5)


def _nearest_int(v):
    """ggml's nearest_int: round to nearest, ties to even (the 1.5*2^23 trick)."""
    return np.rint(np.asarray(v, dtype=np.float32)).astype(np.int64)


# --- quantisers: x is (blocks, QK) float32 ---------------------------------------------------

def _quantize_q8_0(x):
    amax = np.abs(x).max(axis=1)
    d = (amax / f32(127)).astype(np.float32)
    inv = np.where(d != 0, f32(1) / np.where(d != 0, d, f32(1)), f32(0)).astype(np.float32)
    qs = _roundf(x * inv[:, None]).astype(np.int8)
    return np.concatenate([_fp16_bytes(d), qs.view(np.uint8)], axis=1)


def _quantize_q4_0(x):
    # The value of largest magnitude, the first one on ties, keeps its sign: d = max / -8.
    idx = np.abs(x).argmax(axis=1)
    mx = x[np.arange(len(x)), idx]
    d = (mx / f32(-8)).astype(np.float32)
    inv = np.where(d != 0, f32(1) / np.where(d != 0, d, f32(1)), f32(0)).astype(np.float32)
    q = np.trunc((x * inv[:, None]).astype(np.float32) + f32(8.5)).astype(np.int64)
    q = np.minimum(15, q).astype(np.uint8)
    qs = q[:, :16] | (q[:, 16:] << 4)
    return np.concatenate([_fp16_bytes(d), qs], axis=1)


def _pack_scales_k4(sc, m):
    """The inverse of get_scale_min_k4: eight 6-bit scales and mins into 12 bytes."""
    out = np.zeros((len(sc), 12), dtype=np.uint8)
    out[:, 0:4] = sc[:, 0:4] | ((sc[:, 4:8] >> 4) << 6)
    out[:, 4:8] = m[:, 0:4] | ((m[:, 4:8] >> 4) << 6)
    out[:, 8:12] = (sc[:, 4:8] & 0xF) | ((m[:, 4:8] & 0xF) << 4)
    return out


def _quantize_q4_k(x):
    sub = x.reshape(len(x), 8, 32)
    lo = np.minimum(sub.min(axis=2), 0).astype(np.float32)  # the offset is never positive
    scale = ((sub.max(axis=2) - lo) / f32(15)).astype(np.float32)
    d = (scale.max(axis=1) / f32(63)).astype(np.float32)
    dmin = (-lo.min(axis=1) / f32(63)).astype(np.float32)
    d16 = d.astype(np.float16).astype(np.float32)
    dmin16 = dmin.astype(np.float16).astype(np.float32)
    sc = np.clip(_nearest_int(scale / np.where(d16 > 0, d16, 1)[:, None]), 0, 63).astype(np.uint8)
    m = np.clip(_nearest_int(-lo / np.where(dmin16 > 0, dmin16, 1)[:, None]), 0, 63).astype(np.uint8)
    step = (d16[:, None] * sc).astype(np.float32)
    offset = (dmin16[:, None] * m).astype(np.float32)
    q = _nearest_int((sub + offset[:, :, None]) / np.where(step > 0, step, 1)[:, :, None])
    q = np.clip(q, 0, 15).astype(np.uint8).reshape(len(x), 4, 2, 32)
    qs = (q[:, :, 0, :] | (q[:, :, 1, :] << 4)).reshape(len(x), 128)
    return np.concatenate([_fp16_bytes(d16), _fp16_bytes(dmin16), _pack_scales_k4(sc, m), qs],
                          axis=1)


def _quantize_q6_k(x):
    sub = x.reshape(len(x), 16, 16)
    idx = np.abs(sub).argmax(axis=2)
    scale = (np.take_along_axis(sub, idx[:, :, None], axis=2)[:, :, 0] / f32(-32)).astype(np.float32)
    big = np.abs(scale).argmax(axis=1)
    max_scale = scale[np.arange(len(x)), big]
    iscale = np.where(max_scale != 0, f32(-128) / np.where(max_scale != 0, max_scale, 1), 0)
    d = np.where(iscale != 0, f32(1) / np.where(iscale != 0, iscale, 1), 0).astype(np.float32)
    sc = np.clip(_nearest_int(iscale[:, None] * scale), -128, 127).astype(np.int8)
    d16 = d.astype(np.float16).astype(np.float32)
    step = (d16[:, None] * sc).astype(np.float32)
    q = _nearest_int(sub / np.where(step != 0, step, 1)[:, :, None])
    q = (np.clip(q, -32, 31) + 32).astype(np.uint8).reshape(len(x), 2, 4, 32)  # L in ggml
    ql = np.concatenate([q[:, :, 0] & 0xF | (q[:, :, 2] & 0xF) << 4,
                         q[:, :, 1] & 0xF | (q[:, :, 3] & 0xF) << 4], axis=2).reshape(len(x), 128)
    qh = (q[:, :, 0] >> 4 | (q[:, :, 1] >> 4) << 2 | (q[:, :, 2] >> 4) << 4
          | (q[:, :, 3] >> 4) << 6).reshape(len(x), 64)
    return np.concatenate([ql, qh, sc.view(np.uint8), _fp16_bytes(d16)], axis=1)


_QUANTIZERS = {"Q8_0": _quantize_q8_0, "Q4_0": _quantize_q4_0, "Q4_K": _quantize_q4_k,
               "Q6_K": _quantize_q6_k}


def quantize(qtype, x):
    """float32 values, a multiple of the block size in all, → the stored bytes (uint8)."""
    x = np.asarray(x, dtype=np.float32).reshape(-1, QK[qtype])
    blocks = _QUANTIZERS[qtype](x)
    assert blocks.shape == (len(x), BLOCK_BYTES[qtype]), blocks.shape
    return blocks.reshape(-1)


def random_blocks(qtype, rng, count):
    """Random bytes, with each fp16 scale replaced by a random finite value (zero and subnormal
    included), so that every value stays finite."""
    blocks = rng.integers(0, 256, size=(count, BLOCK_BYTES[qtype]), dtype=np.uint8)
    offsets = {"Q8_0": [0], "Q4_0": [0], "Q4_K": [0, 2], "Q6_K": [208]}[qtype]
    for offset in offsets:
        bits = rng.integers(0, 0x7C00, size=count, dtype=np.uint16)  # finite magnitudes
        bits |= rng.integers(0, 2, size=count, dtype=np.uint16) << 15
        blocks[:, offset:offset + 2] = bits.astype("<u2").view(np.uint8).reshape(-1, 2)
    return blocks.reshape(-1)


# --- dequantisers: ggml's formulas, float32 throughout ----------------------------------------

def _get_scale_min_k4(j, q):
    if j < 4:
        return q[:, j] & 63, q[:, j + 4] & 63
    return ((q[:, j + 4] & 0xF) | ((q[:, j - 4] >> 6) << 4),
            (q[:, j + 4] >> 4) | ((q[:, j] >> 6) << 4))


def dequantize(qtype, data):
    b = np.asarray(data, dtype=np.uint8).reshape(-1, BLOCK_BYTES[qtype])
    n = len(b)
    if qtype == "Q8_0":
        d = _fp16_at(b, 0)
        return (b[:, 2:].view(np.int8).astype(np.float32) * d[:, None]).reshape(-1)
    if qtype == "Q4_0":
        d = _fp16_at(b, 0)[:, None]
        qs = b[:, 2:].astype(np.int32)
        x0 = ((qs & 0x0F) - 8).astype(np.float32)
        x1 = ((qs >> 4) - 8).astype(np.float32)
        return np.concatenate([x0 * d, x1 * d], axis=1).reshape(-1)
    if qtype == "Q4_K":
        d, dmin = _fp16_at(b, 0), _fp16_at(b, 2)
        scales, q = b[:, 4:16], b[:, 16:]
        y = np.empty((n, 256), dtype=np.float32)
        for j in range(4):  # ggml: j = 0, 64, 128, 192; is = 2j
            sc1, m1 = _get_scale_min_k4(2 * j, scales)
            sc2, m2 = _get_scale_min_k4(2 * j + 1, scales)
            d1, mn1 = d * sc1.astype(np.float32), dmin * m1.astype(np.float32)
            d2, mn2 = d * sc2.astype(np.float32), dmin * m2.astype(np.float32)
            ql = q[:, 32 * j:32 * j + 32]
            y[:, 64 * j:64 * j + 32] = d1[:, None] * (ql & 0xF).astype(np.float32) - mn1[:, None]
            y[:, 64 * j + 32:64 * j + 64] = d2[:, None] * (ql >> 4).astype(np.float32) - mn2[:, None]
        return y.reshape(-1)
    if qtype == "Q6_K":
        d = _fp16_at(b, 208)
        ql_all, qh_all, sc_all = b[:, :128], b[:, 128:192], b[:, 192:208].view(np.int8)
        y = np.empty((n, 256), dtype=np.float32)
        for half in range(2):  # ggml: n = 0, 128
            ql = ql_all[:, 64 * half:64 * half + 64].astype(np.int32)
            qh = qh_all[:, 32 * half:32 * half + 32].astype(np.int32)
            sc = sc_all[:, 8 * half:8 * half + 8].astype(np.float32)
            l = np.arange(32)
            is_ = l // 16
            q1 = ((ql[:, l] & 0xF) | (((qh[:, l] >> 0) & 3) << 4)) - 32
            q2 = ((ql[:, l + 32] & 0xF) | (((qh[:, l] >> 2) & 3) << 4)) - 32
            q3 = ((ql[:, l] >> 4) | (((qh[:, l] >> 4) & 3) << 4)) - 32
            q4 = ((ql[:, l + 32] >> 4) | (((qh[:, l] >> 6) & 3) << 4)) - 32
            base = 128 * half
            for k, qk in enumerate((q1, q2, q3, q4)):
                s = (d[:, None] * sc[:, is_ + 2 * k]).astype(np.float32)
                y[:, base + 32 * k:base + 32 * k + 32] = s * qk.astype(np.float32)
        return y.reshape(-1)
    raise ValueError(qtype)
