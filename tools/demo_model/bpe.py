"""Byte-level BPE, as GPT-2 and HuggingFace's `tokenizers` define it: training, encoding, and the
tokenizer.json that HF's library and transformers.js load.

Written here because Debian packages no `tokenizers`; the encoder is the reference the script checks
its own tokenizer.json against (every grammar word one token, offsets, round trips).
"""

import json
import re
from collections import Counter

BOS, EOS = "<s>", "</s>"
SPECIALS = [BOS, EOS]  # ids 0 and 1, first as HF's BpeTrainer places special tokens

# GPT-2's pre-tokenizer regex with \p{L} and \p{N} spelled for ASCII, which is all the training
# text holds; encode() refuses other text rather than split it differently from HF.
_PRETOKEN = re.compile(
    r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    """GPT-2's map from bytes to printable characters (space becomes 'Ġ')."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    chars, extra = {}, 0
    for b in range(256):
        if b in printable:
            chars[b] = chr(b)
        else:
            chars[b] = chr(256 + extra)
            extra += 1
    return chars


_BYTE_CHAR = bytes_to_unicode()
_CHAR_BYTE = {c: b for b, c in _BYTE_CHAR.items()}


def pretokenize(text):
    if not text.isascii():
        raise ValueError("this reference encoder handles ASCII text only")
    return [(m.start(), m.group()) for m in _PRETOKEN.finditer(text)]


def _byte_word(pretoken):
    return "".join(_BYTE_CHAR[b] for b in pretoken.encode("utf-8"))


def _merge_word(word, pair, merged):
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
            out.append(merged)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def train(texts, max_vocab):
    """Merges the most frequent pair (ties: the smaller pair) until every word is one token or the
    vocabulary is full. Returns the vocabulary (a list, index = id) and the merges in rank order."""
    counts = Counter(_byte_word(p) for text in texts for _, p in pretokenize(text))
    words = {tuple(w): c for w, c in counts.items()}
    vocab = SPECIALS + [_BYTE_CHAR[b] for b in range(256)]
    merges = []
    while len(vocab) < max_vocab:
        pairs = Counter()
        for word, count in words.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += count
        if not pairs:
            break
        pair = min(pairs, key=lambda p: (-pairs[p], p))
        merged = pair[0] + pair[1]
        merges.append(pair)
        vocab.append(merged)
        words = {_merge_word(w, pair, merged): c for w, c in words.items()}
    return vocab, merges


class Tokenizer:
    def __init__(self, vocab, merges):
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        self.merges = merges
        self._cache = {}

    def _bpe(self, pretoken):
        if pretoken not in self._cache:
            word = tuple(_byte_word(pretoken))
            while len(word) > 1:
                pair = min(zip(word, word[1:]), key=lambda p: self.ranks.get(p, len(self.ranks)))
                if pair not in self.ranks:
                    break
                word = _merge_word(word, pair, pair[0] + pair[1])
            self._cache[pretoken] = [self.ids[t] for t in word]
        return self._cache[pretoken]

    def encode(self, text, add_bos=True, with_offsets=False):
        """Ids (and each token's start in `text`; a token that splits a character's bytes cannot
        occur in ASCII text). Special tokens written in the text are matched first, as HF does."""
        ids, starts = ([0], [0]) if add_bos else ([], [])
        pos = 0
        for piece in re.split("(" + "|".join(map(re.escape, SPECIALS)) + ")", text):
            if piece in SPECIALS:
                ids.append(self.ids[piece])
                starts.append(pos)
            elif piece:
                for start, pretoken in pretokenize(piece):
                    for tid in self._bpe(pretoken):
                        ids.append(tid)
                        starts.append(pos + start)
                        start += len(self.vocab[tid])
            pos += len(piece)
        return (ids, starts) if with_offsets else ids

    def decode(self, ids):
        text = "".join(self.vocab[i] for i in ids if i >= len(SPECIALS))
        return bytes(_CHAR_BYTE[c] for c in text).decode("utf-8", errors="replace")

    def write(self, folder, max_length):
        """tokenizer.json and tokenizer_config.json in the form HF's `tokenizers` 0.20+ writes."""
        added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for i, t in enumerate(SPECIALS)]
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                      "use_regex": True}
        bos = {"SpecialToken": {"id": BOS, "type_id": 0}}
        tokenizer = {
            "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
            "normalizer": None, "pre_tokenizer": byte_level,
            # "<s> $A" (and "<s> $A <s> $B" for pairs), as LlamaTokenizerFast builds it from
            # add_bos_token, so both readers of the files agree.
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [bos, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [bos, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": BOS, "type_id": 1}},
                         {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {BOS: {"id": BOS, "ids": [0], "tokens": [BOS]}},
            },
            "decoder": byte_level,
            "model": {
                "type": "BPE", "dropout": None, "unk_token": None,
                "continuing_subword_prefix": None, "end_of_word_suffix": None, "fuse_unk": False,
                "byte_fallback": False, "ignore_merges": False,
                "vocab": self.ids, "merges": [list(p) for p in self.merges],
            },
        }
        config = {
            "add_bos_token": True, "add_eos_token": False, "add_prefix_space": False,
            "added_tokens_decoder": {str(a["id"]): {k: v for k, v in a.items() if k != "id"}
                                     for a in added},
            "bos_token": BOS, "eos_token": EOS, "clean_up_tokenization_spaces": False,
            "model_max_length": max_length, "tokenizer_class": "PreTrainedTokenizerFast",
        }
        for name, data in (("tokenizer.json", tokenizer), ("tokenizer_config.json", config)):
            with open(f"{folder}/{name}", "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=2)
                f.write("\n")
