"""GPT2LMHeadModel forward in eager PyTorch, from HF's modeling_gpt2 conventions: learned
positions, pre-LN blocks, Conv1D weights stored (in, out), fused c_attn split into q/k/v,
gelu_new, final ln_f, LM head tied to wte. Tensor names with or without `transformer.`."""
import math

import numpy as np
import torch

from torch_common import Weights, attention_probs, layer_norm, outputs


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


ACTIVATIONS = {"gelu_new": gelu_new, "gelu": torch.nn.functional.gelu}


def forward(config, tensors, ids, blocked=None, dtype=torch.float64):
    w = Weights(tensors, dtype)
    p = "transformer." if "transformer.wte.weight" in w else ""
    d, heads = config["n_embd"], config["n_head"]
    dim, eps = d // heads, config.get("layer_norm_epsilon", 1e-5)
    act = ACTIVATIONS[config.get("activation_function", "gelu_new")]
    length = len(ids)
    x = w[p + "wte.weight"][torch.as_tensor(np.asarray(ids, dtype=np.int64))]
    x = x + w[p + "wpe.weight"][:length]
    attentions = []
    for layer in range(config["n_layer"]):
        b = f"{p}h.{layer}."
        h = layer_norm(x, w, b + "ln_1", eps)
        q, k, v = (t.reshape(length, heads, dim).transpose(0, 1)
                   for t in w.linear(h, b + "attn.c_attn", transposed=True).split(d, dim=-1))
        scores = q @ k.transpose(1, 2)
        if config.get("scale_attn_weights", True):
            scores = scores / math.sqrt(dim)
        if config.get("scale_attn_by_inverse_layer_idx", False):
            scores = scores / (layer + 1)
        probs = attention_probs(scores, layer, True, blocked)
        attentions.append(probs)
        mixed = (probs @ v).transpose(0, 1).reshape(length, d)
        x = x + w.linear(mixed, b + "attn.c_proj", transposed=True)
        h = layer_norm(x, w, b + "ln_2", eps)
        inner = act(w.linear(h, b + "mlp.c_fc", transposed=True))
        x = x + w.linear(inner, b + "mlp.c_proj", transposed=True)
    hidden = layer_norm(x, w, p + "ln_f", eps)
    return outputs(attentions, hidden, hidden @ w[p + "wte.weight"].T)
