"""LLaMA-family forward in eager PyTorch, from HF's modeling_llama / modeling_mistral /
modeling_qwen2 conventions (RMSNorm, rotate_half RoPE with optional llama3 scaling, GQA by
repeat_interleave, SwiGLU, tied or untied head, q/k/v biases when the file has them), returning
every layer's attention.

Two uses: forward(..., dtype=torch.float64) is the cross-check reference (with knockouts);
smollm_135m() + bench_forward() are the benchmark's PyTorch side (float32, threads settable).
A bench script imports it with tests/crosscheck/model on sys.path; set OPENBLAS_NUM_THREADS /
OMP_NUM_THREADS before importing torch, as tests/bench/compare_torch.py does, since
torch.set_num_threads alone does not pin OpenBLAS. Standalone:
    /usr/bin/python3 tests/crosscheck/model/torch_llama.py [--threads 1] [--lengths 16 256]
prints the median forward time of the SmolLM-135M shape per length.
"""
import argparse
import math
import statistics
import sys
import time

sys.dont_write_bytecode = True  # run as a script: no __pycache__ for torch_common in the tree

import numpy as np  # noqa: E402
import torch  # noqa: E402

from torch_common import Weights, attention_probs, outputs  # noqa: E402

SMOLLM_135M = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 576,
    "intermediate_size": 1536, "num_hidden_layers": 30, "num_attention_heads": 9,
    "num_key_value_heads": 3, "vocab_size": 49152, "max_position_embeddings": 2048,
    "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "tie_word_embeddings": True,
}


def head_dim(config):
    return config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]


def llama3_inv_freq(inv_freq, scaling):
    """modeling_rope_utils._compute_llama3_parameters: long wavelengths divided by `factor`,
    short ones kept, the band between interpolated smoothly."""
    factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
    old_context = scaling["original_max_position_embeddings"]
    wavelen = 2 * math.pi / inv_freq
    scaled = torch.where(wavelen > old_context / low, inv_freq / factor, inv_freq)
    smooth = (old_context / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelen < old_context / high) & ~(wavelen > old_context / low)
    return torch.where(medium, smoothed, scaled)


def rope_cos_sin(config, length, dtype):
    dim = head_dim(config)
    exponents = torch.arange(0, dim, 2, dtype=torch.float64) / dim
    inv_freq = 1.0 / config.get("rope_theta", 10000.0) ** exponents
    scaling = config.get("rope_scaling")
    if scaling:
        kind = scaling.get("rope_type", scaling.get("type"))
        if kind != "llama3":
            raise ValueError(f"rope_scaling type {kind!r} is not supported")
        inv_freq = llama3_inv_freq(inv_freq, scaling)
    angles = torch.arange(length, dtype=torch.float64)[:, None] * inv_freq[None, :]
    angles = torch.cat([angles, angles], dim=-1)
    return angles.cos().to(dtype), angles.sin().to(dtype)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def rms_norm(x, weight, eps):
    return weight * (x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps))


def forward(config, tensors, ids, blocked=None, dtype=torch.float64):
    """tensors: HF name -> array (as the file stores it, widened); ids: token ids; blocked:
    knockout mask (layers, heads, T, T) or None. Returns attentions, hidden and logits."""
    w = tensors if isinstance(tensors, Weights) else Weights(tensors, dtype)
    heads, dim = config["num_attention_heads"], head_dim(config)
    kv_heads = config.get("num_key_value_heads") or heads
    eps = config.get("rms_norm_eps", 1e-6)
    length = len(ids)
    cos, sin = rope_cos_sin(config, length, dtype)
    x = w["model.embed_tokens.weight"][torch.as_tensor(np.asarray(ids, dtype=np.int64))]
    attentions = []
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = w.linear(h, p + "self_attn.q_proj").view(length, heads, dim).transpose(0, 1)
        k = w.linear(h, p + "self_attn.k_proj").view(length, kv_heads, dim).transpose(0, 1)
        v = w.linear(h, p + "self_attn.v_proj").view(length, kv_heads, dim).transpose(0, 1)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv_heads, dim=0)
        v = v.repeat_interleave(heads // kv_heads, dim=0)
        probs = attention_probs(q @ k.transpose(1, 2) / math.sqrt(dim), layer, True, blocked)
        attentions.append(probs)
        mixed = (probs @ v).transpose(0, 1).reshape(length, heads * dim)
        x = x + w.linear(mixed, p + "self_attn.o_proj")
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gated = torch.nn.functional.silu(w.linear(h, p + "mlp.gate_proj"))
        x = x + w.linear(gated * w.linear(h, p + "mlp.up_proj"), p + "mlp.down_proj")
    hidden = rms_norm(x, w["model.norm.weight"], eps)
    tied = config.get("tie_word_embeddings", False) or "lm_head.weight" not in w
    head = w["model.embed_tokens.weight" if tied else "lm_head.weight"]
    return outputs(attentions, hidden, hidden @ head.T)


def smollm_135m(seed=0, dtype=torch.float32):
    """Seeded random weights of the SmolLM-135M shape: (config, Weights) for bench_forward."""
    c = SMOLLM_135M
    d, f, kv = c["hidden_size"], c["intermediate_size"], c["num_key_value_heads"] * 64
    g = torch.Generator().manual_seed(seed)
    randn = lambda *shape: torch.randn(*shape, generator=g, dtype=dtype) * 0.05
    tensors = {"model.embed_tokens.weight": randn(c["vocab_size"], d),
               "model.norm.weight": torch.ones(d, dtype=dtype)}
    for layer in range(c["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        shapes = {"self_attn.q_proj": (d, d), "self_attn.k_proj": (kv, d),
                  "self_attn.v_proj": (kv, d), "self_attn.o_proj": (d, d),
                  "mlp.gate_proj": (f, d), "mlp.up_proj": (f, d), "mlp.down_proj": (d, f)}
        for name, shape in shapes.items():
            tensors[p + name + ".weight"] = randn(*shape)
        tensors[p + "input_layernorm.weight"] = torch.ones(d, dtype=dtype)
        tensors[p + "post_attention_layernorm.weight"] = torch.ones(d, dtype=dtype)
    return c, Weights(tensors, dtype)


def bench_forward(config, weights, ids, threads=1):
    """One float32 forward returning all attentions, as the benchmark times it."""
    torch.set_num_threads(threads)
    with torch.no_grad():
        return forward(config, weights, ids, dtype=weights.dtype)


def median_ms(config, weights, length, threads, budget_s=5.0):
    ids = [i % config["vocab_size"] for i in range(length)]
    bench_forward(config, weights, ids, threads)   # warm-up
    times, start = [], time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < budget_s and len(times) < 50):
        t = time.perf_counter()
        bench_forward(config, weights, ids, threads)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main():
    parser = argparse.ArgumentParser(description="PyTorch eager SmolLM-135M-shape forward times")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--lengths", type=int, nargs="+", default=[16, 256])
    args = parser.parse_args()
    config, weights = smollm_135m()
    for length in args.lengths:
        print(f"torch eager SmolLM-135M shape, T={length}, {args.threads} thread(s): "
              f"{median_ms(config, weights, length, args.threads):.1f} ms (median)")


if __name__ == "__main__":
    sys.exit(main())
