"""Writes a generated Model as a HuggingFace folder: config.json, model.safetensors or sharded
model-0000x-of-0000y.safetensors + model.safetensors.index.json (via formats.py), and a
tokenizer of the family's kind sized to the vocabulary."""
import json
import os

from formats import write_safetensors
from vocab_files import write_byte_level_tokenizer, write_llama_tokenizer, write_wordpiece_vocab

QWEN_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def write_tokenizer(model, folder):
    family, size = model.family, model.vocab
    if family.startswith(("llama", "mistral")):
        write_llama_tokenizer(folder, size)
    elif family == "qwen2":
        write_byte_level_tokenizer(folder, size, QWEN_SPECIALS)
    elif family.startswith("gpt2"):
        write_byte_level_tokenizer(folder, size, ["<|endoftext|>"])
    else:
        write_wordpiece_vocab(folder, size)
        with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
            json.dump({"do_lower_case": True, "model_max_length": model.max_positions}, f)


def shard_names(count):
    return [f"model-{i + 1:05d}-of-{count:05d}.safetensors" for i in range(count)]


def write_weights(model, folder, rng, shards=1):
    """One file, or `shards` files with each tensor in a random shard (none left empty)."""
    items = [(name, values, model.dtypes[name]) for name, values in model.tensors.items()]
    metadata = {"format": "pt"}
    if shards == 1:
        write_safetensors(os.path.join(folder, "model.safetensors"), items, metadata)
        return
    owner = list(range(shards)) + [int(rng.integers(0, shards)) for _ in items[shards:]]
    rng.shuffle(owner)
    names = shard_names(shards)
    for i, file_name in enumerate(names):
        write_safetensors(os.path.join(folder, file_name),
                          [item for item, o in zip(items, owner) if o == i], metadata)
    total = sum(v.size * (4 if model.dtypes[n] == "F32" else 2) for n, v in model.tensors.items())
    index = {"metadata": {"total_size": total},
             "weight_map": {item[0]: names[o] for item, o in zip(items, owner)}}
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump(index, f, indent=2)


def write_hf_folder(model, folder, rng, shards=1):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(model.config, f, indent=2)
    write_weights(model, folder, rng, shards)
    write_tokenizer(model, folder)
    return folder
