"""Random attention cases for the cross-check, and the files + CLI arguments for each.

Every case is drawn from its own Generator seeded with (seed, index), so one failing case can be
rerun alone (--only INDEX) with identical numbers.
"""
import math
import os
from dataclasses import dataclass, field

import numpy as np

from formats import round_to_dtype, write_npy, write_safetensors

HEAD_CHOICES = (1, 2, 3, 4, 8)
SCORE_SPREAD_MAX = 8.0     # largest score spread σ drawn (see add_random_weights) ...
SCORE_TERMS_BUDGET = 40.0  # ... capped so that σ·scale·√(D·d_k) ≤ this (float32 error)
MASK_DTYPES = ("f32", "f64", "bool", "u8", "i32", "i64")
NUMPY_MASK_DTYPE = {"f32": "<f4", "f64": "<f8", "bool": "|b1", "u8": "|u1", "i32": "<i4",
                    "i64": "<i8"}
# Nonzero values that must all mean "may attend" (the convention is nonzero, not "== 1" or "> 0").
NONZERO_VALUES = {"f32": (1.0, 0.5, -2.0, 3.75), "f64": (1.0, 0.25, -1.0, 1e-3),
                  "bool": (True,), "u8": (1, 2, 255), "i32": (1, -1, 7), "i64": (1, -5, 1 << 40)}


@dataclass
class Case:
    index: int
    L: int
    S: int
    H: int
    dk: int
    cross: bool
    x: np.ndarray                   # L×D, float64 holding exactly the values in the file
    xk: np.ndarray                  # S×D (is x for self-attention)
    w: dict                         # wq bq wk bk wv bv wo bo, float64 as stored
    layout: str                     # "torch" (in_proj_*) or "separate" (q_proj/k_proj/...)
    weight_dtypes: dict             # tensor name -> safetensors dtype tag
    omitted_biases: tuple           # separate layout: biases left out of the file (read as zero)
    input_dtype: str                # "f32" or "f64"
    npy_version: tuple              # header version for the .npy inputs (None: numpy's default)
    mask_kind: str                  # none / shared / per-head
    mask: np.ndarray = None         # in its file dtype, L×S or H×L×S
    mask_dtype: str = None
    causal: bool = False
    full_rows: int = 0              # fully masked (head, row) pairs
    fill: str = "large-negative"
    temperature: float = 1.0
    no_scale: bool = False
    input_scale: float = 1.0
    metadata: bool = False          # safetensors file carries a __metadata__ entry
    extra: dict = field(default_factory=dict)

    @property
    def D(self):
        return self.H * self.dk

    def allowed(self):
        """H×L×S boolean: True where the query may attend (None without a mask)."""
        if self.mask is None:
            return None
        allowed = self.mask != 0
        if allowed.ndim == 2:
            allowed = np.broadcast_to(allowed, (self.H, self.L, self.S))
        return np.array(allowed, dtype=bool)

    def describe(self):
        mask = "none" if self.mask is None else (
            f"{self.mask_kind} {self.mask_dtype} density={self.extra['density']:.2f}"
            f"{' causal' if self.causal else ''} fully-masked-rows={self.full_rows}")
        return (f"case {self.index}: L={self.L} S={self.S} D={self.D} H={self.H} d_k={self.dk} "
                f"{'cross' if self.cross else 'self'}-attention, input {self.input_dtype}"
                f"{' x5' if self.input_scale != 1 else ''}, npy v{self.npy_version or 'default'}, "
                f"weights {self.layout} {sorted(set(self.weight_dtypes.values()))}"
                f"{' no-bias:' + ','.join(self.omitted_biases) if self.omitted_biases else ''}, "
                f"score spread {self.extra['score_spread']:.2f}, mask {mask}, fill {self.fill}, "
                f"T={self.temperature!r}{', --no-scale' if self.no_scale else ''}")


