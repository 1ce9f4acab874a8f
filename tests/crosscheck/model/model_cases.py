"""Random `attnviz model` cases: a seeded model of one family (HF folder, maybe sharded, or a
GGUF file of one tensor type), random ids and random knockouts, with the CLI arguments.

Case i draws from its own Generator seeded with (seed, i), so `--only i` reruns it exactly."""
import os
from dataclasses import dataclass

import numpy as np

from families import FAMILIES, random_model
from gguf_llama import GGUF_TYPES, random_gguf_model
from knockouts import blocked_mask, random_specs
from model_files import write_hf_folder

KINDS = FAMILIES + ("gguf", "gguf")
MAX_LENGTH = 24   # longest random T (T = max_position_embeddings is also drawn when it is ≤ 64)


@dataclass
class ModelCase:
    index: int
    model: object
    ids: list
    specs: list
    shards: int = 1
    gguf: bytes = None
    qtype: str = None

    def describe(self):
        m = self.model
        where = f"GGUF {self.qtype}" if self.gguf else f"{self.shards} shard(s)"
        dtypes = sorted(set(m.dtypes.values()))
        empty = self.empty_rows()
        return (f"case {self.index}: {m.family} ({where}, {'/'.join(dtypes)}), "
                f"{m.layers} layers, {m.heads} heads, vocab {m.vocab}, T={len(self.ids)}, "
                f"knockouts {self.specs or 'none'}"
                + (f" ({empty} rows left with no key: expected all zero)" if empty else ""))

    def blocked(self):
        return blocked_mask(self.specs, self.model.layers, self.model.heads, len(self.ids))

    def empty_rows(self):
        """(layer, head, query) rows whose every allowed key is knocked out."""
        blocked = self.blocked()
        if blocked is None:
            return 0
        length = len(self.ids)
        allowed = np.tril(np.ones((length, length), dtype=bool)) if self.model.causal else True
        return int((~(allowed & ~blocked)).all(-1).sum())


def random_case(seed, index):
    rng = np.random.default_rng([seed, index])
    kind = KINDS[index % len(KINDS)]
    gguf = qtype = None
    if kind == "gguf":
        qtype = GGUF_TYPES[(index // len(KINDS)) % len(GGUF_TYPES)]
        model, gguf = random_gguf_model(rng, qtype)
    else:
        model = random_model(rng, kind)
    longest = min(MAX_LENGTH, model.max_positions)
    full = model.max_positions <= 64 and rng.random() < 0.1   # T = max_position_embeddings
    length = model.max_positions if full else int(rng.integers(1, longest + 1))
    ids = [int(i) for i in rng.integers(0, model.vocab, length)]
    if rng.random() < 0.3:
        ids[int(rng.integers(0, length))] = model.vocab - 1   # the last id is valid too
    specs = random_specs(rng, model.layers, model.heads, length, model.causal)
    shards = int(rng.integers(2, 4)) if gguf is None and rng.random() < 0.3 else 1
    return ModelCase(index, model, ids, specs, shards, gguf, qtype)


def write_case(case, directory, rng=None):
    """Writes the model under `directory`; returns the CLI arguments (without --out)."""
    rng = rng or np.random.default_rng(case.index)
    if case.gguf is not None:
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "model.gguf")
        with open(path, "wb") as f:
            f.write(case.gguf)
    else:
        path = write_hf_folder(case.model, directory, rng, case.shards)
    args = ["--model", path, "--ids", ",".join(map(str, case.ids)), "--top-k", "5"]
    for spec in case.specs:
        args += ["--knockout", spec]
    return args
