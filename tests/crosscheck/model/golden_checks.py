"""The LLaMA reference against real golden data in ../shared/testdata: stories260K's HF folder
(reference/ids, logits, attentions) and gguf-quant's tiny-llama-F32-hf (golden-F32-*)."""
import json
import os

import numpy as np

from formats import read_safetensors
from torch_llama import forward

ATTENTION_TOLERANCE, LOGIT_TOLERANCE = 1e-5, 1e-4


def load_folder(folder):
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    return config, read_safetensors(os.path.join(folder, "model.safetensors"))


def max_abs(a, b):
    return float(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)).max())


def golden_sets(testdata):
    """(name, HF folder, ids, logits, attentions) for each golden set present."""
    stories = os.path.join(testdata, "models", "stories260K")
    quant = os.path.join(testdata, "models", "gguf-quant")
    if os.path.isdir(stories):
        ref = os.path.join(stories, "reference")
        yield ("stories260K/hf", os.path.join(stories, "hf"),
               *(np.load(os.path.join(ref, n + ".npy")) for n in ("ids", "logits", "attentions")))
    if os.path.isdir(quant):
        yield ("gguf-quant/tiny-llama-F32-hf", os.path.join(quant, "tiny-llama-F32-hf"),
               *(np.load(os.path.join(quant, f"golden-{n}.npy"))
                 for n in ("ids", "F32-logits", "F32-attentions")))


def check_golden(testdata):
    """Returns (lines to print, failure messages); no data at all is a failure message too."""
    lines, failures = [], []
    for name, folder, ids, logits, attentions in golden_sets(testdata):
        config, tensors = load_folder(folder)
        ours = forward(config, tensors, ids)
        da, dl = max_abs(ours["attentions"], attentions), max_abs(ours["logits"], logits)
        lines.append(f"  golden {name}: max |Δattention| {da:.3g}, max |Δlogit| {dl:.3g} "
                     f"(T={len(ids)}, tolerances {ATTENTION_TOLERANCE:g} / {LOGIT_TOLERANCE:g})")
        if da > ATTENTION_TOLERANCE or dl > LOGIT_TOLERANCE:
            failures.append(f"reference disagrees with golden {name}")
    if not lines:
        failures.append(f"no golden data under {testdata}")
    return lines, failures
