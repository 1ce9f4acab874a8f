"""Training rows: stories and repeated passages packed after a BOS, or repeated random tokens."""

import numpy as np

from . import bpe, stories

IGNORE = -100  # targets left out of the loss
KINDS = ("story", "copy")  # the rows' kinds, in the order next() numbers them


class Batches:
    def __init__(self, tokenizer, docs, rows, length, random_fraction, seed):
        """`docs`: the text documents the story rows are packed from (each ends with EOS)."""
        self.tokenizer, self.rows, self.length = tokenizer, rows, length
        self.random_fraction = random_fraction
        self.docs = [np.array(tokenizer.encode(d.text, add_bos=False) + [1]) for d in docs]
        self.rng = np.random.default_rng(seed)

    def _text_row(self):
        parts, size = [np.array([0])], 1
        while size < self.length + 1:
            doc = self.docs[self.rng.integers(len(self.docs))]
            parts.append(doc)
            size += len(doc)
        ids = np.concatenate(parts)[: self.length + 1]
        return ids, ids[1:].copy()

    def _random_row(self):
        # A random sequence repeated until the row is full: after its first copy every token is
        # predictable only by finding the earlier occurrence of the current token and copying the
        # token after it, which is what an induction head does. Drawn over the whole vocabulary so
        # that every token's embedding is trained, since the induction metric draws from all of it.
        n = int(self.rng.integers(8, self.length // 2 + 1))
        r = self.rng.integers(len(bpe.SPECIALS), len(self.tokenizer.vocab), size=n)
        ids = np.concatenate([[0], np.tile(r, self.length // n + 1)])[: self.length + 1]
        targets = ids[1:].copy()
        targets[: n + 1] = IGNORE  # the first copy and the start of the second cannot be predicted
        return ids, targets

    def _row(self):
        if self.rng.random() < self.random_fraction:
            return self._random_row(), 1
        return self._text_row(), 0

    def next(self):
        """Input ids, targets and each row's kind (an index into KINDS)."""
        rows = [self._row() for _ in range(self.rows)]
        ids = np.stack([r[0][:-1] for r, _ in rows])
        targets = np.stack([r[1] for r, _ in rows])
        return ids, targets, np.array([kind for _, kind in rows])


def corpus(count, repeat_fraction, seed):
    rng = np.random.default_rng(seed)
    return [stories.document(rng, repeat_fraction) for _ in range(count)]
