"""Seeded random configs and weights, in exact HF layouts, for each supported family.

A family function draws a config.json (real `architectures`, `model_type` and field names) and
returns the HF tensor names with their shapes and kinds; random_model() fills them with seeded
values rounded to the storage dtype, so the references see exactly what the file holds.
"""
from dataclasses import dataclass

import numpy as np

from formats import round_to_dtype

FAMILIES = ("llama", "llama-tied", "llama3-rope", "mistral", "qwen2", "gpt2", "gpt2-bare",
            "bert-mlm", "bert", "distilbert")


def _pick(rng, values):
    return values[int(rng.integers(0, len(values)))]


def _llama(rng, family):
    heads = _pick(rng, (1, 2, 3, 4, 6))
    kv = _pick(rng, [k for k in range(1, heads + 1) if heads % k == 0])
    dim = _pick(rng, (4, 8, 16))
    arch = {"mistral": "MistralForCausalLM", "qwen2": "Qwen2ForCausalLM"}.get(family,
                                                                             "LlamaForCausalLM")
    c = {"architectures": [arch], "model_type": arch[:-len("ForCausalLM")].lower(),
         "hidden_size": heads * dim, "intermediate_size": int(rng.integers(8, 97)),
         "num_hidden_layers": int(rng.integers(1, 4)), "num_attention_heads": heads,
         "num_key_value_heads": kv, "vocab_size": int(rng.integers(300, 521)),
         "max_position_embeddings": int(rng.integers(24, 129)),
         "rms_norm_eps": _pick(rng, (1e-5, 1e-6)), "hidden_act": "silu",
         "rope_theta": float(_pick(rng, (10000.0, 500000.0, 1e6, float(rng.integers(50, 5000))))),
         "tie_word_embeddings": family == "llama-tied" or (family == "qwen2" and rng.random() < .5),
         "bos_token_id": 1, "eos_token_id": 2, "initializer_range": 0.02}
    if family in ("llama", "mistral") and rng.random() < 0.3:
        c["head_dim"] = _pick(rng, (4, 8, 16))      # head_dim need not be hidden / heads
        c["hidden_size"] = _pick(rng, (16, 24, 40))
    if family == "llama3-rope":
        c["rope_scaling"] = {"rope_type": "llama3", "factor": float(_pick(rng, (2, 8, 32))),
                             "low_freq_factor": 1.0, "high_freq_factor": float(_pick(rng, (2, 4))),
                             "original_max_position_embeddings": int(rng.integers(16, 257))}
    bias = family == "qwen2" or (family == "llama" and rng.random() < 0.2)
    if family == "qwen2":
        c.update(use_sliding_window=False, sliding_window=c["max_position_embeddings"],
                 max_window_layers=c["num_hidden_layers"])
    elif family == "mistral":
        c["sliding_window"] = None
    else:
        c.update(attention_bias=bias, mlp_bias=False)
    shapes = llama_shapes(c, bias, o_bias=family == "llama")
    if c["tie_word_embeddings"] and rng.random() < 0.3:   # a tied head stored anyway
        shapes["lm_head.weight"] = ((c["vocab_size"], c["hidden_size"]),
                                    "copy:model.embed_tokens.weight")
    return c, shapes


