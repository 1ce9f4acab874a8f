"""A seeded random LLaMA as a llama.cpp GGUF file (gguf_writer.py): llama.* metadata, an embedded
SentencePiece-style vocabulary (tokenizer.ggml.*), matrices stored ne = [in, out] as F32, F16,
BF16 or quantised by ggml_quants.py (Q8_0, Q4_0, Q4_K, Q6_K, or a Q4_K_M mix), with attn_q /
attn_k rows in Meta's interleaved order as llama.cpp's converter writes them.

The returned Model holds, under HF names and in HF row order, exactly the values ggml's
dequantisation gives for the stored bytes, so the LLaMA reference runs on what the file says."""
import numpy as np

from families import Model, _pick, draw_values, llama_shapes
from formats import bf16_bits_to_f32, f32_to_bf16_bits
from ggml_quants import GGML_TYPE, dequantize, quantize
from gguf_writer import ARR, BOOL, F32, I32, STR, U32, gguf_bytes, metadata
from vocab_files import llama_pieces

GGUF_TYPES = ("F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K", "Q4_K_M")
TYPE_ID = {**GGML_TYPE, "F16": 1, "BF16": 30}
FILE_TYPE = {"F32": 0, "F16": 1, "BF16": 32, "Q8_0": 7, "Q4_0": 2, "Q4_K": 14, "Q6_K": 18,
             "Q4_K_M": 15}
GGUF_NAMES = {"self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k",
              "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output",
              "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down",
              "input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm"}


def gguf_name(hf):
    if hf == "model.embed_tokens.weight":
        return "token_embd.weight"
    if hf == "model.norm.weight":
        return "output_norm.weight"
    if hf == "lm_head.weight":
        return "output.weight"
    layer, rest = hf[len("model.layers."):].split(".", 1)
    module = rest.rsplit(".", 1)[0]
    return f"blk.{layer}.{GGUF_NAMES[module]}.weight"


