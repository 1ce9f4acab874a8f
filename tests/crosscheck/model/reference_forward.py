"""The float64 torch reference for a generated Model (or any config + tensors of a family)."""
import torch

import torch_bert
import torch_gpt2
import torch_llama

FORWARDS = {"llama": torch_llama.forward, "llama-tied": torch_llama.forward,
            "llama3-rope": torch_llama.forward, "mistral": torch_llama.forward,
            "qwen2": torch_llama.forward, "gguf-llama": torch_llama.forward,
            "gpt2": torch_gpt2.forward, "gpt2-bare": torch_gpt2.forward,
            "bert-mlm": torch_bert.bert_forward, "bert": torch_bert.bert_forward,
            "distilbert": torch_bert.distilbert_forward}


def reference(model, ids, blocked=None, dtype=torch.float64):
    """dict of numpy arrays: attentions (layers, heads, T, T), hidden, logits (float64; float32
    only to show the rounding noise a float32 engine should expect)."""
    return FORWARDS[model.family](model.config, model.tensors, ids, blocked, dtype)
