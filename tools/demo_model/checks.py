"""The claims the shipped model must keep, recomputed from the written folder, with the margins the
C++ tests need: the previous-token head, the induction head, the knockout, the tokenizer."""

import json
import os
import re

import numpy as np
import torch

from . import bpe, llama, metrics, stories

PREVIOUS_MIN, INDUCTION_MIN, DROP_MIN = 0.8, 0.5, 0.5
SEEDS = range(20)  # other draws of the random tokens: a C++ test's generator draws differently
STORY_SEED, STORY_COUNT = 2024, 200
REFERENCE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "testdata",
                         "models", "stories260K")


def evaluate(model, held_out, step):
    with torch.no_grad():
        logits, _ = model(torch.from_numpy(held_out[0]))
        loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1),
                                                 torch.from_numpy(held_out[1]).flatten())
    scores, correct = metrics.induction_run(model)
    return {"step": step, "held_out_story_loss": loss.item(),
            "max_induction": float(scores["induction"][1:].max()),
            "max_previous_token_layer0": float(scores["previous_token"][0].max()),
            "correct_prob": correct}


def progress_line(log, seconds):
    s, e = log["steps"][-1], log["evals"][-1]
    return (f"step {s['step']:5d}  loss {s['loss']:.3f}  held-out stories "
            f"{e['held_out_story_loss']:.3f}  induction {e['max_induction']:.2f}  previous "
            f"{e['max_previous_token_layer0']:.2f}  {seconds:.0f} s")


def load_tokenizer(folder):
    with open(f"{folder}/tokenizer.json", encoding="utf-8") as f:
        model = json.load(f)["model"]
    vocab = sorted(model["vocab"], key=model["vocab"].get)
    return bpe.Tokenizer(vocab, [tuple(m) for m in model["merges"]])


def tokenizer_checks(tokenizer, texts):
    words = (stories.GIRLS + stories.BOYS + list(stories.OBJECTS) + stories.ADJECTIVES
             + stories.PLACES + stories.FEELINGS)
    words += [v for verbs in stories.OBJECTS.values() for v in verbs]
    split = [w for w in words if len(tokenizer.encode(" " + w, add_bos=False)) != 1]
    round_trip = all(tokenizer.decode(tokenizer.encode(t)) == t for t in texts)
    specials = tokenizer.encode("<s>Mia</s>", add_bos=False)
    return {"words_split": split, "round_trip": round_trip, "special_ids": specials,
            "passed": not split and round_trip and specials[0] == 0 and specials[-1] == 1}


def forward_check():
    """This forward against golden outputs of an independent PyTorch forward of a real LLaMA
    (GQA, tied embeddings), so a forward that drifts from HF's cannot shape the shipped model."""
    if not os.path.isdir(REFERENCE):
        return {"skipped": f"{os.path.normpath(REFERENCE)} is absent", "passed": True}
    model = llama.load(os.path.join(REFERENCE, "hf"))
    ids = np.load(os.path.join(REFERENCE, "reference", "ids.npy"))
    logits, attentions = metrics.forward(model, ids[None])
    logit_error = float(np.abs(logits[0] - np.load(os.path.join(REFERENCE, "reference",
                                                                "logits.npy"))).max())
    attention_error = float(np.abs(attentions[0] - np.load(os.path.join(
        REFERENCE, "reference", "attentions.npy"))).max())
    return {"max_logit_error": logit_error, "max_attention_error": attention_error,
            "passed": logit_error < 1e-4 and attention_error < 1e-5}


def _knockout_table(model, induction_head, seeds):
    """The induction head's relative drop when each head of an earlier layer is knocked out."""
    layers = induction_head[0]
    drops = np.zeros((layers, model.cfg["num_attention_heads"]))
    for head in np.ndindex(drops.shape):
        drops[head] = np.mean([metrics.knockout(model, induction_head, head, s)["induction_drop"]
                               for s in seeds])
    return drops