def llama_shapes(c, bias=False, o_bias=False):
    """HF LlamaForCausalLM-layout names -> (shape, kind) for config c (q/k/v biases, and the
    o_proj bias too when o_bias, as Llama's attention_bias adds; Qwen2 has none on o_proj)."""
    d, f, v = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    heads, kv = c["num_attention_heads"], c["num_key_value_heads"]
    dim = c.get("head_dim") or d // heads
    shapes = {"model.embed_tokens.weight": ((v, d), "embed"), "model.norm.weight": ((d,), "norm")}
    for layer in range(c["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        for name, shape in (("q_proj", (heads * dim, d)), ("k_proj", (kv * dim, d)),
                            ("v_proj", (kv * dim, d)), ("o_proj", (d, heads * dim))):
            shapes[p + "self_attn." + name + ".weight"] = (shape, "matrix")
            if bias and (name != "o_proj" or o_bias):
                shapes[p + "self_attn." + name + ".bias"] = ((shape[0],), "bias")
        for name, shape in (("gate_proj", (f, d)), ("up_proj", (f, d)), ("down_proj", (d, f))):
            shapes[p + "mlp." + name + ".weight"] = (shape, "matrix")
        shapes[p + "input_layernorm.weight"] = ((d,), "norm")
        shapes[p + "post_attention_layernorm.weight"] = ((d,), "norm")
    if not c["tie_word_embeddings"]:
        shapes["lm_head.weight"] = ((v, d), "matrix")
    return shapes


def _gpt2(rng, family):
    heads, dim = _pick(rng, (1, 2, 4)), _pick(rng, (8, 16))
    d, positions = heads * dim, int(rng.integers(24, 129))
    inner = _pick(rng, (None, int(rng.integers(16, 97))))
    c = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_embd": d,
         "n_layer": int(rng.integers(1, 4)), "n_head": heads, "n_positions": positions,
         "n_ctx": positions, "n_inner": inner, "vocab_size": int(rng.integers(300, 521)),
         "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
         "scale_attn_weights": True, "bos_token_id": 0, "eos_token_id": 0}
    p = "transformer." if family == "gpt2" else ""
    f = inner or 4 * d
    shapes = {p + "wte.weight": ((c["vocab_size"], d), "embed"),
              p + "wpe.weight": ((positions, d), "embed")}
    for layer in range(c["n_layer"]):
        b = f"{p}h.{layer}."
        _norm(shapes, b + "ln_1", d)
        _norm(shapes, b + "ln_2", d)
        for name, (n_in, n_out) in (("attn.c_attn", (d, 3 * d)), ("attn.c_proj", (d, d)),
                                    ("mlp.c_fc", (d, f)), ("mlp.c_proj", (f, d))):
            shapes[b + name + ".weight"] = ((n_in, n_out), "conv1d")   # Conv1D: (in, out)
            shapes[b + name + ".bias"] = ((n_out,), "bias")
        if family == "gpt2-bare":
            shapes[b + "attn.bias"] = ((1, 1, positions, positions), "causal-buffer")
    _norm(shapes, p + "ln_f", d)
    return c, shapes


def _encoder_sizes(rng):
    heads, dim = _pick(rng, (1, 2, 4)), _pick(rng, (8, 16))
    return (heads, heads * dim, int(rng.integers(1, 4)), int(rng.integers(16, 97)),
            int(rng.integers(120, 401)), int(rng.integers(24, 129)))


def _linear(shapes, name, n_out, n_in):
    shapes[name + ".weight"], shapes[name + ".bias"] = ((n_out, n_in), "matrix"), ((n_out,), "bias")


def _norm(shapes, name, d):
    shapes[name + ".weight"], shapes[name + ".bias"] = ((d,), "norm"), ((d,), "bias")


WORDS = "embeddings.word_embeddings.weight"


def _bert(rng, family):
    heads, d, layers, f, v, positions = _encoder_sizes(rng)
    mlm = family == "bert-mlm"
    c = {"architectures": ["BertForMaskedLM" if mlm else "BertModel"], "model_type": "bert",
         "hidden_size": d, "num_hidden_layers": layers, "num_attention_heads": heads,
         "intermediate_size": f, "hidden_act": "gelu", "vocab_size": v,
         "max_position_embeddings": positions, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
         "pad_token_id": 0, "position_embedding_type": "absolute"}
    p = "bert." if mlm else ""
    shapes = {p + WORDS: ((v, d), "embed"),
              p + "embeddings.position_embeddings.weight": ((positions, d), "embed"),
              p + "embeddings.token_type_embeddings.weight": ((2, d), "embed")}
    _norm(shapes, p + "embeddings.LayerNorm", d)
    for layer in range(layers):
        b = f"{p}encoder.layer.{layer}."
        for name in ("query", "key", "value"):
            _linear(shapes, b + "attention.self." + name, d, d)
        _linear(shapes, b + "attention.output.dense", d, d)
        _norm(shapes, b + "attention.output.LayerNorm", d)
        _linear(shapes, b + "intermediate.dense", f, d)
        _linear(shapes, b + "output.dense", d, f)
        _norm(shapes, b + "output.LayerNorm", d)
    if mlm:
        _linear(shapes, "cls.predictions.transform.dense", d, d)
        _norm(shapes, "cls.predictions.transform.LayerNorm", d)
        shapes["cls.predictions.bias"] = ((v,), "bias")
        if rng.random() < 0.3:   # some checkpoints also store the tied decoder
            shapes["cls.predictions.decoder.weight"] = ((v, d), "copy:" + p + WORDS)
            shapes["cls.predictions.decoder.bias"] = ((v,), "copy:cls.predictions.bias")
    else:
        _linear(shapes, "pooler.dense", d, d)     # BertModel keeps its pooler; unused here
    return c, shapes