def meta_order(w, heads):
    """llama.cpp's permute(): HF rotate_half rows -> Meta's interleaved pairs, per head."""
    return w.reshape(heads, 2, w.shape[0] // heads // 2, w.shape[1]).swapaxes(1, 2).reshape(w.shape)


def hf_order(w, heads):
    return w.reshape(heads, w.shape[0] // heads // 2, 2, w.shape[1]).swapaxes(1, 2).reshape(w.shape)


def tensor_type(qtype, gguf):
    if qtype != "Q4_K_M":
        return qtype
    more_bits = ("attn_v.weight", "ffn_down.weight", "output.weight")
    return "Q6_K" if gguf.endswith(more_bits) else "Q4_K"


def encode(ttype, rows):
    """float32 rows -> (stored bytes, the float64 values a reader gets back)."""
    if ttype == "F32":
        return rows.astype("<f4").tobytes(), rows.astype(np.float64)
    if ttype == "F16":
        return rows.astype("<f2").tobytes(), rows.astype(np.float16).astype(np.float64)
    if ttype == "BF16":
        bits = f32_to_bf16_bits(rows)
        return bits.astype("<u2").tobytes(), bf16_bits_to_f32(bits).astype(np.float64).reshape(
            rows.shape)
    blocks = quantize(ttype, rows)
    return blocks.tobytes(), dequantize(ttype, blocks).astype(np.float64).reshape(rows.shape)


def gguf_config(rng, qtype):
    """HF-style config whose matrix widths are multiples of the quant block."""
    block = 256 if qtype in ("Q4_K", "Q6_K", "Q4_K_M") else 32
    heads, dim = (_pick(rng, ((4, 64), (8, 32))) if block == 256
                  else _pick(rng, ((2, 16), (4, 16), (2, 32), (4, 8))))
    kv = _pick(rng, [k for k in (1, 2, 4) if heads % k == 0])
    return {"architectures": ["LlamaForCausalLM"], "model_type": "llama",
            "hidden_size": heads * dim, "intermediate_size": block * int(rng.integers(1, 3)),
            "num_hidden_layers": int(rng.integers(1, 3)), "num_attention_heads": heads,
            "num_key_value_heads": kv, "vocab_size": int(rng.integers(300, 400)),
            "max_position_embeddings": int(rng.integers(32, 129)), "rms_norm_eps": 1e-5,
            "rope_theta": float(_pick(rng, (10000.0, 500000.0))),
            "tie_word_embeddings": bool(rng.random() < 0.3)}


def vocabulary_pairs(size):
    pieces, _ = llama_pieces(size)
    types = [2, 3, 3] + [6] * 256 + [1] * (size - 259)   # unknown, control, byte, normal
    scores = [0.0] * 259 + [-float(i) for i in range(size - 259)]
    return [metadata("tokenizer.ggml.model", STR, "llama"),
            metadata("tokenizer.ggml.tokens", ARR, (STR, pieces)),
            metadata("tokenizer.ggml.scores", ARR, (F32, scores)),
            metadata("tokenizer.ggml.token_type", ARR, (I32, types)),
            metadata("tokenizer.ggml.unknown_token_id", U32, 0),
            metadata("tokenizer.ggml.bos_token_id", U32, 1),
            metadata("tokenizer.ggml.eos_token_id", U32, 2),
            metadata("tokenizer.ggml.add_bos_token", BOOL, True),
            metadata("tokenizer.ggml.add_eos_token", BOOL, False)]


def llama_pairs(c, qtype):
    dim = c["hidden_size"] // c["num_attention_heads"]
    return [metadata("general.architecture", STR, "llama"),
            metadata("general.name", STR, "crosscheck-llama"),
            metadata("general.file_type", U32, FILE_TYPE[qtype]),
            metadata("general.quantization_version", U32, 2),
            metadata("llama.context_length", U32, c["max_position_embeddings"]),
            metadata("llama.embedding_length", U32, c["hidden_size"]),
            metadata("llama.block_count", U32, c["num_hidden_layers"]),
            metadata("llama.feed_forward_length", U32, c["intermediate_size"]),
            metadata("llama.attention.head_count", U32, c["num_attention_heads"]),
            metadata("llama.attention.head_count_kv", U32, c["num_key_value_heads"]),
            metadata("llama.rope.freq_base", F32, c["rope_theta"]),
            metadata("llama.rope.dimension_count", U32, dim),
            metadata("llama.attention.layer_norm_rms_epsilon", F32, c["rms_norm_eps"]),
            metadata("llama.vocab_size", U32, c["vocab_size"])]


def random_gguf_parts(rng, qtype):
    """(Model with family 'gguf-llama' and the dequantised HF-order values, metadata pairs,
    tensors as gguf_bytes takes them)."""
    c = gguf_config(rng, qtype)
    gain = float(rng.uniform(0.7, 1.4))
    tensors, dtypes, stored = {}, {}, []
    for hf, (shape, kind) in llama_shapes(c).items():
        values = draw_values(rng, shape, kind, gain).astype(np.float32)
        name = gguf_name(hf)
        heads = {"attn_q": c["num_attention_heads"], "attn_k": c["num_key_value_heads"]}.get(
            name.split(".")[2] if name.startswith("blk.") else None)
        rows = meta_order(values, heads) if heads else values
        ttype = tensor_type(qtype, name) if len(shape) == 2 else "F32"
        data, read = encode(ttype, rows.reshape(-1, shape[-1]))
        read = read.reshape(shape)
        tensors[hf] = hf_order(read, heads) if heads else read
        dtypes[hf] = ttype
        stored.append((name, TYPE_ID[ttype], list(reversed(shape)), data))
    pairs = llama_pairs(c, qtype) + vocabulary_pairs(c["vocab_size"])
    return Model("gguf-llama", c, tensors, dtypes), pairs, stored


def random_gguf_model(rng, qtype):
    """(Model, GGUF file bytes)."""
    model, pairs, stored = random_gguf_parts(rng, qtype)
    return model, gguf_bytes(pairs, stored)
