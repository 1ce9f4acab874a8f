"""A second formulation of the BERT / DistilBERT encoders for the self-test: torch's own
nn.TransformerEncoderLayer (post-LN, erf-GELU) parts loaded with the HF weights, attention
weights from nn.MultiheadAttention, knockouts as an additive −inf mask. Rows with every key
knocked out are not supported here (nn.MultiheadAttention gives NaN); the self-test avoids them."""
import torch

from torch_bert import BERT_NAMES, DISTILBERT_EPS, DISTILBERT_NAMES
from torch_common import Weights


def _layer(w, b, names, d, heads, ffn, eps):
    layer = torch.nn.TransformerEncoderLayer(d, heads, ffn, dropout=0.0, activation="gelu",
                                             layer_norm_eps=eps, batch_first=True,
                                             dtype=torch.float64).eval()
    with torch.no_grad():
        attn = layer.self_attn
        attn.in_proj_weight.copy_(torch.cat([w[b + names[n] + ".weight"] for n in "qkv"]))
        attn.in_proj_bias.copy_(torch.cat([w[b + names[n] + ".bias"] for n in "qkv"]))
        for module, key in ((attn.out_proj, "o"), (layer.linear1, "ffn1"),
                            (layer.linear2, "ffn2"), (layer.norm1, "norm1"),
                            (layer.norm2, "norm2")):
            module.weight.copy_(w[b + names[key] + ".weight"])
            module.bias.copy_(w[b + names[key] + ".bias"])
    return layer


def encoder(family, config, tensors, ids, blocked=None):
    """attentions (layers, heads, T, T) and hidden (T, d) as numpy float64."""
    w = Weights(tensors, torch.float64)
    distil = family == "distilbert"
    p, names = ("distilbert.", DISTILBERT_NAMES) if distil else (
        "bert." if family == "bert-mlm" else "", BERT_NAMES)
    layers = config["n_layers" if distil else "num_hidden_layers"]
    heads = config["n_heads" if distil else "num_attention_heads"]
    ffn = config["hidden_dim" if distil else "intermediate_size"]
    eps = DISTILBERT_EPS if distil else config["layer_norm_eps"]
    ids = torch.as_tensor(list(ids))
    x = w[p + "embeddings.word_embeddings.weight"][ids]
    x = x + w[p + "embeddings.position_embeddings.weight"][:len(ids)]
    if not distil:
        x = x + w[p + "embeddings.token_type_embeddings.weight"][0]
    d = x.shape[-1]
    emb_norm = torch.nn.LayerNorm(d, eps=eps, dtype=torch.float64)
    with torch.no_grad():
        emb_norm.weight.copy_(w[p + "embeddings.LayerNorm.weight"])
        emb_norm.bias.copy_(w[p + "embeddings.LayerNorm.bias"])
        x = emb_norm(x)[None]
        attentions = []
        for layer in range(layers):
            block = _layer(w, p + names["layer"].format(layer), names, d, heads, ffn, eps)
            mask = None
            if blocked is not None:
                mask = torch.zeros(heads, len(ids), len(ids), dtype=torch.float64)
                mask[torch.from_numpy(blocked[layer])] = float("-inf")
            out, probs = block.self_attn(x, x, x, attn_mask=mask, need_weights=True,
                                         average_attn_weights=False)
            attentions.append(probs[0])
            x = block.norm1(x + out)
            x = block.norm2(x + block.linear2(torch.nn.functional.gelu(block.linear1(x))))
    return torch.stack(attentions).numpy(), x[0].numpy()
