"""The LLaMA reference against real golden data in ../shared/testdata: stories260K's HF folder
(reference/ids, logits, attentions) and gguf-quant's tiny-llama-F32-hf (golden-F32-*)."""
import json
import os

import numpy as np

from formats import read_safetensors
from knockouts import blocked_mask
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


STORIES_TEXT = "Once upon a time, there was a little girl named Lily."
STORIES_KNOCKOUTS = ["3:*:*:0", "1:2:5:3", "4:7:*:*", "0:*:9:8"]


def cli_golden_cases(testdata):
    """(name, CLI arguments, expected ids, expected arrays, absolute tolerances) for the real
    files: stories260K (HF folder and GGUF, from --text) and gguf-quant (8 GGUF types and the
    3 HF copies, from --ids); then stories260K with knockouts against the LLaMA reference
    (tolerances None: the harness's scaled 1e-4)."""
    tolerances = {"attentions": ATTENTION_TOLERANCE, "logits": LOGIT_TOLERANCE}
    stories = os.path.join(testdata, "models", "stories260K")
    quant = os.path.join(testdata, "models", "gguf-quant")
    if os.path.isdir(stories):
        ref = os.path.join(stories, "reference")
        ids = np.load(os.path.join(ref, "ids.npy"))
        golden = {n: np.load(os.path.join(ref, n + ".npy")) for n in ("attentions", "logits")}
        for name, path in (("stories260K/hf", os.path.join(stories, "hf")),
                           ("stories260K.gguf", os.path.join(stories, "stories260K.gguf"))):
            yield name, ["--model", path, "--text", STORIES_TEXT], ids, golden, tolerances
        config, tensors = load_folder(os.path.join(stories, "hf"))
        blocked = blocked_mask(STORIES_KNOCKOUTS, config["num_hidden_layers"],
                               config["num_attention_heads"], len(ids))
        expected = forward(config, tensors, ids, blocked)
        knockouts = [a for s in STORIES_KNOCKOUTS for a in ("--knockout", s)]
        for name, path in (("stories260K/hf", os.path.join(stories, "hf")),
                           ("stories260K.gguf", os.path.join(stories, "stories260K.gguf"))):
            yield (name + " with knockouts",
                   ["--model", path, "--ids", ",".join(map(str, ids)), *knockouts],
                   ids, expected, None)
    if os.path.isdir(quant):
        ids = np.load(os.path.join(quant, "golden-ids.npy"))
        id_args = ["--ids", ",".join(map(str, ids))]
        for qtype in ("F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K", "Q4_K_M"):
            golden = {n: np.load(os.path.join(quant, f"golden-{qtype}-{n}.npy"))
                      for n in ("attentions", "logits")}
            for path in (os.path.join(quant, f"tiny-llama-{qtype}.gguf"),
                         os.path.join(quant, f"tiny-llama-{qtype}-hf")):
                if os.path.exists(path):
                    yield ("gguf-quant/" + os.path.basename(path), ["--model", path, *id_args],
                           ids, golden, tolerances)