def random_case(seed, index):
    rng = np.random.default_rng([seed, index])
    H = int(rng.choice(HEAD_CHOICES))
    dk = int(rng.integers(1, 33))
    D = H * dk
    L = 1 if rng.random() < 0.2 else int(rng.integers(1, 49))
    cross = rng.random() < 0.4
    S = (1 if rng.random() < 0.15 else int(rng.integers(1, 49))) if cross else L

    input_dtype = "f64" if rng.random() < 0.2 else "f32"
    # ×5 inputs only where D is small: the output's float32 error grows like scale·√D.
    input_scale = 5.0 if rng.random() < 0.15 and D <= 64 else 1.0
    rounding = "F64" if input_dtype == "f64" else "F32"
    x = round_to_dtype(rng.standard_normal((L, D)) * input_scale, rounding)
    xk = round_to_dtype(rng.standard_normal((S, D)) * input_scale, rounding) if cross else x

    case = Case(index=index, L=L, S=S, H=H, dk=dk, cross=cross, x=x, xk=xk, w={},
                layout="torch" if rng.random() < 0.5 else "separate", weight_dtypes={},
                omitted_biases=(), input_dtype=input_dtype,
                npy_version=[None, None, (1, 0), (2, 0), (3, 0)][int(rng.integers(0, 5))],
                mask_kind=str(rng.choice(["none", "shared", "per-head"], p=[0.25, 0.4, 0.35])),
                input_scale=input_scale, metadata=bool(rng.random() < 0.3))
    case.fill = "neg-inf" if rng.random() < 0.5 else "large-negative"
    if rng.random() < 0.3:  # float32-representable, so the CLI's parse gives the same number
        case.temperature = float(np.float32(rng.uniform(0.5, 3.0)))
    case.no_scale = bool(rng.random() < 0.25)
    add_random_weights(case, rng)
    if case.mask_kind != "none":
        add_random_mask(case, rng)
    return case


def add_random_weights(case, rng):
    D, dk = case.D, case.dk
    file_dtype = str(rng.choice(["F32", "F64", "F16", "BF16"], p=[0.65, 0.25, 0.05, 0.05]))
    mixed = rng.random() < 0.12
    names = ("wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo")
    case.weight_dtypes = {n: (str(rng.choice(["F32", "F64", "F16", "BF16"])) if mixed
                              else file_dtype) for n in names}
    if case.layout == "torch":  # in_proj_* hold q, k and v in one tensor, hence one dtype
        for group in (("wq", "wk", "wv"), ("bq", "bk", "bv")):
            for n in group:
                case.weight_dtypes[n] = case.weight_dtypes[group[0]]
    case.omitted_biases = tuple(b for b in ("bq", "bk", "bv", "bo")
                                if case.layout == "separate" and rng.random() < 0.25)

    # The spread σ of the final scores is drawn, and the q/k gain derived from it. float32
    # resolves a score only to ~1e-7 of the terms summed into it (error ~ σ·√(D·d_k)·2^-24), and
    # weight errors reach the output multiplied by |V|. Unbounded (say ×5 inputs with --no-scale)
    # a float32 torch run misses 1e-5 by up to 15×; within this budget it stays below ~3.5e-6.
    budget = SCORE_TERMS_BUDGET / (case.input_scale * math.sqrt(D * dk))
    sigma = math.exp(rng.uniform(math.log(0.1), math.log(min(SCORE_SPREAD_MAX, budget))))
    factor = (1.0 if case.no_scale else 1.0 / math.sqrt(dk)) / case.temperature
    qk_std = math.sqrt(sigma / (math.sqrt(dk) * factor))  # std of Q and K entries
    qk_gain = qk_std / (case.input_scale * math.sqrt(D))
    gains = {"wq": qk_gain, "wk": qk_gain,  # V and the out projection: Xavier-like
             "wv": rng.uniform(0.5, 1.5) / math.sqrt(D), "wo": rng.uniform(0.5, 1.5) / math.sqrt(D)}
    bias_std = {"bq": qk_std, "bk": qk_std, "bv": 1.0, "bo": 1.0}
    for n in names:
        if n in case.omitted_biases:
            case.w[n] = np.zeros(D)
        elif n.startswith("w"):
            case.w[n] = round_to_dtype(rng.standard_normal((D, D)) * gains[n],
                                       case.weight_dtypes[n])
        else:
            case.w[n] = round_to_dtype(rng.standard_normal(D) * bias_std[n] * rng.uniform(0, 1),
                                       case.weight_dtypes[n])
    case.extra["score_spread"] = sigma


