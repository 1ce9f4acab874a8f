#!/usr/bin/python3
"""Writes the dequantisation cross-check for tst_dequantize: DIR/quant.gguf holds Q8_0, Q4_0, Q4_K
and Q6_K tensors quantised in numpy (ggml_quants.py) from seeded random floats of several scales,
plus tensors of random blocks; DIR/expected.gguf holds, under the same names, the F32 values
numpy computes from those bytes with ggml's dequantisation formulas.

Run with Debian's /usr/bin/python3 (python3-numpy): quant_cases.py --seed N --out DIR
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import numpy as np

from ggml_quants import GGML_TYPE, QK, dequantize, quantize, random_blocks
from gguf_writer import gguf_bytes


def cases(rng):
    """(name, type, rows, cols, stored bytes) for every type and kind of content."""
    for qtype in ("Q8_0", "Q4_0", "Q4_K", "Q6_K"):
        qk = QK[qtype]
        for scale in (1e-3, 0.05, 1.0, 300.0):
            rows, cols = int(rng.integers(1, 5)), qk * int(rng.integers(1, 4))
            x = (rng.standard_normal((rows, cols)) * scale).astype(np.float32)
            yield f"{qtype}.normal{scale:g}", qtype, rows, cols, quantize(qtype, x)
        # Blocks of zeros, one outlier, all negative, all positive, constant.
        special = np.zeros((5, qk), dtype=np.float32)
        special[1, qk // 3] = 7.5
        special[2] = -np.abs(rng.standard_normal(qk))
        special[3] = np.abs(rng.standard_normal(qk)) + 1
        special[4] = 0.25
        yield f"{qtype}.special", qtype, 5, qk, quantize(qtype, special)
        rows = int(rng.integers(2, 6))
        yield f"{qtype}.random", qtype, rows, qk * 2, random_blocks(qtype, rng, rows * 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    quantised, expected = [], []
    for name, qtype, rows, cols, blocks in cases(rng):
        ne = [cols, rows]
        quantised.append((name, GGML_TYPE[qtype], ne, blocks.tobytes()))
        values = dequantize(qtype, blocks).astype("<f4")
        assert values.size == rows * cols and np.isfinite(values).all(), name
        expected.append((name, GGML_TYPE["F32"], ne, values.tobytes()))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "quant.gguf"), "wb") as f:
        f.write(gguf_bytes([], quantised))
    with open(os.path.join(args.out, "expected.gguf"), "wb") as f:
        f.write(gguf_bytes([], expected))
    print(f"quant_cases: {len(quantised)} tensors written to {args.out}")


if __name__ == "__main__":
    main()
