"""BertModel / BertForMaskedLM and DistilBertForMaskedLM forwards in eager PyTorch, from HF's
modeling_bert and modeling_distilbert conventions: word + position (+ token type 0) embeddings,
embedding LayerNorm, post-LN encoder layers with erf-GELU, no causal mask, and the MLM head when
the checkpoint has one. hidden is the last layer's output."""
import math

import numpy as np
import torch
from torch.nn.functional import gelu

from torch_common import Weights, attention_probs, layer_norm, outputs

# The same encoder layer under each family's tensor names.
BERT_NAMES = {"layer": "encoder.layer.{}.", "q": "attention.self.query",
              "k": "attention.self.key", "v": "attention.self.value",
              "o": "attention.output.dense", "norm1": "attention.output.LayerNorm",
              "ffn1": "intermediate.dense", "ffn2": "output.dense", "norm2": "output.LayerNorm"}
DISTILBERT_NAMES = {"layer": "transformer.layer.{}.", "q": "attention.q_lin",
                    "k": "attention.k_lin", "v": "attention.v_lin", "o": "attention.out_lin",
                    "norm1": "sa_layer_norm", "ffn1": "ffn.lin1", "ffn2": "ffn.lin2",
                    "norm2": "output_layer_norm"}
DISTILBERT_EPS = 1e-12  # hard-coded in modeling_distilbert


def encoder(w, x, prefix, names, layers, heads, eps, blocked):
    length, d = x.shape
    dim = d // heads
    attentions = []
    for layer in range(layers):
        b = prefix + names["layer"].format(layer)
        q, k, v = (w.linear(x, b + names[n]).view(length, heads, dim).transpose(0, 1)
                   for n in ("q", "k", "v"))
        probs = attention_probs(q @ k.transpose(1, 2) / math.sqrt(dim), layer, False, blocked)
        attentions.append(probs)
        mixed = (probs @ v).transpose(0, 1).reshape(length, d)
        x = layer_norm(w.linear(mixed, b + names["o"]) + x, w, b + names["norm1"], eps)
        inner = gelu(w.linear(x, b + names["ffn1"]))
        x = layer_norm(w.linear(inner, b + names["ffn2"]) + x, w, b + names["norm2"], eps)
    return x, attentions


def embed(w, prefix, ids, eps, token_type):
    ids = torch.as_tensor(np.asarray(ids, dtype=np.int64))
    x = w[prefix + "embeddings.word_embeddings.weight"][ids]
    x = x + w[prefix + "embeddings.position_embeddings.weight"][:len(ids)]
    if token_type:
        x = x + w[prefix + "embeddings.token_type_embeddings.weight"][0]
    return layer_norm(x, w, prefix + "embeddings.LayerNorm", eps)


def bert_forward(config, tensors, ids, blocked=None, dtype=torch.float64):
    w = Weights(tensors, dtype)
    p = "bert." if "bert.embeddings.word_embeddings.weight" in w else ""
    eps = config.get("layer_norm_eps", 1e-12)
    x = embed(w, p, ids, eps, token_type=True)
    hidden, attentions = encoder(w, x, p, BERT_NAMES, config["num_hidden_layers"],
                                 config["num_attention_heads"], eps, blocked)
    logits = None
    if "cls.predictions.transform.dense.weight" in w:
        t = gelu(w.linear(hidden, "cls.predictions.transform.dense"))
        t = layer_norm(t, w, "cls.predictions.transform.LayerNorm", eps)
        untied = not config.get("tie_word_embeddings", True)
        decoder = w["cls.predictions.decoder.weight" if untied else
                    p + "embeddings.word_embeddings.weight"]
        logits = t @ decoder.T + w["cls.predictions.bias"]
    return outputs(attentions, hidden, logits)


def distilbert_forward(config, tensors, ids, blocked=None, dtype=torch.float64):
    w = Weights(tensors, dtype)
    p = "distilbert."
    x = embed(w, p, ids, DISTILBERT_EPS, token_type=False)
    hidden, attentions = encoder(w, x, p, DISTILBERT_NAMES, config["n_layers"],
                                 config["n_heads"], DISTILBERT_EPS, blocked)
    t = layer_norm(gelu(w.linear(hidden, "vocab_transform")), w, "vocab_layer_norm",
                   DISTILBERT_EPS)
    logits = t @ w[p + "embeddings.word_embeddings.weight"].T + w["vocab_projector.bias"]
    return outputs(attentions, hidden, logits)