def run(folder):
    torch.set_num_threads(2)
    model, tokenizer = llama.load(folder), load_tokenizer(folder)
    rng = np.random.default_rng(STORY_SEED)
    held_out = [stories.story(rng) for _ in range(STORY_COUNT)]
    runs = [metrics.induction_run(model, seed) for seed in SEEDS]
    scores, correct = runs[0]
    induction_head, previous_head = metrics.best_heads(scores["induction"],
                                                       scores["previous_token"])
    knock = metrics.knockout(model, induction_head, previous_head)
    across = [metrics.knockout(model, induction_head, previous_head, s) for s in SEEDS]
    text, chance = metrics.text_scores(model, tokenizer, held_out)
    coref_head = np.unravel_index(np.argmax(text["coreference"]), text["coreference"].shape)
    result = {
        "forward": forward_check(),
        "tokenizer": tokenizer_checks(tokenizer, [s.text for s in held_out]),
        "random_tokens": {k: v.tolist() for k, v in scores.items()},
        "stories": {k: v.tolist() for k, v in text.items()},
        "correct_prob": correct,
        "induction_head": induction_head, "previous_token_head": previous_head,
        "knockout": knock,
        "across_seeds": {
            "induction_min": min(float(r[0]["induction"][induction_head]) for r in runs),
            "previous_token_min": min(float(r[0]["previous_token"][previous_head]) for r in runs),
            "drop_min": min(k["induction_drop"] for k in across),
            "prob_lowered_all": all(k["correct_prob_after"] < k["correct_prob_before"]
                                    for k in across),
        },
        "knockout_drops_by_head": _knockout_table(model, induction_head, SEEDS[:4]).tolist(),
        "coreference_head": [int(i) for i in coref_head],
        "coreference_score": float(text["coreference"][coref_head]),
        "coreference_uniform": chance,
    }
    claims = {
        "forward matches the reference": result["forward"]["passed"],
        "tokenizer": result["tokenizer"]["passed"],
        f"previous-token score >= {PREVIOUS_MIN} on random tokens":
            scores["previous_token"][previous_head] >= PREVIOUS_MIN,
        f"previous-token score >= {PREVIOUS_MIN} on stories":
            text["previous_token"][previous_head] >= PREVIOUS_MIN,
        f"induction score >= {INDUCTION_MIN}": scores["induction"][induction_head] >= INDUCTION_MIN,
        f"knockout drop >= {DROP_MIN:.0%}": knock["induction_drop"] >= DROP_MIN,
        "knockout lowers the correct token's probability":
            knock["correct_prob_after"] < knock["correct_prob_before"],
    }
    result["failed"] = [claim for claim, held in claims.items() if not held]
    result["passed"] = not result["failed"]
    return result


def summary(result):
    rand, text = result["random_tokens"], result["stories"]
    (il, ih), (pl, ph), (cl, ch) = (result["induction_head"], result["previous_token_head"],
                                    result["coreference_head"])
    k, a = result["knockout"], result["across_seeds"]
    lines = ["Repeated random tokens (N=50, B=4, seed 0):"]
    lines += [metrics.table(f"  {name}", np.array(rand[name])) for name in
              ("previous_token", "sink", "self", "entropy", "induction")]
    lines += ["Stories:"] + [metrics.table(f"  {name}", np.array(text[name])) for name in
                             ("previous_token", "sink", "self", "coreference")]
    lines += [
        f"previous-token head L{pl} H{ph}: {rand['previous_token'][pl][ph]:.3f} on random tokens, "
        f"{text['previous_token'][pl][ph]:.3f} on stories (min over {len(SEEDS)} seeds "
        f"{a['previous_token_min']:.3f})",
        f"induction head L{il} H{ih}: {rand['induction'][il][ih]:.3f} (min over seeds "
        f"{a['induction_min']:.3f}); correct repeated token p = {result['correct_prob']:.3f}",
        f"knock out L{pl} H{ph}: induction {k['induction_before']:.3f} -> "
        f"{k['induction_after']:.3f}"
        f" (drop {k['induction_drop']:.0%}, min over seeds {a['drop_min']:.0%}); correct token p "
        f"{k['correct_prob_before']:.3f} -> {k['correct_prob_after']:.3f} (lowered for every seed:"
        f" {a['prob_lowered_all']})",
        metrics.table("induction drop when one earlier head is knocked out",
                      np.array(result["knockout_drops_by_head"])),
        f"coreference: best head L{cl} H{ch}, pronoun -> antecedent attention "
        f"{result['coreference_score']:.3f} (uniform attention: "
        f"{result['coreference_uniform']:.3f})",
        f"forward against stories260K's golden outputs: {result['forward']}",
        f"tokenizer: {result['tokenizer']}",
        "PASSED" if result["passed"] else "FAILED: " + "; ".join(result["failed"]),
    ]
    return "\n".join(re.sub(r"\n\n+", "\n", line) for line in lines)
