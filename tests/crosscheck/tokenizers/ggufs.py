"""GGUF files that embed the GPT-2, Qwen3 and BERT vocabularies as llama.cpp's converter writes them
(tokenizer.ggml.* keys; BERT's pieces in its phantom-space form: "##ing" as "ing", a word start
"the" as "▁the"), so the GGUF tokenizer is checked against the same reference as the HF files."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from gguf_writer import ARR, BOOL, I32, STR, U32, gguf_bytes, metadata  # noqa: E402

NORMAL, UNKNOWN, CONTROL, USER_DEFINED = 1, 2, 3, 4


def write_gguf(path, model, tokens, types, merges=None, pre=None, ids=None, flags=None):
    pairs = [metadata("tokenizer.ggml.model", STR, model),
             metadata("tokenizer.ggml.tokens", ARR, (STR, tokens)),
             metadata("tokenizer.ggml.token_type", ARR, (I32, types))]
    if pre is not None:
        pairs.append(metadata("tokenizer.ggml.pre", STR, pre))
    if merges is not None:
        pairs.append(metadata("tokenizer.ggml.merges", ARR, (STR, merges)))
    for key, value in (ids or {}).items():
        pairs.append(metadata(f"tokenizer.ggml.{key}_token_id", U32, value))
    for key, value in (flags or {}).items():
        pairs.append(metadata(f"tokenizer.ggml.{key}", BOOL, value))
    with open(path, "wb") as f:
        f.write(gguf_bytes(pairs, []))


def in_id_order(vocab):
    tokens = [None] * (max(vocab.values()) + 1)
    for piece, i in vocab.items():
        tokens[i] = piece
    return tokens


def gpt2_gguf(source, path):
    with open(os.path.join(source, "encoder.json"), encoding="utf-8") as f:
        tokens = in_id_order(json.load(f))
    with open(os.path.join(source, "vocab.bpe"), encoding="utf-8") as f:
        merges = [line for line in f.read().split("\n")[1:] if line]
    eot = tokens.index("<|endoftext|>")
    types = [CONTROL if i == eot else NORMAL for i in range(len(tokens))]
    write_gguf(path, "gpt2", tokens, types, merges, "gpt-2",
               {"bos": eot, "eos": eot, "unknown": eot}, {"add_bos_token": False})


def qwen_gguf(source, path):
    with open(os.path.join(source, "tokenizer.json"), encoding="utf-8") as f:
        document = json.load(f)
    vocab = dict(document["model"]["vocab"])
    special = {}
    for token in document["added_tokens"]:
        vocab[token["content"]] = token["id"]
        special[token["id"]] = token["special"]
    tokens = in_id_order(vocab)
    types = [(CONTROL if special[i] else USER_DEFINED) if i in special else NORMAL
             for i in range(len(tokens))]
    merges = [m if isinstance(m, str) else " ".join(m) for m in document["model"]["merges"]]
    write_gguf(path, "gpt2", tokens, types, merges, "qwen2",
               {"eos": vocab["<|im_end|>"], "padding": vocab["<|endoftext|>"]},
               {"add_bos_token": False})


def bert_gguf(source, path):
    with open(os.path.join(source, "vocab.txt"), encoding="utf-8") as f:
        pieces = [p for p in f.read().split("\n") if p]
    names = {"[PAD]": "padding", "[UNK]": "unknown", "[CLS]": "cls", "[SEP]": "seperator",
             "[MASK]": "mask"}

    def phantom(piece):
        if piece.startswith("[") and piece.endswith("]"):
            return piece
        return piece[2:] if piece.startswith("##") else "\u2581" + piece

    types = [(UNKNOWN if p == "[UNK]" else CONTROL) if p in names else NORMAL for p in pieces]
    write_gguf(path, "bert", [phantom(p) for p in pieces], types, pre="default",
               ids={names[p]: pieces.index(p) for p in names})
