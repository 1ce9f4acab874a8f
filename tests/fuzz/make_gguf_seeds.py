#!/usr/bin/python3
"""Writes the GGUF fuzzer's seed corpus (tests/fuzz/corpus/gguf): small valid files that reach
every part of the reader: each metadata type as a scalar and as an array, the tokenizer keys a
model carries, tensors of every supported type (quantised by tests/crosscheck/ggml_quants.py),
version 2, a custom alignment, and a vocabulary-only file without tensors.

Run with Debian's /usr/bin/python3 (python3-numpy) after changing it; the files are committed.
"""
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "crosscheck"))

import numpy as np

from ggml_quants import GGML_TYPE, quantize
from gguf_writer import (ARR, BOOL, F32, F64, I8, I16, I32, I64, STR, U8, U16, U32, U64,
                         gguf_bytes, metadata)

F16_TYPE, BF16_TYPE = 1, 30


def tokenizer_keys():
    tokens = ["<unk>", "<s>", "</s>", "\u2581the", "<0x0A>", "\u00e9"]
    return [
        metadata("general.architecture", STR, "llama"),
        metadata("llama.block_count", U32, 1),
        metadata("llama.attention.layer_norm_rms_epsilon", F32, 1e-5),
        metadata("tokenizer.ggml.model", STR, "llama"),
        metadata("tokenizer.ggml.tokens", ARR, (STR, tokens)),
        metadata("tokenizer.ggml.scores", ARR, (F32, [0.0, 0.0, 0.0, -1.5, -2.0, -3.0])),
        metadata("tokenizer.ggml.token_type", ARR, (I32, [2, 3, 3, 1, 6, 1])),
        metadata("tokenizer.ggml.merges", ARR, (STR, ["\u2581 t", "h e"])),
        metadata("tokenizer.ggml.bos_token_id", U32, 1),
        metadata("tokenizer.ggml.add_bos_token", BOOL, True),
    ]


def every_type():
    scalars = [(U8, 200), (I8, -5), (U16, 65535), (I16, -300), (U32, 2**32 - 1), (I32, -7),
               (U64, 2**64 - 1), (I64, -2**63), (F32, 0.5), (F64, -1e300), (BOOL, False),
               (STR, "x")]
    pairs = [metadata(f"s{tag}", tag, value) for tag, value in scalars]
    pairs += [metadata(f"a{tag}", ARR, (tag, [value, value])) for tag, value in scalars]
    pairs.append(metadata("empty", ARR, (U8, [])))
    return pairs


def float_tensors(rng):
    x = rng.standard_normal((2, 8)).astype(np.float32)
    return [("f32", GGML_TYPE["F32"], [8, 2], x.tobytes()),
            ("f16", F16_TYPE, [8, 2], x.astype("<f2").tobytes()),
            ("bf16", BF16_TYPE, [8, 2], (x.view("<u4") >> 16).astype("<u2").tobytes()),
            ("scalar", GGML_TYPE["F32"], [], np.float32(1.5).tobytes())]


def quant_tensors(rng):
    out = []
    for qtype, cols in (("Q8_0", 32), ("Q4_0", 32), ("Q4_K", 256), ("Q6_K", 256)):
        x = rng.standard_normal(cols).astype(np.float32)
        out.append((qtype.lower(), GGML_TYPE[qtype], [cols, 1], quantize(qtype, x).tobytes()))
    return out


def main():
    rng = np.random.default_rng(12)
    folder = os.path.join(HERE, "corpus", "gguf")
    os.makedirs(folder, exist_ok=True)
    seeds = {
        "llama_f32.gguf": gguf_bytes(tokenizer_keys(), float_tensors(rng)),
        "quantised.gguf": gguf_bytes([metadata("general.architecture", STR, "llama")],
                                     quant_tensors(rng)),
        "every_type.gguf": gguf_bytes(every_type(), []),
        "v2_align64.gguf": gguf_bytes([metadata("general.name", STR, "v2")],
                                      float_tensors(rng)[:2], alignment=64, version=2),
        "vocab_only.gguf": gguf_bytes(tokenizer_keys(), []),
    }
    for name, data in seeds.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
