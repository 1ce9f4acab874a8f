"""Small synthetic tokenizers with exactly the model's vocabulary size, in the files each family
ships: a byte-fallback BPE tokenizer.json (LLaMA style; also the GGUF's tokenizer.ggml.* lists),
a byte-level BPE tokenizer.json (GPT-2 / Qwen2) and a WordPiece vocab.txt (BERT / DistilBERT).
The model cases run with --ids, so these only have to be valid, loadable files."""
import os
import string
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tokenizers"))
from folders import SPIECE, added, template, write_folder  # noqa: E402

LETTERS = string.ascii_lowercase + string.ascii_uppercase + string.digits + ".,!?'"


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character table."""
    keep = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    chars, extra = {b: chr(b) for b in keep}, 0
    for b in range(256):
        if b not in chars:
            chars[b] = chr(256 + extra)
            extra += 1
    return [chars[b] for b in range(256)]


def bpe_vocab(base, size, fixed):
    """fixed + base symbols + merged pairs of base symbols up to `size` pieces; returns
    (pieces in id order, merges as 'left right')."""
    pieces, merges = list(fixed), []
    seen = set(pieces)
    for piece in base:
        if len(pieces) < size and piece not in seen:
            pieces.append(piece)
            seen.add(piece)
    for left in base:
        for right in base:
            if len(pieces) >= size:
                return pieces, merges
            if left + right not in seen:
                pieces.append(left + right)
                seen.add(left + right)
                merges.append(f"{left} {right}")
    if len(pieces) < size:
        raise ValueError(f"vocabulary of {size} is too large for the synthetic BPE")
    return pieces, merges


SPM_FIXED = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)]


def llama_pieces(size):
    """The LLaMA-style vocabulary (ids 0-2 specials, 3-258 byte pieces), as pieces + merges."""
    return bpe_vocab([SPIECE] + list(LETTERS), size, SPM_FIXED)


def write_llama_tokenizer(folder, size):
    pieces, merges = llama_pieces(size)
    vocab = {p: i for i, p in enumerate(pieces)}
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(i, p) for i, p in enumerate(pieces[:3])],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": SPIECE},
            {"type": "Replace", "pattern": {"String": " "}, "content": SPIECE}]},
        "pre_tokenizer": None, "post_processor": template(["<s>"], [], vocab),
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": SPIECE}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>",
                  "continuing_subword_prefix": None, "end_of_word_suffix": None,
                  "fuse_unk": True, "byte_fallback": True, "vocab": vocab, "merges": merges},
    }
    config = {"tokenizer_class": "LlamaTokenizer", "add_bos_token": True, "add_eos_token": False,
              "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "legacy": True}
    write_folder(folder, tokenizer, config)


def write_byte_level_tokenizer(folder, size, specials):
    """GPT-2 (specials ['<|endoftext|>']) or Qwen2 (its three chat specials) byte-level BPE; the
    specials take the last ids."""
    table = bytes_to_unicode()
    pieces, merges = bpe_vocab(table[ord("a"):ord("z") + 1] + ["\u0120"] + table,
                               size - len(specials), [])
    vocab = {p: i for i, p in enumerate(pieces + specials)}
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                  "use_regex": True}
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(vocab[s], s) for s in specials],
        "normalizer": None, "pre_tokenizer": byte_level, "post_processor": byte_level,
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None,
                  "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False,
                  "byte_fallback": False, "vocab": vocab, "merges": merges},
    }
    config = {"bos_token": None, "eos_token": specials[-1], "unk_token": None,
              "add_prefix_space": False, "model_max_length": 1024}
    write_folder(folder, tokenizer, config)


def write_wordpiece_vocab(folder, size):
    """[PAD] [UNK] [CLS] [SEP] [MASK], characters, ##characters, then two-letter words."""
    chars = string.ascii_lowercase + string.digits
    fixed = (["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list(".,!?'")
             + ["##" + c for c in chars])
    pieces, _ = bpe_vocab(list(chars), size, fixed)
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(pieces) + "\n")
