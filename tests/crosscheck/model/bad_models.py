"""Bad-input cases for `attnviz model`: each must exit 2 with a message (naming the culprit where
one is given) and leave DIR without files; the unwritable-output case must exit 1. Each starts
from a small valid model (also run, as a control that must succeed) and breaks one thing."""
import json
import os
import struct

import numpy as np

from cli_outputs import run_model
from families import random_model
from formats import read_header
from gguf_llama import random_gguf_parts
from gguf_writer import gguf_bytes
from model_files import write_hf_folder

MAX_POSITIONS = 24
IDS = ["--ids", "1,5,9,33"]
TEXT = ["--text", "abc def"]
Q_PROJ = "model.layers.0.self_attn.q_proj.weight"
UP_PROJ = "model.layers.0.mlp.up_proj.weight"
LONG_TEXT = " ".join("abcdefgh"[i % 8] * 3 for i in range(80))


def base_llama():
    model = random_model(np.random.default_rng(4242), "llama", dtype="F32")
    model.config["max_position_embeddings"] = MAX_POSITIONS
    return model


# --- editing files ---------------------------------------------------------------------------

def rewrite_header(path, edit):
    """Re-encodes a safetensors file after edit(header), keeping the data bytes."""
    raw, header, start = read_header(path)
    edit(header)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + raw[start:])


def truncate(path, keep):
    with open(path, "rb") as f:
        raw = f.read()
    with open(path, "wb") as f:
        f.write(raw[:keep if isinstance(keep, int) else int(len(raw) * keep)])


def edit_json(path, edit):
    with open(path) as f:
        document = json.load(f)
    edit(document)
    with open(path, "w") as f:
        json.dump(document, f)


def header_length_past_end(path):
    with open(path, "r+b") as f:
        f.write(struct.pack("<Q", 1 << 40))


def offsets_past_end(header):
    begin, end = header[UP_PROJ]["data_offsets"]
    header[UP_PROJ]["data_offsets"] = [begin, end + 10 ** 6]


def misplace(index):
    owner = index["weight_map"][UP_PROJ]
    index["weight_map"][UP_PROJ] = next(s for s in index["weight_map"].values() if s != owner)


def garbage_sentencepiece(folder):
    os.remove(os.path.join(folder, "tokenizer.json"))
    with open(os.path.join(folder, "tokenizer.model"), "wb") as f:
        f.write(bytes(range(256)) * 3)


def shard_file(folder, index):
    shards = sorted(f for f in os.listdir(folder) if f.startswith("model-"))
    return os.path.join(folder, shards[index])


# --- editing models --------------------------------------------------------------------------

def poisoned(name, value):
    model = base_llama()
    model.tensors[name] = model.tensors[name].copy()
    model.tensors[name].flat[3] = value
    return model


def reshaped(name):
    model = base_llama()
    rows, cols = model.tensors[name].shape
    model.tensors[name] = np.zeros((rows, cols + 1))
    return model


def without(name):
    model = base_llama()
    del model.tensors[name]
    return model


def gguf_without(name):
    return lambda stored: [t for t in stored if t[0] != name]


