#!/usr/bin/python3
"""Trains AttnViz's sample model, a two-layer LLaMA on generated children's stories, and checks its
heads: a previous-token head, an induction head that depends on it, and the pronoun links.

    /usr/bin/python3 tools/train_demo_model.py            # train, write, check (about 10 minutes)
    /usr/bin/python3 tools/train_demo_model.py --check    # recheck the written folder

Needs only Debian's python3-torch, python3-numpy and python3-matplotlib. Single process, fixed
seeds, two threads: the same command writes the same model bytes.
"""

import argparse
import json
import os
import sys
import time

# Two threads that sleep when idle: spinning OpenMP threads on a busy 2-core machine made a step
# five times slower.
os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for the modules below
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_model import bpe, checks, data, llama, model_card  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_DIR = os.path.join(ROOT, "resources", "models", "tiny-stories-attnviz")
LOG_DIR = os.path.join(ROOT, "tools", "demo_model", "training")

SEED = 14
# Two layers, the fewest an induction head needs. RoPE θ = 500 and no weight decay (below): of the
# settings tried, the cleanest knockout (the induction head relies on one previous-token head).
ARCH = {"hidden": 64, "layers": 2, "heads": 4, "intermediate": 192, "max_positions": 128,
        "rope_theta": 500.0}
TRAIN = {
    # Many small steps: the induction head appears after about 3,000 updates whatever their size.
    "steps": 6000, "rows": 8, "length": 128, "lr": 3e-3, "warmup": 100, "final_lr_fraction": 0.1,
    "weight_decay": 0.0, "clip": 1.0,
    # Half the rows are repeated random tokens, the rest stories and, among those, a fifth of the
    # documents repeat a passage word for word (see data.py and stories.py for why).
    "random_fraction": 0.5, "repeat_fraction": 0.2,
    "documents": 20000, "tokenizer_documents": 5000, "max_vocab": 2048, "eval_every": 200,
}


def lr_at(step):
    """Linear warm-up, then cosine decay to a tenth of the peak."""
    if step < TRAIN["warmup"]:
        return TRAIN["lr"] * (step + 1) / TRAIN["warmup"]
    progress = (step - TRAIN["warmup"]) / max(1, TRAIN["steps"] - TRAIN["warmup"])
    floor = TRAIN["final_lr_fraction"]
    return TRAIN["lr"] * (floor + (1 - floor) * 0.5 * (1 + np.cos(np.pi * progress)))


def losses(model, ids, targets, kinds):
    """The mean loss, and that of each kind of row over its predictable tokens."""
    logits, _ = model(torch.from_numpy(ids))
    targets = torch.from_numpy(targets)
    per_token = torch.nn.functional.cross_entropy(
        logits.flatten(0, 1), targets.flatten().clamp(min=0), reduction="none").view(targets.shape)
    counted = targets != data.IGNORE
    parts = {}
    for kind, name in enumerate(data.KINDS):
        mask = counted & torch.from_numpy(kinds == kind)[:, None]  # None if no such row
        parts[name] = ((per_token * mask).sum() / mask.sum()).item() if mask.any() else None
    return (per_token * counted).sum() / counted.sum(), parts


def train(args):
    started, cpu_started = time.time(), time.process_time()
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    docs = data.corpus(TRAIN["documents"], TRAIN["repeat_fraction"], SEED)
    vocab, merges = bpe.train([d.text for d in docs[: TRAIN["tokenizer_documents"]]],
                              TRAIN["max_vocab"])
    tokenizer = bpe.Tokenizer(vocab, merges)
    cfg = llama.config_dict(len(vocab), **ARCH)
    model = llama.LlamaForCausalLM(cfg)
    print(f"vocabulary {len(vocab)}, parameters {sum(p.numel() for p in model.parameters())}")

    batches = data.Batches(tokenizer, docs, TRAIN["rows"], TRAIN["length"],
                           TRAIN["random_fraction"], SEED)
    held_out = data.Batches(tokenizer, data.corpus(2000, TRAIN["repeat_fraction"], SEED + 1),
                            TRAIN["rows"], TRAIN["length"], 0.0, SEED + 1).next()
    decay = [p for p in model.parameters() if p.dim() == 2]
    other = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": TRAIN["weight_decay"]},
                                   {"params": other, "weight_decay": 0.0}],
                                  lr=TRAIN["lr"], betas=(0.9, 0.95))
    log = {"steps": [], "evals": []}
    for step in range(TRAIN["steps"]):
        for group in optimizer.param_groups:
            group["lr"] = lr_at(step)
        loss, parts = losses(model, *batches.next())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), TRAIN["clip"])
        optimizer.step()
        log["steps"].append({"step": step, "loss": loss.item(),
                             **{f"{name}_loss": parts[name] for name in data.KINDS}})
        if step % TRAIN["eval_every"] == 0 or step == TRAIN["steps"] - 1:
            log["evals"].append(checks.evaluate(model, held_out, step))
            print(checks.progress_line(log, time.time() - started), flush=True)

    os.makedirs(args.out, exist_ok=True)
    llama.save(model, args.out)
    tokenizer.write(args.out, ARCH["max_positions"])
    with open(os.path.join(args.out, "generation_config.json"), "w") as f:
        json.dump({"bos_token_id": 0, "eos_token_id": 1, "do_sample": False}, f, indent=2)
        f.write("\n")
    log["wall_seconds"] = time.time() - started
    log["cpu_seconds"] = time.process_time() - cpu_started
    result = checks.run(args.out)
    model_card.write(args.out, cfg, TRAIN, result)
    os.makedirs(args.log_dir, exist_ok=True)
    model_card.plot(log, os.path.join(args.log_dir, "loss.png"))
    log["train"], log["arch"], log["check"] = TRAIN, ARCH, result
    log["steps"] = {key: [None if s[key] is None else round(s[key], 4) for s in log["steps"]]
                    for key in log["steps"][0]}  # columns: a tenth of the size
    with open(os.path.join(args.log_dir, "training-log.json"), "w") as f:
        json.dump(log, f)
        f.write("\n")
    print(f"wall {log['wall_seconds']:.0f} s, CPU {log['cpu_seconds']:.0f} s")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=MODEL_DIR, help="the model folder to write or check")
    parser.add_argument("--log-dir", default=LOG_DIR, help="where loss.png and the log go")
    parser.add_argument("--check", action="store_true", help="only check the written folder")
    args = parser.parse_args()
    result = checks.run(args.out) if args.check else train(args)
    print(checks.summary(result))
    sys.exit(0 if result["passed"] else 1)


if __name__ == "__main__":
    main()
