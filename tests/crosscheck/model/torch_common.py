"""Pieces the torch reference forwards share: tensors from the HF state dict, linear layers with
optional bias, and attention with knockouts (a −∞ fill before the softmax)."""
import numpy as np
import torch


class Weights:
    """HF tensor name -> torch tensor in one dtype, converted once (numpy or torch input)."""

    def __init__(self, tensors, dtype):
        self.tensors, self.dtype, self.cache = tensors, dtype, {}

    def __contains__(self, name):
        return name in self.tensors

    def __getitem__(self, name):
        if name not in self.cache:
            value = self.tensors[name]
            if not isinstance(value, torch.Tensor):
                value = torch.from_numpy(np.ascontiguousarray(value))
            self.cache[name] = value.to(self.dtype)
        return self.cache[name]

    def linear(self, x, prefix, transposed=False):
        """x @ Wᵀ + b for nn.Linear ((out, in) weights), x @ W + b for GPT-2's Conv1D
        ((in, out), transposed=True); the bias is used when the file has one."""
        weight = self[prefix + ".weight"]
        y = x @ weight if transposed else x @ weight.T
        if prefix + ".bias" in self:
            y = y + self[prefix + ".bias"]
        return y


def attention_probs(scores, layer, causal, blocked):
    """softmax over keys of scores (heads, T, T) with the causal mask and this layer's knockouts
    filled with −∞. A row with every key blocked is all zero (the engine's −∞ rule), not NaN."""
    length = scores.shape[-1]
    allowed = torch.ones(scores.shape, dtype=torch.bool)
    if causal:
        allowed = allowed & torch.ones(length, length, dtype=torch.bool).tril()
    if blocked is not None:
        allowed = allowed & ~torch.from_numpy(blocked[layer])
    probs = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
    return torch.nan_to_num(probs, nan=0.0)


def layer_norm(x, weights, prefix, eps):
    return torch.nn.functional.layer_norm(x, x.shape[-1:], weights[prefix + ".weight"],
                                          weights[prefix + ".bias"], eps)


def outputs(attentions, hidden, logits):
    """The reference result: numpy float64 arrays as the CLI writes them."""
    result = {"attentions": torch.stack(attentions).numpy(), "hidden": hidden.numpy()}
    if logits is not None:
        result["logits"] = logits.numpy()
    return result
