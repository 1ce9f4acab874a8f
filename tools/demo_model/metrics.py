"""Head metrics exactly as notes/metrics.md defines them, the knockout experiment, and a coreference
score for pronouns whose antecedent the story grammar knows."""

import numpy as np
import torch

from . import bpe

INDUCTION_N, INDUCTION_B, INDUCTION_SEED = 50, 4, 0


def forward(model, ids, keep=None):
    """Logits (B × T × V) and attention probabilities (B × layers × heads × T × T), as numpy."""
    with torch.no_grad():
        logits, attentions = model(torch.as_tensor(ids, dtype=torch.int64), keep)
    return logits.numpy(), torch.stack(attentions, dim=1).numpy()


def pattern_scores(attn):
    """previous-token, sink, self and entropy scores of attention probabilities (… × T × T),
    averaged over every leading axis but the last two of layers × heads."""
    t = attn.shape[-1]
    rows = np.arange(1, t)
    logs = np.log(np.where(attn > 0, attn, 1.0))
    scores = {
        "previous_token": attn[..., rows, rows - 1].mean(-1),
        "sink": attn[..., rows, 0].mean(-1),
        "self": np.diagonal(attn, axis1=-2, axis2=-1).mean(-1),
        "entropy": (-(attn * logs).sum(-1)).mean(-1),
    }
    return {k: v.reshape(-1, *v.shape[-2:]).mean(0) for k, v in scores.items()}


def repeated_random_tokens(vocab_size, max_positions, n=INDUCTION_N, b=INDUCTION_B,
                           seed=INDUCTION_SEED):
    """B sequences [BOS] + r + r, r = N ids drawn uniformly from the non-special tokens."""
    n = min(n, (max_positions - 1) // 2)
    r = np.random.default_rng(seed).integers(len(bpe.SPECIALS), vocab_size, size=(b, n))
    return np.concatenate([np.zeros((b, 1), dtype=np.int64), r, r], axis=1), n


def induction_run(model, seed=INDUCTION_SEED, keep=None):
    """Per-head scores on repeated random tokens, and the mean probability the model gives the
    correct repeated token at queries i = N+1 … 2N−1 (each predicts token i+1 = token i+1−N)."""
    cfg = model.cfg
    ids, n = repeated_random_tokens(cfg["vocab_size"], cfg["max_position_embeddings"], seed=seed)
    logits, attn = forward(model, ids, keep)
    queries = np.arange(n + 1, 2 * n + 1)
    scores = pattern_scores(attn)
    scores["induction"] = attn[..., queries, queries - n + 1].mean(-1).mean(0)
    probs = torch.softmax(torch.from_numpy(logits[:, n + 1:2 * n]), dim=-1).numpy()
    targets = ids[:, n + 2:2 * n + 1]
    correct = np.take_along_axis(probs, targets[..., None], axis=-1).mean()
    return scores, float(correct)


def text_scores(model, tokenizer, stories):
    """Pattern scores on stories, and per head the mean attention from a pronoun to the most recent
    mention of its antecedent ("she" → "Mia", "it" → "ball"), with what uniform attention would
    give."""
    patterns, coref, chance, links = [], 0.0, 0.0, 0
    for story in stories:
        ids, starts = tokenizer.encode(story.text, add_bos=True, with_offsets=True)
        _, attn = forward(model, [ids])
        patterns.append(pattern_scores(attn))
        token_at = {s: i for i, s in enumerate(starts)}
        for pronoun, antecedent in story.links:
            # Words carry their leading space: the token starts one character earlier.
            p = token_at.get(pronoun - 1, token_at.get(pronoun))
            a = token_at.get(antecedent - 1, token_at.get(antecedent))
            coref = coref + attn[0, :, :, p, a]
            chance += 1 / (p + 1)
            links += 1
    scores = {k: np.mean([p[k] for p in patterns], axis=0) for k in patterns[0]}
    scores["coreference"] = coref / links
    return scores, chance / links


def knockout(model, induction_head, previous_head, seed=INDUCTION_SEED):
    """The induction head's score and the correct-token probability with every head intact and
    with the previous-token head knocked out."""
    cfg = model.cfg
    keep = torch.ones(cfg["num_hidden_layers"], cfg["num_attention_heads"])
    base, base_p = induction_run(model, seed)
    keep[previous_head] = 0.0
    cut, cut_p = induction_run(model, seed, keep)
    before, after = base["induction"][induction_head], cut["induction"][induction_head]
    return {"induction_before": float(before), "induction_after": float(after),
            "induction_drop": float(1 - after / before),
            "correct_prob_before": base_p, "correct_prob_after": cut_p}


def best_heads(induction_scores, previous_scores):
    """The induction head (highest score) and the previous-token head in an earlier layer that
    feeds it (highest previous-token score there)."""
    layer, head = np.unravel_index(np.argmax(induction_scores), induction_scores.shape)
    if layer == 0:
        raise ValueError("the best induction head is in layer 0: no earlier head can feed it")
    p_layer, p_head = np.unravel_index(np.argmax(previous_scores[:layer]),
                                       previous_scores[:layer].shape)
    return (int(layer), int(head)), (int(p_layer), int(p_head))


def table(name, scores):
    lines = [f"{name}:", "       " + "".join(f"    H{h}" for h in range(scores.shape[1]))]
    lines += [f"  L{l:<4}" + "".join(f"{v:6.3f}" for v in row) for l, row in enumerate(scores)]
    return "\n".join(lines)