def _distilbert(rng, family):
    heads, d, layers, f, v, positions = _encoder_sizes(rng)
    c = {"architectures": ["DistilBertForMaskedLM"], "model_type": "distilbert", "dim": d,
         "n_layers": layers, "n_heads": heads, "hidden_dim": f, "vocab_size": v,
         "max_position_embeddings": positions, "activation": "gelu",
         "sinusoidal_pos_embds": False, "tie_weights_": True, "pad_token_id": 0}
    p = "distilbert."
    shapes = {p + WORDS: ((v, d), "embed"),
              p + "embeddings.position_embeddings.weight": ((positions, d), "embed")}
    _norm(shapes, p + "embeddings.LayerNorm", d)
    for layer in range(layers):
        b = f"{p}transformer.layer.{layer}."
        for name in ("q_lin", "k_lin", "v_lin", "out_lin"):
            _linear(shapes, b + "attention." + name, d, d)
        _norm(shapes, b + "sa_layer_norm", d)
        _linear(shapes, b + "ffn.lin1", f, d)
        _linear(shapes, b + "ffn.lin2", d, f)
        _norm(shapes, b + "output_layer_norm", d)
    _linear(shapes, "vocab_transform", d, d)
    _norm(shapes, "vocab_layer_norm", d)
    shapes["vocab_projector.bias"] = ((v,), "bias")   # its weight is tied to word_embeddings
    if rng.random() < 0.3:   # and sometimes stored anyway
        shapes["vocab_projector.weight"] = ((v, d), "copy:" + p + WORDS)
    return c, shapes


DRAW_CONFIG = {"llama": _llama, "llama-tied": _llama, "llama3-rope": _llama, "mistral": _llama,
               "qwen2": _llama, "gpt2": _gpt2, "gpt2-bare": _gpt2, "bert-mlm": _bert,
               "bert": _bert, "distilbert": _distilbert}


def draw_values(rng, shape, kind, gain):
    """Scales that keep activations O(1) and attention neither uniform nor one-hot."""
    if kind == "causal-buffer":   # old GPT-2 checkpoints store the causal mask as a tensor
        return np.tril(np.ones(shape[-2:]))[None, None]
    z = rng.standard_normal(shape)
    if kind == "norm":
        return 1.0 + 0.1 * z
    if kind == "bias":
        return 0.1 * z
    if kind == "embed":
        return z
    fan_in = shape[0] if kind == "conv1d" else shape[1]
    return gain * z / np.sqrt(fan_in)


@dataclass
class Model:
    family: str
    config: dict
    tensors: dict      # HF name -> float64 values exactly as stored
    dtypes: dict       # HF name -> safetensors dtype tag

    @property
    def causal(self):
        return not self.family.startswith(("bert", "distilbert"))

    def size(self, *keys):
        return next(self.config[k] for k in keys if k in self.config)

    @property
    def layers(self):
        return self.size("num_hidden_layers", "n_layer", "n_layers")

    @property
    def heads(self):
        return self.size("num_attention_heads", "n_head", "n_heads")

    @property
    def vocab(self):
        return self.config["vocab_size"]

    @property
    def max_positions(self):
        return self.size("max_position_embeddings", "n_positions")


def random_model(rng, family, dtype=None):
    """A Model of `family`; dtype F32/F16/BF16 for every tensor, or None for a seeded choice
    (mostly F32, sometimes one reduced type throughout, sometimes mixed per tensor)."""
    config, shapes = DRAW_CONFIG[family](rng, family)
    choice = dtype or _pick(rng, ("F32", "F32", "F16", "BF16", "mixed"))
    gain = float(rng.uniform(0.7, 1.6))
    tensors, dtypes = {}, {}
    for name, (shape, kind) in shapes.items():
        if kind.startswith("copy:"):   # a tied tensor stored twice: the same values and dtype
            source = kind[len("copy:"):]
            tensors[name], dtypes[name] = tensors[source], dtypes[source]
            continue
        tag = _pick(rng, ("F32", "F16", "BF16")) if choice == "mixed" else choice
        tensors[name] = round_to_dtype(draw_values(rng, shape, kind, gain), tag)
        dtypes[name] = tag
    config["torch_dtype"] = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}.get(
        choice, "float32")
    return Model(family, config, tensors, dtypes)