def gguf_halved(name):
    """The tensor declared with half its rows, and only half its data: a shape mismatch."""
    def edit(stored):
        return [(n, ty, [ne[0], ne[1] // 2], data[:len(data) // 2]) if n == name
                else (n, ty, ne, data) for n, ty, ne, data in stored]
    return edit


def gguf_nan(name):
    def edit(stored):
        return [(n, ty, ne, struct.pack("<f", float("nan")) + data[4:]) if n == name
                else (n, ty, ne, data) for n, ty, ne, data in stored]
    return edit


def gguf_type(name, ggml_type):
    return lambda stored: [(n, ggml_type if n == name else ty, ne, data)
                           for n, ty, ne, data in stored]


# --- writers: directory -> CLI arguments -----------------------------------------------------

def hf(model=None, shards=1, args=IDS, file=None, edit=None):
    """The base LLaMA folder (or `model`); edit(path) breaks `file` in it ('' = the folder)."""
    def writer(directory):
        folder = write_hf_folder(model or base_llama(), directory, np.random.default_rng(1),
                                 shards)
        if edit:
            edit(os.path.join(folder, file) if file else folder)
        return ["--model", folder, *args]
    return writer


def gguf(qtype="F32", tensors=None, raw=None, args=IDS):
    def writer(directory):
        _, pairs, stored = random_gguf_parts(np.random.default_rng(77), qtype)
        data = gguf_bytes(pairs, tensors(stored) if tensors else stored)
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "model.gguf")
        with open(path, "wb") as f:
            f.write(raw(data) if raw else data)
        return ["--model", path, *args]
    return writer


def config_edit(**fields):
    return hf(file="config.json", edit=lambda p: edit_json(p, lambda c: c.update(fields)))


ST, INDEX = "model.safetensors", "model.safetensors.index.json"
YARN = {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 16}


def bad_cases():
    """(name, writer, exit code expected, text the message must contain or None)."""
    model = base_llama()
    cases = [
        ("truncated safetensors", hf(file=ST, edit=lambda p: truncate(p, 0.6)), None),
        ("safetensors cut in its header", hf(file=ST, edit=lambda p: truncate(p, 20)), None),
        ("safetensors header length past the end", hf(file=ST, edit=header_length_past_end),
         None),
        ("data offsets past the end",
         hf(file=ST, edit=lambda p: rewrite_header(p, offsets_past_end)), None),
        ("unknown dtype", hf(file=ST, edit=lambda p: rewrite_header(
            p, lambda h: h[UP_PROJ].update(dtype="F8_E9M9"))), "F8_E9M9"),
        ("missing tensor", hf(without(UP_PROJ)), UP_PROJ),
        ("wrong shape", hf(reshaped(Q_PROJ)), Q_PROJ),
        ("NaN weight", hf(poisoned(UP_PROJ, np.nan)), None),
        ("infinite weight", hf(poisoned("model.embed_tokens.weight", np.inf)), None),
        ("index names a missing shard", hf(shards=2, file=INDEX, edit=lambda p: edit_json(
            p, lambda i: i["weight_map"].update({UP_PROJ: "model-00009-of-00009.safetensors"}))),
         None),
        ("index maps a tensor to the wrong shard",
         hf(shards=2, file=INDEX, edit=lambda p: edit_json(p, misplace)), UP_PROJ),
        ("a shard file deleted", hf(shards=3, edit=lambda f: os.remove(shard_file(f, 1))), None),
        ("truncated GGUF", gguf(raw=lambda b: b[:int(len(b) * 0.7)]), None),
        ("GGUF cut in its metadata", gguf(raw=lambda b: b[:300]), None),
        ("GGUF bad magic", gguf(raw=lambda b: b"GGUX" + b[4:]), None),
        ("GGUF unknown quant type", gguf("Q8_0", gguf_type("blk.0.attn_q.weight", 99)), None),
        ("GGUF missing tensor", gguf(tensors=gguf_without("blk.0.ffn_up.weight")),
         "blk.0.ffn_up.weight"),
        ("GGUF wrong shape", gguf(tensors=gguf_halved("blk.0.attn_k.weight")), None),
        ("GGUF NaN weight", gguf(tensors=gguf_nan("token_embd.weight")), None),
        ("unknown architecture", config_edit(architectures=["T5ForConditionalGeneration"],
                                             model_type="t5"), "T5ForConditionalGeneration"),
        ("unsupported rope_scaling", config_edit(rope_scaling=YARN), "yarn"),
        ("config.json not JSON", hf(file="config.json", edit=lambda p: truncate(p, 0.5)), None),
        ("no weights file", hf(file=ST, edit=os.remove), None),
        ("model path does not exist",
         lambda d: ["--model", os.path.join(d, "nowhere"), *IDS], None),
        ("truncated tokenizer.json",
         hf(args=TEXT, file="tokenizer.json", edit=lambda p: truncate(p, 0.5)), None),
        ("tokenizer.json without a model", hf(args=TEXT, file="tokenizer.json", edit=lambda p:
                                              edit_json(p, lambda t: t.pop("model"))), None),
        ("garbage tokenizer.model", hf(args=TEXT, edit=garbage_sentencepiece), None),
        ("text longer than max_position_embeddings", hf(args=["--text", LONG_TEXT]), None),
        ("ids longer than max_position_embeddings",
         hf(args=["--ids", ",".join(["7"] * (MAX_POSITIONS + 1))]), None),
        ("empty text", hf(args=["--text", ""]), None),
        ("empty ids", hf(args=["--ids", ""]), None),
        ("both --text and --ids", hf(args=["--ids", "1,2", "--text", "ab"]), None),
        ("neither --text nor --ids", hf(args=[]), None),
    ]
    for ids in (f"1,{model.vocab},3", "1,-1,3", "1,x,3"):
        cases.append((f"ids {ids} (vocab {model.vocab})", hf(args=["--ids", ids]), None))
    for spec in (f"{model.layers}:0:0:0", f"0:{model.heads}:0:0", "0:0:4:0", "0:0:0:4",
                 "1:2:3", "a:*:*:*", "-1:0:0:0", "0:0:0:0:0"):
        cases.append((f"knockout {spec} ({model.layers} layers, {model.heads} heads, T=4)",
                      hf(args=[*IDS, "--knockout", spec]), None))
    return cases


CONTROLS = [("control: LLaMA folder", hf()), ("control: sharded folder", hf(shards=3)),
            ("control: Q8_0 GGUF", gguf("Q8_0")), ("control: --text", hf(args=TEXT))]


def run_bad_inputs(binary, workdir):
    """(name, ok, message) per case, controls first, the unwritable output last."""
    results = []
    for i, (name, writer) in enumerate(CONTROLS):
        d = os.path.join(workdir, f"control_{i}")
        proc = run_model(binary, writer(os.path.join(d, "model")), os.path.join(d, "out"))
        results.append((name, proc.returncode == 0, f"exit {proc.returncode} "
                        + (proc.stderr.strip() if proc.returncode else "")))
    for i, (name, writer, mention) in enumerate(bad_cases()):
        d = os.path.join(workdir, f"bad_{i}")
        out_dir = os.path.join(d, "out")
        proc = run_model(binary, writer(os.path.join(d, "model")), out_dir)
        message = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
        problems = [] if proc.returncode == 2 else [f"exit {proc.returncode}, expected 2"]
        if not message:
            problems.append("no message on stderr")
        if mention and mention not in proc.stderr:
            problems.append(f"the message does not name {mention!r}")
        if os.path.isdir(out_dir) and os.listdir(out_dir):
            problems.append(f"files left in DIR: {sorted(os.listdir(out_dir))}")
        results.append((name, not problems, "; ".join(problems + [repr(message)])))
    d = os.path.join(workdir, "unwritable")
    args = hf()(os.path.join(d, "model"))
    with open(os.path.join(d, "file"), "w") as f:
        f.write("a regular file where DIR's parent should be\n")
    proc = run_model(binary, args, os.path.join(d, "file", "out"))
    results.append(("output not writable", proc.returncode == 1,
                    f"exit {proc.returncode} (expected 1): {proc.stderr.strip()!r}"))
    return results
