#!/usr/bin/python3
"""Runs attnviz-model-bench and a PyTorch eager LLaMA forward that returns every layer's attention,
side by side on the same SmolLM-135M-shaped random BF16 weights, single-threaded, and prints the
medians, the ratios and the knockout recompute costs against (N - l) / N of a forward.

Usage: /usr/bin/python3 tests/bench/compare_model_torch.py build/release/tests/bench/attnviz-model-bench

The weights (hidden 576, 30 layers, 9/3 heads, FFN 1536, vocab 49152, tied; 270 MB) are written
once to $TMPDIR/attnviz-bench-smollm135m. PyTorch runs tools/demo_model/llama.py (HF's eager
LLaMA) in float32 on the same values, as transformers does on CPU.
"""
import json
import os
import statistics
import struct
import sys
import tempfile
import time

import numpy as np

from compare_torch import attnviz_medians_ms  # sets the one-thread environment first
import torch  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools", "demo_model"))
from llama import LlamaForCausalLM  # noqa: E402

CONFIG = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 576,
          "num_hidden_layers": 30, "num_attention_heads": 9, "num_key_value_heads": 3,
          "head_dim": 64, "intermediate_size": 1536, "vocab_size": 49152,
          "max_position_embeddings": 2048, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
          "hidden_act": "silu", "tie_word_embeddings": True, "torch_dtype": "bfloat16"}
LENGTHS = [16, 256]
LAYERS = [0, 15, 29]


def shapes(cfg):
    d, f, hd = cfg["hidden_size"], cfg["intermediate_size"], cfg["head_dim"]
    q, kv = cfg["num_attention_heads"] * hd, cfg["num_key_value_heads"] * hd
    out = {"model.embed_tokens.weight": (cfg["vocab_size"], d), "model.norm.weight": (d,)}
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        out.update({p + "input_layernorm.weight": (d,), p + "post_attention_layernorm.weight": (d,),
                    p + "self_attn.q_proj.weight": (q, d), p + "self_attn.k_proj.weight": (kv, d),
                    p + "self_attn.v_proj.weight": (kv, d), p + "self_attn.o_proj.weight": (d, q),
                    p + "mlp.gate_proj.weight": (f, d), p + "mlp.up_proj.weight": (f, d),
                    p + "mlp.down_proj.weight": (d, f)})
    return out


def bf16_values(name, shape, rng):
    base = 1.0 if name.endswith("norm.weight") else 0.0
    z = (base + 0.02 * rng.standard_normal(int(np.prod(shape)))).astype(np.float32)
    return (z.view(np.uint32) >> 16).astype(np.uint16).reshape(shape)


def write_model(folder):
    """Seeded random BF16 weights in HF layout; returns them widened to float32."""
    rng = np.random.default_rng(135)
    tensors = {name: bf16_values(name, shape, rng) for name, shape in shapes(CONFIG).items()}
    header, offset = {}, 0
    for name, t in tensors.items():
        header[name] = {"dtype": "BF16", "shape": list(t.shape),
                        "data_offsets": [offset, offset + t.nbytes]}
        offset += t.nbytes
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "model.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for t in tensors.values():
            f.write(t.tobytes())
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(CONFIG, f)
    return {name: (t.astype(np.uint32) << 16).view(np.float32) for name, t in tensors.items()}


def torch_medians_ms(weights, budget_s=3.0):
    torch.set_num_threads(1)
    model = LlamaForCausalLM(CONFIG).eval()
    model.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()}, strict=True)
    medians = {}
    with torch.no_grad():
        for length in LENGTHS:
            ids = torch.tensor([[(t * 7919 + 13) % CONFIG["vocab_size"] for t in range(length)]])
            model(ids)
            times, start = [], time.perf_counter()
            while len(times) < 5 or (time.perf_counter() - start < budget_s and len(times) < 50):
                t = time.perf_counter()
                logits, attentions = model(ids)
                times.append(time.perf_counter() - t)
            medians[length] = statistics.median(times) * 1e3
    return medians


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = os.path.join(tempfile.gettempdir(), "attnviz-bench-smollm135m")
    weights = write_model(folder)
    ours = attnviz_medians_ms(sys.argv[1], {"ATTNVIZ_BENCH_MODEL": folder})
    ref = torch_medians_ms(weights)
    layers = CONFIG["num_hidden_layers"]
    print(f"torch {torch.__version__}, 1 thread; attnviz medians of 7 repetitions")
    print(f"{'T':>5} {'attnviz':>10} {'torch':>10} {'ratio':>6}")
    for length in LENGTHS:
        fwd = ours[f"BM_ModelForward/T:{length}"]
        print(f"{length:>5} {fwd:>7.1f} ms {ref[length]:>7.1f} ms {fwd / ref[length]:>6.2f}")
    print(f"{'T':>5} {'layer':>5} {'recompute':>10} {'/forward':>9} {'(N-l)/N':>8}")
    for length in LENGTHS:
        fwd = ours[f"BM_ModelForward/T:{length}"]
        for layer in LAYERS:
            k = ours[f"BM_KnockoutRecompute/T:{length}/layer:{layer}"]
            print(f"{length:>5} {layer:>5} {k:>7.1f} ms {k / fwd:>9.2f} "
                  f"{(layers - layer) / layers:>8.2f}")


if __name__ == "__main__":
    main()
