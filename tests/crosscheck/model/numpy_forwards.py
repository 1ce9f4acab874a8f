"""A second, independently written float64 formulation of the LLaMA and GPT-2 forwards, in numpy
with per-head, per-query loops, to check the torch references (self-test). The LLaMA one can take
q/k in Meta's interleaved row order with RoPE on pairs (2i, 2i+1), as GGUF files store them, and
uses Meta's loop form of the llama3 frequency scaling."""
import math

import numpy as np


def _attend(q, k, v, scale, causal, blocked_rows):
    """One head: q (T, d), k/v (T, d); blocked_rows (T, T) bool or None. Hand-rolled softmax;
    a row with nothing allowed gives zero weights."""
    length = len(q)
    probs = np.zeros((length, length))
    for i in range(length):
        keys = [j for j in range(length) if (j <= i or not causal)
                and not (blocked_rows is not None and blocked_rows[i, j])]
        if not keys:
            continue
        s = np.array([q[i] @ k[j] for j in keys]) * scale
        e = np.exp(s - s.max())
        probs[i, keys] = e / e.sum()
    return probs, probs @ v


def _llama3_frequency(freq, s):
    """Meta's apply_scaling, one frequency at a time."""
    wavelen = 2 * math.pi / freq
    low_wavelen = s["original_max_position_embeddings"] / s["low_freq_factor"]
    high_wavelen = s["original_max_position_embeddings"] / s["high_freq_factor"]
    if wavelen < high_wavelen:
        return freq
    if wavelen > low_wavelen:
        return freq / s["factor"]
    smooth = ((s["original_max_position_embeddings"] / wavelen - s["low_freq_factor"])
              / (s["high_freq_factor"] - s["low_freq_factor"]))
    return (1 - smooth) * freq / s["factor"] + smooth * freq


def _rope(x, position, freqs, interleaved):
    """Rotate each pair of x (heads, dim) by position·freq."""
    out = x.copy()
    half = x.shape[-1] // 2
    for i, freq in enumerate(freqs):
        a, b = (2 * i, 2 * i + 1) if interleaved else (i, i + half)
        c, s = math.cos(position * freq), math.sin(position * freq)
        out[:, a] = x[:, a] * c - x[:, b] * s
        out[:, b] = x[:, a] * s + x[:, b] * c
    return out


def _rms(x, w, eps):
    return np.stack([w * row / math.sqrt(float(np.mean(row ** 2)) + eps) for row in x])


def _dense(t, x, name):
    y = x @ t[name + ".weight"].T
    return y + t[name + ".bias"] if name + ".bias" in t else y


def llama(config, t, ids, blocked=None, interleaved=False):
    heads = config["num_attention_heads"]
    kv = config.get("num_key_value_heads") or heads
    dim = config.get("head_dim") or config["hidden_size"] // heads
    eps, length = config.get("rms_norm_eps", 1e-6), len(ids)
    freqs = [config.get("rope_theta", 10000.0) ** (-2 * i / dim) for i in range(dim // 2)]
    if config.get("rope_scaling"):
        freqs = [_llama3_frequency(f, config["rope_scaling"]) for f in freqs]
    x = np.asarray(t["model.embed_tokens.weight"])[np.asarray(ids)]
    attentions = []
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = _rms(x, t[p + "input_layernorm.weight"], eps)
        q = _dense(t, h, p + "self_attn.q_proj").reshape(length, heads, dim)
        k = _dense(t, h, p + "self_attn.k_proj").reshape(length, kv, dim)
        v = _dense(t, h, p + "self_attn.v_proj").reshape(length, kv, dim)
        q = np.stack([_rope(q[i], i, freqs, interleaved) for i in range(length)])
        k = np.stack([_rope(k[i], i, freqs, interleaved) for i in range(length)])
        layer_probs, mixed = [], np.zeros((length, heads * dim))
        for head in range(heads):
            g = head // (heads // kv)
            probs, out = _attend(q[:, head], k[:, g], v[:, g], 1 / math.sqrt(dim), True,
                                 None if blocked is None else blocked[layer, head])
            layer_probs.append(probs)
            mixed[:, head * dim:(head + 1) * dim] = out
        attentions.append(layer_probs)
        x = x + _dense(t, mixed, p + "self_attn.o_proj")
        h = _rms(x, t[p + "post_attention_layernorm.weight"], eps)
        gate = _dense(t, h, p + "mlp.gate_proj")
        x = x + _dense(t, gate / (1 + np.exp(-gate)) * _dense(t, h, p + "mlp.up_proj"),
                       p + "mlp.down_proj")
    hidden = _rms(x, t["model.norm.weight"], eps)
    tied = config.get("tie_word_embeddings", False) or "lm_head.weight" not in t
    head_w = t["model.embed_tokens.weight" if tied else "lm_head.weight"]
    return {"attentions": np.array(attentions), "hidden": hidden, "logits": hidden @ head_w.T}


def _layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gpt2(config, t, ids, blocked=None):
    p = "transformer." if "transformer.wte.weight" in t else ""
    d, heads = config["n_embd"], config["n_head"]
    dim, eps, length = d // heads, config.get("layer_norm_epsilon", 1e-5), len(ids)
    conv = lambda x, name: x @ t[name + ".weight"] + t[name + ".bias"]   # Conv1D: (in, out)
    norm = lambda x, name: _layer_norm(x, t[name + ".weight"], t[name + ".bias"], eps)
    x = t[p + "wte.weight"][np.asarray(ids)] + t[p + "wpe.weight"][:length]
    attentions = []
    for layer in range(config["n_layer"]):
        b = f"{p}h.{layer}."
        qkv = conv(norm(x, b + "ln_1"), b + "attn.c_attn")
        layer_probs, mixed = [], np.zeros((length, d))
        for head in range(heads):
            cols = [slice(part * d + head * dim, part * d + (head + 1) * dim) for part in range(3)]
            probs, out = _attend(qkv[:, cols[0]], qkv[:, cols[1]], qkv[:, cols[2]],
                                 1 / math.sqrt(dim), True,
                                 None if blocked is None else blocked[layer, head])
            layer_probs.append(probs)
            mixed[:, head * dim:(head + 1) * dim] = out
        attentions.append(layer_probs)
        x = x + conv(mixed, b + "attn.c_proj")
        u = conv(norm(x, b + "ln_2"), b + "mlp.c_fc")
        u = 0.5 * u * (1 + np.tanh(math.sqrt(2 / math.pi) * (u + 0.044715 * u ** 3)))
        x = x + conv(u, b + "mlp.c_proj")
    hidden = norm(x, p + "ln_f")
    return {"attentions": np.array(attentions), "hidden": hidden,
            "logits": hidden @ t[p + "wte.weight"].T}
