"""The two float64 PyTorch references a case is compared with.

(1) `transcription`: the reference post's maths written out literally in torch (with its bugs
    fixed: K/V use their own projections, masked_fill's result is kept).
(2) `functional_mha`: torch.nn.functional.multi_head_attention_forward, driven so that it has the
    same semantics as the engine (see its docstring for how).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

LARGE_NEGATIVE = -1e9


def _t(array, dtype=np.float64):
    return torch.from_numpy(np.ascontiguousarray(array, dtype=dtype))


def score_factor(case):
    """What the engine multiplies QKᵀ by: 1/√d_k (unless --no-scale), then 1/T."""
    return (1.0 if case.no_scale else 1.0 / math.sqrt(case.dk)) / case.temperature


def transcription(case, dtype=np.float64):
    """Returns (scores before masking H×L×S, weights H×L×S, output L×D) as numpy arrays,
    computed in `dtype` (float64 for the reference; float32 only to estimate rounding noise)."""
    w = {k: _t(v, dtype) for k, v in case.w.items()}
    x, xk = _t(case.x, dtype), _t(case.xk, dtype)
    L, S, H, dk = case.L, case.S, case.H, case.dk
    q = F.linear(x, w["wq"], w["bq"]).view(L, H, dk).transpose(0, 1)   # H×L×d_k
    k = F.linear(xk, w["wk"], w["bk"]).view(S, H, dk).transpose(0, 1)  # H×S×d_k
    v = F.linear(xk, w["wv"], w["bv"]).view(S, H, dk).transpose(0, 1)
    scores = q @ k.transpose(-2, -1)
    if not case.no_scale:
        scores = scores / math.sqrt(dk)
    scores = scores / case.temperature
    masked = scores
    allowed = case.allowed()
    if allowed is not None:
        fill = LARGE_NEGATIVE if case.fill == "large-negative" else float("-inf")
        masked = scores.masked_fill(torch.from_numpy(~allowed), fill)  # replacement, not addition
    weights = torch.softmax(masked, dim=-1)
    if case.fill == "neg-inf":
        # softmax of an all -inf row is NaN; the engine defines that row as all zero.
        weights = torch.where(torch.isnan(weights), torch.zeros_like(weights), weights)
    heads = weights @ v                                                 # H×L×d_k
    concat = heads.transpose(0, 1).reshape(L, H * dk)
    output = F.linear(concat, w["wo"], w["bo"])
    return scores.numpy(), weights.numpy(), output.numpy()


def _mha(case, q_weight, q_bias, attn_mask, out_weight, out_bias):
    """One F.multi_head_attention_forward call, batch of 1; returns (L×D, H×L×S)."""
    w = case.w
    out, weights = F.multi_head_attention_forward(
        _t(case.x)[:, None, :], _t(case.xk)[:, None, :], _t(case.xk)[:, None, :],
        embed_dim_to_check=case.D, num_heads=case.H,
        in_proj_weight=None,
        in_proj_bias=torch.cat([q_bias, _t(w["bk"]), _t(w["bv"])]),
        bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
        out_proj_weight=out_weight, out_proj_bias=out_bias, training=False,
        need_weights=True, attn_mask=attn_mask,
        use_separate_proj_weight=True,
        q_proj_weight=q_weight, k_proj_weight=_t(w["wk"]), v_proj_weight=_t(w["wv"]),
        average_attn_weights=False)
    return out[:, 0, :], weights[0]


def functional_mha(case):
    """Returns (weights H×L×S, output L×D) from F.multi_head_attention_forward, float64.

    - Scaling: F.mha always divides q by √d_k, so the q projection weight *and bias* are
      multiplied by score_factor·√d_k (scaling the query input instead would miss the bias).
    - Mask: an additive float attn_mask of shape (H, L, S), -1e9 (large-negative) or -inf
      (neg-inf) where blocked. For rows that are not fully masked this equals replacement
      (exp(s - 1e9 - max) underflows to exactly 0 in float64, as exp(-1e9 - max) does).
    - Fully masked (head, row) pairs are where addition and replacement differ: additive -1e9
      gives softmax of the unmasked scores instead of uniform, and -inf gives NaN, which the out
      projection would spread over all heads. Such rows are constructed instead: the out
      projection is linear, output = b_o + Σ_h head_h·W_o[:, h]ᵀ, so each head's contribution is
      obtained from its own F.mha call (W_o restricted to head h's columns, no bias), with the
      fully masked rows' mask set to 0. Those rows then take, for large-negative, the head
      contribution and weights of an F.mha call whose q projection is zero (all scores 0 →
      uniform weights, exactly what replacement by a constant gives), and for neg-inf zero.
    """
    w = case.w
    f = score_factor(case) * math.sqrt(case.dk)
    q_weight, q_bias = _t(w["wq"]) * f, _t(w["bq"]) * f
    allowed = case.allowed()
    if allowed is None:
        return [a.numpy() for a in reversed(_mha(case, q_weight, q_bias, None, _t(w["wo"]),
                                                 _t(w["bo"])))]
    blocked_value = LARGE_NEGATIVE if case.fill == "large-negative" else float("-inf")
    additive = np.where(allowed, 0.0, blocked_value)
    full = ~allowed.any(-1)                                              # H×L
    if not full.any():
        out, weights = _mha(case, q_weight, q_bias, _t(additive), _t(w["wo"]), _t(w["bo"]))
        return weights.numpy(), out.numpy()

    additive[full] = 0.0
    zero_q = torch.zeros_like(q_weight), torch.zeros_like(q_bias)
    output = np.tile(w["bo"], (case.L, 1))
    weights = None
    for h in range(case.H):
        columns = slice(h * case.dk, (h + 1) * case.dk)
        out_weight = torch.zeros(case.D, case.D, dtype=torch.float64)
        out_weight[:, columns] = _t(w["wo"])[:, columns]
        no_bias = torch.zeros(case.D, dtype=torch.float64)
        contribution, head_weights = _mha(case, q_weight, q_bias, _t(additive), out_weight,
                                          no_bias)
        contribution, head_weights = contribution.numpy(), head_weights.numpy()
        if case.fill == "large-negative":
            uniform_out, uniform_weights = _mha(case, *zero_q, _t(additive), out_weight, no_bias)
            replacement_out, replacement_weights = uniform_out.numpy(), uniform_weights.numpy()
        else:
            replacement_out = np.zeros_like(contribution)
            replacement_weights = np.zeros_like(head_weights)
        if weights is None:
            weights = head_weights.copy()
        weights[h] = np.where(full[h][:, None], replacement_weights[h], head_weights[h])
        output += np.where(full[h][:, None], replacement_out, contribution)
    return weights, output


def float32_noise(case):
    """Relative error of the transcription computed in float32 against float64: roughly what any
    float32 engine should be expected to show on this case (printed with failures)."""
    ref = transcription(case)
    f32 = transcription(case, np.float32)
    return {name: relative_error(a, b) for name, a, b in zip(("scores", "weights", "output"),
                                                              f32, ref)}


def relative_error(ours, ref):
    """max |ours − ref| / max(1, |ref|); inf if shapes differ or ours has NaN/inf."""
    ours, ref = np.asarray(ours, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    if ours.shape != ref.shape:
        return float("inf")
    if ours.size == 0:
        return 0.0
    err = np.abs(ours - ref) / np.maximum(1.0, np.abs(ref))
    if not np.all(np.isfinite(err)):
        return float("inf")
    return float(err.max())
