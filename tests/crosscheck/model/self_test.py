"""--self-test: checks the Python side alone, no attnviz binary.

  golden       the LLaMA reference against the shared golden data: stories260K (HF folder and,
               through gguf_reader + ggml_quants, its GGUF) and gguf-quant (the F32 HF folder
               and all eight GGUF types), max |Δ| ≤ 1e-5 attentions, ≤ 1e-4 logits
  formulations each family's torch reference against a second formulation on seeded models
               with knockouts: numpy loops for LLaMA/Mistral/Qwen2/GPT-2, the GGUF llama files
               read back raw (Meta q/k order, interleaved RoPE) for every tensor type, and
               nn.TransformerEncoderLayer for BERT/DistilBERT; agreement ≤ 1e-9 (float64)
  files        generated HF folders (single and sharded) read back equal to the model
"""
import json
import os
import tempfile

import numpy as np

from encoder_by_modules import encoder
from families import FAMILIES, random_model
from formats import read_safetensors
from gguf_llama import GGUF_TYPES, gguf_name, random_gguf_model
from gguf_reader import llama_as_hf, read_gguf
from golden_checks import (ATTENTION_TOLERANCE, LOGIT_TOLERANCE, check_golden, golden_sets,
                           max_abs)
from knockouts import blocked_mask, random_specs
from model_files import write_hf_folder
from numpy_forwards import gpt2, llama
from reference_forward import reference
from torch_llama import forward

AGREEMENT = 1e-9
MODELS_PER_FAMILY = 4


def gguf_goldens(testdata):
    """(name, GGUF path, ids, attentions, logits) for stories260K.gguf and gguf-quant's files."""
    for name, folder, ids, logits, attentions in golden_sets(testdata):
        if name.startswith("stories260K"):
            yield ("stories260K.gguf", os.path.join(os.path.dirname(folder), "stories260K.gguf"),
                   ids, attentions, logits)
    quant = os.path.join(testdata, "models", "gguf-quant")
    if os.path.isdir(quant):
        ids = np.load(os.path.join(quant, "golden-ids.npy"))
        for qtype in GGUF_TYPES:
            yield (f"gguf-quant/tiny-llama-{qtype}.gguf",
                   os.path.join(quant, f"tiny-llama-{qtype}.gguf"), ids,
                   *(np.load(os.path.join(quant, f"golden-{qtype}-{n}.npy"))
                     for n in ("attentions", "logits")))


def check_gguf_goldens(testdata):
    results = []
    for name, path, ids, attentions, logits in gguf_goldens(testdata):
        config, tensors = llama_as_hf(*read_gguf(path))
        ours = forward(config, tensors, ids)
        da, dl = max_abs(ours["attentions"], attentions), max_abs(ours["logits"], logits)
        results.append((f"golden {name}", da <= ATTENTION_TOLERANCE and dl <= LOGIT_TOLERANCE,
                        f"max |Δattention| {da:.3g}, max |Δlogit| {dl:.3g}"))
    return results


def knockouts_without_empty_rows(rng, model, length):
    """Random knockouts, redrawn until no row loses every key (for nn.MultiheadAttention)."""
    while True:
        specs = random_specs(rng, model.layers, model.heads, length, model.causal)
        blocked = blocked_mask(specs, model.layers, model.heads, length)
        if blocked is None or not blocked.all(-1).any():
            return specs, blocked


def second_formulation(model, ids, blocked):
    if model.family.startswith("gpt2"):
        return gpt2(model.config, model.tensors, ids, blocked)
    if model.family in ("bert", "bert-mlm", "distilbert"):
        attentions, hidden = encoder(model.family, model.config, model.tensors, ids, blocked)
        return {"attentions": attentions, "hidden": hidden}
    return llama(model.config, model.tensors, ids, blocked)


