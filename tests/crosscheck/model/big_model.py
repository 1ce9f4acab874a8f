#!/usr/bin/python3
"""Writes a seeded random-weight model of a real size as a HuggingFace folder, one tensor at a
time (never the whole model in memory), for the engine's speed and memory benchmarks:

  smollm-135m     LlamaForCausalLM, 576 wide, 30 layers, 9/3 heads, FFN 1536, vocab 49152
  qwen2.5-0.5b    Qwen2ForCausalLM, 896 wide, 24 layers, 14/2 heads, FFN 4864, vocab 151936

/usr/bin/python3 tests/crosscheck/model/big_model.py --shape qwen2.5-0.5b --dtype BF16 --out DIR
[--seed S] [--layers N] [--tokenizer FOLDER]. Drive it with --ids, or give --tokenizer a folder
whose tokenizer files are copied in (e.g. ../shared/testdata/tokenizers/qwen3 for Qwen2.5).
"""
import argparse
import json
import os
import shutil
import struct
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

from families import llama_shapes  # noqa: E402
from formats import encode_tensor  # noqa: E402
from torch_llama import SMOLLM_135M  # noqa: E402

SHAPES = {
    "smollm-135m": SMOLLM_135M,
    "qwen2.5-0.5b": {
        "architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 896,
        "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
        "num_key_value_heads": 2, "vocab_size": 151936, "max_position_embeddings": 32768,
        "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "tie_word_embeddings": True,
        "use_sliding_window": False, "sliding_window": 32768, "max_window_layers": 24},
}
BYTES = {"F32": 4, "F16": 2, "BF16": 2}
CHUNK_ROWS = 8192


def write_streamed(path, shapes, dtype, rng):
    """Header first (offsets from the shapes), then each tensor drawn and written in turn."""
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, (shape, _) in shapes.items():
        size = int(np.prod(shape)) * BYTES[dtype]
        header[name] = {"dtype": dtype, "shape": list(shape),
                        "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for name, (shape, kind) in shapes.items():
            for start in range(0, shape[0], CHUNK_ROWS):   # the embedding alone is 0.5 GB
                rows = (min(CHUNK_ROWS, shape[0] - start),) + tuple(shape[1:])
                z = rng.standard_normal(rows, dtype=np.float32)
                values = 1 + 0.05 * z if kind == "norm" else 0.02 * z  # initializer_range
                f.write(encode_tensor(values, dtype))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shape", choices=sorted(SHAPES), required=True)
    p.add_argument("--dtype", choices=sorted(BYTES), default="BF16")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--layers", type=int, help="fewer layers than the real model (quick runs)")
    p.add_argument("--tokenizer", help="folder whose tokenizer files are copied in")
    args = p.parse_args()
    if args.tokenizer and not os.path.isdir(args.tokenizer):
        p.error(f"--tokenizer {args.tokenizer}: no such folder")
    config = dict(SHAPES[args.shape], torch_dtype={"F32": "float32", "F16": "float16",
                                                   "BF16": "bfloat16"}[args.dtype])
    if args.layers:
        config["num_hidden_layers"] = args.layers
    bias = config["model_type"] == "qwen2"
    shapes = llama_shapes(config, bias=bias)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    write_streamed(os.path.join(args.out, "model.safetensors"), shapes, args.dtype,
                   np.random.default_rng(args.seed))
    for name in ("tokenizer.json", "tokenizer_config.json", "tokenizer.model", "vocab.json",
                 "merges.txt"):
        if args.tokenizer and os.path.exists(os.path.join(args.tokenizer, name)):
            shutil.copy(os.path.join(args.tokenizer, name), args.out)
    count = sum(int(np.prod(s)) for s, _ in shapes.values())
    print(f"big_model: {args.shape} ({config['num_hidden_layers']} layers), {count:,} parameters "
          f"as {args.dtype} in {args.out}")


if __name__ == "__main__":
    main()
