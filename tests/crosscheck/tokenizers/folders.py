"""Reference folders for transformers.js, written the way transformers' converters write them.

vocab_merges_folder writes a tokenizer.json's BPE as vocab.json + merges.txt (Qwen2's files).
GPT-2 and BERT ship here as their original files (encoder.json + vocab.bpe, vocab.txt); the
reference tokenizer reads tokenizer.json, so these build the tokenizer.json HF's GPT2Converter and
BertConverter produce from the same files. The LLaMA-style byte-fallback tokenizer.json comes from
stories260K's tokenizer.model, as HF's LlamaConverter makes it: the vocabulary with its ids,
merges from every pair of pieces whose concatenation is a piece (ordered by the merged piece's
score, then the pair's ids), byte fallback, and either the legacy normaliser (Prepend + Replace)
or the Metaspace pre-tokenizer.
"""
import json
import os
import shutil

SPIECE = "\u2581"


def write_folder(folder, tokenizer, config):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False)


def added(token_id, content, normalized=False, special=True):
    return {"id": token_id, "content": content, "single_word": False, "lstrip": False,
            "rstrip": False, "normalized": normalized, "special": special}


def template(prefix, suffix, ids):
    single = ([{"SpecialToken": {"id": t, "type_id": 0}} for t in prefix]
              + [{"Sequence": {"id": "A", "type_id": 0}}]
              + [{"SpecialToken": {"id": t, "type_id": 0}} for t in suffix])
    specials = {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in prefix + suffix}
    return {"type": "TemplateProcessing", "single": single, "pair": single,
            "special_tokens": specials}


def gpt2_folder(source, folder):
    with open(os.path.join(source, "encoder.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    with open(os.path.join(source, "vocab.bpe"), encoding="utf-8") as f:
        merges = [line for line in f.read().split("\n")[1:] if line]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                  "use_regex": True}
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(vocab["<|endoftext|>"], "<|endoftext|>", normalized=True)],
        "normalizer": None, "pre_tokenizer": byte_level, "post_processor": byte_level,
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None,
                  "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False,
                  "byte_fallback": False, "vocab": vocab, "merges": merges},
    }
    config = {"tokenizer_class": "GPT2Tokenizer", "bos_token": "<|endoftext|>",
              "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
              "add_prefix_space": False, "model_max_length": 1024}
    write_folder(folder, tokenizer, config)


def vocab_merges_folder(source, folder):
    """A tokenizer.json folder's BPE written the older way: vocab.json + merges.txt, with its
    tokenizer_config.json (whose added_tokens_decoder lists the added tokens)."""
    with open(os.path.join(source, "tokenizer.json"), encoding="utf-8") as f:
        model = json.load(f)["model"]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(model["vocab"], f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for merge in model["merges"]:
            f.write((merge if isinstance(merge, str) else " ".join(merge)) + "\n")
    shutil.copy(os.path.join(source, "tokenizer_config.json"), folder)


def bert_folder(source, folder):
    with open(os.path.join(source, "vocab.txt"), encoding="utf-8") as f:
        pieces = f.read().split("\n")
    if pieces and pieces[-1] == "":
        pieces.pop()
    vocab = {piece: i for i, piece in enumerate(pieces)}
    names = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(vocab[n], n) for n in names],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": template(["[CLS]"], ["[SEP]"], vocab),
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }
    config = {"tokenizer_class": "BertTokenizer", "do_lower_case": True, "unk_token": "[UNK]",
              "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
              "mask_token": "[MASK]", "tokenize_chinese_chars": True, "strip_accents": None,
              "model_max_length": 512}
    write_folder(folder, tokenizer, config)


def sentencepiece_merges(sp):
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    normal = {p: i for p, i in vocab.items()
              if not (sp.is_control(i) or sp.is_unknown(i) or sp.is_byte(i))}
    merges = []
    for left, left_id in normal.items():
        for right, right_id in normal.items():
            merged = normal.get(left + right)
            if merged is not None:
                merges.append((-sp.get_score(merged), merged, left_id, right_id, left, right))
    merges.sort()
    return vocab, [[m[4], m[5]] for m in merges]


def llama_folder(sp, folder, legacy):
    vocab, merges = sentencepiece_merges(sp)
    names = {sp.unk_id(): "<unk>", sp.bos_id(): "<s>", sp.eos_id(): "</s>"}
    model = {"type": "BPE", "dropout": None, "unk_token": "<unk>",
             "continuing_subword_prefix": None, "end_of_word_suffix": None, "fuse_unk": True,
             "byte_fallback": True, "ignore_merges": False, "vocab": vocab, "merges": merges}
    if legacy:
        normalizer = {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": SPIECE},
            {"type": "Replace", "pattern": {"String": " "}, "content": SPIECE}]}
        pre_tokenizer = None
    else:
        normalizer = None
        pre_tokenizer = {"type": "Metaspace", "replacement": SPIECE, "prepend_scheme": "first",
                         "split": False}
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added(i, n) for i, n in sorted(names.items())],
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer,
        "post_processor": template(["<s>"], [], vocab),
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": SPIECE}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": model,
    }
    config = {"tokenizer_class": "LlamaTokenizer", "add_bos_token": True, "add_eos_token": False,
              "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "legacy": legacy}
    write_folder(folder, tokenizer, config)
