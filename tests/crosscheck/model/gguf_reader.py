"""A minimal GGUF v2/v3 reader for the self-test: metadata and tensors, dequantised to float32
by ggml_quants.py, as (rows, ne[0]) arrays. Only what the test files use."""
import struct

import numpy as np

from formats import bf16_bits_to_f32
from ggml_quants import BLOCK_BYTES, GGML_TYPE, QK, dequantize

TYPE_NAME = {**{v: k for k, v in GGML_TYPE.items()}, 1: "F16", 30: "BF16"}
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q",
            11: "<q", 12: "<d"}


class _Cursor:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, fmt):
        value = struct.unpack_from(fmt, self.data, self.at)[0]
        self.at += struct.calcsize(fmt)
        return value

    def string(self):
        size = self.take("<Q")
        self.at += size
        return self.data[self.at - size:self.at].decode("utf-8")

    def value(self, tag):
        if tag == 8:
            return self.string()
        if tag == 9:
            element, count = self.take("<I"), self.take("<Q")
            return [self.value(element) for _ in range(count)]
        return self.take(_SCALARS[tag])


def _decode(type_name, raw, count):
    if type_name == "F32":
        return np.frombuffer(raw, "<f4", count)
    if type_name == "F16":
        return np.frombuffer(raw, "<f2", count).astype(np.float32)
    if type_name == "BF16":
        return bf16_bits_to_f32(np.frombuffer(raw, "<u2", count))
    return dequantize(type_name, np.frombuffer(raw, np.uint8, count // QK[type_name]
                                               * BLOCK_BYTES[type_name]))


def read_gguf(path):
    """(metadata dict, {name: (type name, float32 array shaped reversed(ne))})."""
    with open(path, "rb") as f:
        cur = _Cursor(f.read())
    if cur.data[:4] != b"GGUF":
        raise ValueError(f"{path}: not a GGUF file")
    cur.at = 8   # after the magic and the version (v2 and v3 read alike here)
    n_tensors, n_pairs = cur.take("<Q"), cur.take("<Q")
    meta = {}
    for _ in range(n_pairs):
        key = cur.string()
        meta[key] = cur.value(cur.take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = cur.string()
        ne = [cur.take("<Q") for _ in range(cur.take("<I"))]
        infos.append((name, TYPE_NAME[cur.take("<I")], ne, cur.take("<Q")))
    alignment = meta.get("general.alignment", 32)
    base = cur.at + (-cur.at % alignment)
    tensors = {}
    for name, type_name, ne, offset in infos:
        count = int(np.prod(ne))
        values = _decode(type_name, cur.data[base + offset:], count)
        tensors[name] = (type_name, values.reshape(list(reversed(ne))))
    return meta, tensors


def llama_as_hf(meta, tensors):
    """A llama GGUF as (HF config, HF-named float64 tensors in HF row order): the inverse of
    gguf_llama's naming and of llama.cpp's q/k permutation."""
    from gguf_llama import gguf_name, hf_order   # the naming is gguf_llama's, inverted here
    from families import llama_shapes
    a = "llama."
    heads, kv = meta[a + "attention.head_count"], meta.get(a + "attention.head_count_kv")
    config = {"hidden_size": meta[a + "embedding_length"],
              "intermediate_size": meta[a + "feed_forward_length"],
              "num_hidden_layers": meta[a + "block_count"], "num_attention_heads": heads,
              "num_key_value_heads": kv or heads,
              "vocab_size": len(meta["tokenizer.ggml.tokens"]),
              "rms_norm_eps": meta[a + "attention.layer_norm_rms_epsilon"],
              "rope_theta": meta.get(a + "rope.freq_base", 10000.0),
              "tie_word_embeddings": "output.weight" not in tensors}
    hf = {}
    for name in llama_shapes(config):
        values = tensors[gguf_name(name)][1].astype(np.float64)
        if ".attn_q." in gguf_name(name) or ".attn_k." in gguf_name(name):
            values = hf_order(values, heads if ".attn_q." in gguf_name(name) else kv or heads)
        hf[name] = values
    return config, hf
