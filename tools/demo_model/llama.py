"""A LLaMA decoder in plain PyTorch that computes what HF's modeling_llama (eager attention) does,
with HF's parameter names, plus a per-head knockout; and the HF folder's config.json and
safetensors.

Written here because Debian packages neither `transformers` nor `safetensors`.
"""

import json
import struct

import numpy as np
import torch
from torch import nn


def config_dict(vocab_size, hidden, layers, heads, intermediate, max_positions, rope_theta):
    return {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "vocab_size": vocab_size, "hidden_size": hidden, "intermediate_size": intermediate,
        "num_hidden_layers": layers, "num_attention_heads": heads, "num_key_value_heads": heads,
        "head_dim": hidden // heads, "hidden_act": "silu", "max_position_embeddings": max_positions,
        "rms_norm_eps": 1e-5, "rope_theta": rope_theta, "rope_scaling": None,
        "attention_bias": False, "attention_dropout": 0.0, "mlp_bias": False,
        "tie_word_embeddings": True, "bos_token_id": 0, "eos_token_id": 1,
        "initializer_range": 0.02, "pretraining_tp": 1, "use_cache": True, "torch_dtype": "float32",
    }


def head_dim(cfg):
    return cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]


class RMSNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def _rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, self.heads, self.kv_heads = cfg["hidden_size"], cfg["num_attention_heads"], cfg[
            "num_key_value_heads"]
        self.head_dim = head_dim(cfg)
        self.q_proj = nn.Linear(d, self.heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(d, self.kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(d, self.kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_dim, d, bias=False)

    def forward(self, x, cos, sin, keep):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q, k = q * cos + _rotate_half(q) * sin, k * cos + _rotate_half(k) * sin
        k = k.repeat_interleave(self.heads // self.kv_heads, dim=1)  # HF's repeat_kv
        v = v.repeat_interleave(self.heads // self.kv_heads, dim=1)
        scores = q @ k.transpose(2, 3) * self.head_dim**-0.5
        future = torch.ones(t, t, dtype=torch.bool).triu(1)
        probs = torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
        if keep is not None:
            # A knocked-out head has every key blocked: with the engine's −∞ rule its rows are all
            # zero, so it adds nothing to the residual stream.
            probs = probs * keep.view(1, -1, 1, 1)
        out = (probs @ v).transpose(1, 2).reshape(b, t, -1)
        return self.o_proj(out), probs


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, f = cfg["hidden_size"], cfg["intermediate_size"]
        self.gate_proj = nn.Linear(d, f, bias=False)
        self.up_proj = nn.Linear(d, f, bias=False)
        self.down_proj = nn.Linear(f, d, bias=False)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.self_attn = Attention(cfg)
        self.mlp = MLP(cfg)
        self.input_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.post_attention_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])

    def forward(self, x, cos, sin, keep):
        attn, probs = self.self_attn(self.input_layernorm(x), cos, sin, keep)
        x = x + attn
        return x + self.mlp(self.post_attention_layernorm(x)), probs


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed_tokens = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.layers = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg["num_hidden_layers"]))
        self.norm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])


class LlamaForCausalLM(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.model = Decoder(cfg)
        dim = head_dim(cfg)
        exponent = torch.arange(0, dim, 2, dtype=torch.int64).float() / dim
        self.register_buffer("inv_freq", 1.0 / (cfg["rope_theta"] ** exponent), persistent=False)
        for name, p in self.named_parameters():
            if p.dim() == 2:
                nn.init.normal_(p, std=cfg.get("initializer_range", 0.02))

    def forward(self, ids, keep=None):
        """Logits (B×T×V) and every layer's attention (layers × B×H×T×T). `keep`, layers × heads
        of 0/1, knocks heads out."""
        t = ids.shape[1]
        freqs = torch.arange(t, dtype=torch.float32)[:, None] * self.inv_freq[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos(), emb.sin()
        x = self.model.embed_tokens(ids)
        attentions = []
        for i, layer in enumerate(self.model.layers):
            x, probs = layer(x, cos, sin, None if keep is None else keep[i])
            attentions.append(probs)
        logits = self.model.norm(x) @ self.model.embed_tokens.weight.T  # tied lm_head
        return logits, attentions


def save_safetensors(path, tensors):
    """The safetensors layout: u64 header size, JSON header (space-padded to 8 bytes), data."""
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} is {info['dtype']}, expected F32")
        begin, end = info["data_offsets"]
        data = np.frombuffer(raw[8 + size + begin:8 + size + end], dtype="<f4")
        tensors[name] = data.reshape(info["shape"]).copy()
    return tensors


def save(model, folder):
    with open(f"{folder}/config.json", "w") as f:
        json.dump(model.cfg, f, indent=2)
        f.write("\n")
    save_safetensors(f"{folder}/model.safetensors",
                     {k: v.detach().numpy() for k, v in model.state_dict().items()})


def load(folder):
    with open(f"{folder}/config.json") as f:
        model = LlamaForCausalLM(json.load(f))
    tensors = load_safetensors(f"{folder}/model.safetensors")
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()})
    return model.eval()