def add_random_mask(case, rng):
    shape = (case.L, case.S) if case.mask_kind == "shared" else (case.H, case.L, case.S)
    density = float(rng.uniform(0.1, 1.0))
    allowed = rng.random(shape) < density
    case.causal = bool(rng.random() < 0.25)
    if case.causal:  # lower-triangular, as in the post; sometimes also thinned at random
        causal = np.tril(np.ones((case.L, case.S), dtype=bool))
        allowed = np.broadcast_to(causal, shape) & (allowed | (rng.random() < 0.5))
    if rng.random() < 0.3:  # force some fully masked rows (in some heads, for per-head masks)
        rows = allowed.reshape(-1, case.S)
        count = int(rng.integers(1, max(1, rows.shape[0] // 3) + 1))
        rows[rng.choice(rows.shape[0], size=count, replace=False)] = False
    if rng.random() < 0.03:
        allowed[...] = False
    case.extra["density"] = density
    case.full_rows = int((~np.broadcast_to(allowed, (case.H, case.L, case.S))).all(-1).sum())

    case.mask_dtype = str(rng.choice(MASK_DTYPES))
    values = np.zeros(shape, dtype=NUMPY_MASK_DTYPE[case.mask_dtype])
    choices = NONZERO_VALUES[case.mask_dtype]
    # Half the masks use plain 1/True, half a mix of other nonzero values.
    picks = rng.choice(len(choices), size=shape) if rng.random() < 0.5 else np.zeros(shape, int)
    nonzero = np.array(choices, dtype=values.dtype)[picks]
    values[allowed] = nonzero[allowed]
    case.mask = values


def write_case(case, directory):
    """Writes the case's input files into `directory` and returns the CLI arguments after
    `compute` (without --out)."""
    npy_dtype = "<f8" if case.input_dtype == "f64" else "<f4"
    args = ["--heads", str(case.H)]
    x_path = os.path.join(directory, "x.npy")
    write_npy(x_path, case.x.astype(npy_dtype), case.npy_version)
    args += ["--input", x_path]
    if case.cross:
        xk_path = os.path.join(directory, "xk.npy")
        write_npy(xk_path, case.xk.astype(npy_dtype), case.npy_version)
        args += ["--key", xk_path]
    weights_path = os.path.join(directory, "w.safetensors")
    write_safetensors(weights_path, weight_tensors(case),
                      {"format": "pt"} if case.metadata else None)
    args += ["--weights", weights_path]
    if case.mask is not None:
        mask_path = os.path.join(directory, "mask.npy")
        write_npy(mask_path, case.mask, case.npy_version)
        args += ["--mask", mask_path]
    args += ["--mask-fill", case.fill]
    if case.temperature != 1.0:
        args += ["--temperature", repr(case.temperature)]
    if case.no_scale:
        args.append("--no-scale")
    return args


def weight_tensors(case):
    w, t = case.w, case.weight_dtypes
    if case.layout == "torch":
        return [("in_proj_weight", np.concatenate([w["wq"], w["wk"], w["wv"]]), t["wq"]),
                ("in_proj_bias", np.concatenate([w["bq"], w["bk"], w["bv"]]), t["bq"]),
                ("out_proj.weight", w["wo"], t["wo"]),
                ("out_proj.bias", w["bo"], t["bo"])]
    tensors = []
    for prefix, wn, bn in (("q_proj", "wq", "bq"), ("k_proj", "wk", "bk"), ("v_proj", "wv", "bv"),
                           ("o_proj", "wo", "bo")):
        tensors.append((prefix + ".weight", w[wn], t[wn]))
        if bn not in case.omitted_biases:
            tensors.append((prefix + ".bias", w[bn], t[bn]))
    return tensors