def gguf_second_formulation(qtype, rng, work):
    """A generated GGUF read back raw (no un-permutation) through the interleaved-RoPE numpy
    forward, against the torch reference on the generator's HF-order values."""
    model, data = random_gguf_model(rng, qtype)
    path = os.path.join(work, f"{qtype}.gguf")
    with open(path, "wb") as f:
        f.write(data)
    meta, raw = read_gguf(path)
    config, _ = llama_as_hf(meta, raw)
    hf_names = {gguf_name(hf): hf for hf in model.tensors}
    stored = {hf_names[name]: values.astype(np.float64) for name, (_, values) in raw.items()}
    length = int(rng.integers(1, 17))
    ids = [int(i) for i in rng.integers(0, model.vocab, length)]
    specs = random_specs(rng, model.layers, model.heads, length, True)
    blocked = blocked_mask(specs, model.layers, model.heads, length)
    return reference(model, ids, blocked), llama(config, stored, ids, blocked, interleaved=True)


def check_formulations(seed, work):
    results = []
    for family in FAMILIES:
        worst = 0.0
        for i in range(MODELS_PER_FAMILY):
            rng = np.random.default_rng([seed, FAMILIES.index(family), i])
            model = random_model(rng, family)
            length = int(rng.integers(1, min(16, model.max_positions) + 1))
            ids = [int(v) for v in rng.integers(0, model.vocab, length)]
            specs, blocked = knockouts_without_empty_rows(rng, model, length)
            ref, other = reference(model, ids, blocked), second_formulation(model, ids, blocked)
            worst = max([worst] + [max_abs(other[k], ref[k]) for k in other])
        results.append((f"{family}: torch vs second formulation", worst <= AGREEMENT,
                        f"max |Δ| {worst:.3g} over {MODELS_PER_FAMILY} models"))
    for qtype in GGUF_TYPES:
        rng = np.random.default_rng([seed, 100, GGUF_TYPES.index(qtype)])
        ref, other = gguf_second_formulation(qtype, rng, work)
        worst = max(max_abs(other[k], ref[k]) for k in other)
        results.append((f"GGUF {qtype}: written, read back raw, interleaved RoPE",
                        worst <= AGREEMENT, f"max |Δ| {worst:.3g}"))
    return results


def check_files(seed, work):
    results = []
    for i, family in enumerate(FAMILIES):
        rng = np.random.default_rng([seed, 200, i])
        model = random_model(rng, family)
        shards = 1 + i % 3
        folder = write_hf_folder(model, os.path.join(work, family), rng, shards)
        tensors = {}
        files = (json.load(open(os.path.join(folder, "model.safetensors.index.json")))
                 ["weight_map"].values() if shards > 1 else ["model.safetensors"])
        for name in sorted(set(files)):
            tensors.update(read_safetensors(os.path.join(folder, name)))
        with open(os.path.join(folder, "config.json")) as f:
            config = json.load(f)
        same = (tensors.keys() == model.tensors.keys() and config == model.config
                and all(np.array_equal(tensors[k], model.tensors[k]) for k in tensors))
        results.append((f"{family} folder ({shards} file(s)) reads back", same,
                        f"{len(tensors)} tensors, {config['architectures'][0]}"))
    return results


def run_self_test(testdata, seed):
    """0 all passed, 1 a failure, 77 (skip) when the rest passed but the golden data is absent."""
    results = []
    if os.path.isdir(testdata):
        lines, failures = check_golden(testdata)
        results = [(line.strip(), True, "") for line in lines] + [(f, False, "") for f in failures]
    else:
        print(f"  SKIP golden data: no test data at {os.path.abspath(testdata)}")
    with tempfile.TemporaryDirectory(prefix="attnviz-self-test-") as work:
        results += check_gguf_goldens(testdata) + check_formulations(seed, work)
        results += check_files(seed, work)
    passed = sum(ok for _, ok, _ in results)
    for name, ok, message in results:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}" + (f": {message}" if message else ""))
    print(f"{passed} passed, {len(results) - passed} failed")
    if passed < len(results):
        return 1
    return 0 if os.path.isdir(testdata) else 77
