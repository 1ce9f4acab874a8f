"""Bad-input cases: `attnviz compute` must exit 2 with a message and leave DIR without files.

Each case starts from one small valid case (also run, as a control that must succeed) and breaks
exactly one thing, so a pass cannot come from some other, accidental error.
"""
import os

import numpy as np

from cases import Case, weight_tensors, write_case
from formats import write_npy, write_safetensors


def _base_case():
    rng = np.random.default_rng(12345)
    L, S, H, dk = 4, 5, 2, 4
    D = H * dk
    w = {n: (rng.standard_normal((D, D)) if n.startswith("w") else rng.standard_normal(D))
         .astype(np.float32).astype(np.float64) for n in ("wq", "bq", "wk", "bk", "wv", "bv",
                                                          "wo", "bo")}
    return Case(index=-1, L=L, S=S, H=H, dk=dk, cross=True,
                x=rng.standard_normal((L, D)).astype(np.float32).astype(np.float64),
                xk=rng.standard_normal((S, D)).astype(np.float32).astype(np.float64),
                w=w, layout="torch", weight_dtypes={n: "F32" for n in w}, omitted_biases=(),
                input_dtype="f32", npy_version=None, mask_kind="shared",
                mask=np.ones((L, S), dtype=np.float32), mask_dtype="f32")


def _replace_arg(args, option, value):
    args = list(args)
    args[args.index(option) + 1] = value
    return args


def _nan_in_input(case, d, args):
    x = case.x.astype(np.float32)
    x[1, 2] = np.nan
    write_npy(os.path.join(d, "x.npy"), x)
    return args


def _inf_in_key(case, d, args):
    xk = case.xk.astype(np.float32)
    xk[0, 0] = -np.inf
    write_npy(os.path.join(d, "xk.npy"), xk)
    return args


def _inf_in_weights(case, d, args):
    case.w["wv"][3, 1] = np.inf
    write_safetensors(os.path.join(d, "w.safetensors"), weight_tensors(case))
    return args


def _mask_wrong_shape(case, d, args):
    write_npy(os.path.join(d, "mask.npy"), np.ones((case.L, case.S + 1), dtype=np.float32))
    return args


def _mask_wrong_heads(case, d, args):
    write_npy(os.path.join(d, "mask.npy"), np.ones((case.H + 1, case.L, case.S), dtype=np.uint8))
    return args


def _key_wrong_width(case, d, args):
    write_npy(os.path.join(d, "xk.npy"), np.ones((case.S, case.D + 1), dtype=np.float32))
    return args


def _heads_not_dividing(case, d, args):
    return _replace_arg(args, "--heads", "3")  # D = 8


def _truncated_npy(case, d, args):
    path = os.path.join(d, "x.npy")
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.truncate(size - 7)
    return args


def _nonexistent_input(case, d, args):
    return _replace_arg(args, "--input", os.path.join(d, "does-not-exist.npy"))


def _nonexistent_weights(case, d, args):
    return _replace_arg(args, "--weights", os.path.join(d, "does-not-exist.safetensors"))


def _too_long_for_the_memory_budget(case, d, args):
    # L = S = 65536: 2 MiB inputs, but 32 GiB of weights. Refused up front, before allocating.
    # The L×S mask would be 4 GiB itself, so this case has none.
    rng = np.random.default_rng(1)
    for name in ("x.npy", "xk.npy"):
        write_npy(os.path.join(d, name), rng.standard_normal((65536, case.D)).astype(np.float32))
    at = args.index("--mask")
    return args[:at] + args[at + 2:]


BREAKAGES = [
    ("NaN in input", _nan_in_input),
    ("-inf in key input", _inf_in_key),
    ("inf in weights", _inf_in_weights),
    ("mask of wrong shape (L x S+1)", _mask_wrong_shape),
    ("mask of wrong head count (H+1 x L x S)", _mask_wrong_heads),
    ("key input of wrong width", _key_wrong_width),
    ("D not divisible by H", _heads_not_dividing),
    ("truncated .npy", _truncated_npy),
    ("nonexistent input file", _nonexistent_input),
    ("nonexistent weights file", _nonexistent_weights),
    ("L = S = 65536 under the default memory budget", _too_long_for_the_memory_budget),
]


def run_bad_inputs(run_cli, workdir):
    """run_cli(args, out_dir) -> CompletedProcess. Returns a list of (name, ok, message)."""
    results = []
    for number, (name, breakage) in enumerate([("valid control", None)] + BREAKAGES):
        d = os.path.join(workdir, f"bad_{number}")
        os.makedirs(d)
        case = _base_case()
        args = write_case(case, d)
        if breakage is not None:
            args = breakage(case, d, args)
        out_dir = os.path.join(d, "out")
        if number % 2:  # an existing empty DIR and a DIR to be created must both stay empty
            os.makedirs(out_dir)
        before = set(os.listdir(d)) - {"out"}
        proc = run_cli(args, out_dir)
        written = sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else []
        stray = sorted(set(os.listdir(d)) - before - {"out"})
        if breakage is None:
            ok = proc.returncode == 0 and written == ["output.npy", "scores.npy", "weights.npy"]
            message = f"exit {proc.returncode}, DIR has {written}, stderr: {proc.stderr.strip()}"
        else:
            problems = []
            if proc.returncode != 2:
                problems.append(f"exit code {proc.returncode}, expected 2")
            if not proc.stderr.strip():
                problems.append("no message on stderr")
            if written:
                problems.append(f"DIR contains {written}")
            if stray:
                problems.append(f"left {stray} next to DIR")
            ok = not problems
            message = "; ".join(problems) if problems else proc.stderr.strip().splitlines()[0]
        results.append((name, ok, message))
    return results
