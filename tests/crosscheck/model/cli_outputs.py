"""Running `attnviz model` and reading what it writes (DIR/ids.npy, tokens.txt, attentions.npy,
hidden.npy, logits.npy, summary.json), checked against the contract's dtypes and shapes."""
import json
import os
import subprocess

import numpy as np

TOLERANCE = 1e-4


def run_model(binary, args, out_dir, timeout=300):
    # No environment at all: the CLI must not need a display or any variable.
    return subprocess.run([binary, "model", *args, "--out", out_dir], env={},
                          capture_output=True, text=True, timeout=timeout)


def scaled_error(ours, ref):
    """‖ours − ref‖∞ / max(1, ‖ref‖∞): the max-norm error relative to the array's scale."""
    ours, ref = np.asarray(ours, np.float64), np.asarray(ref, np.float64)
    if ours.shape != ref.shape:
        return float("inf")
    if ours.size == 0:
        return 0.0
    err = np.abs(ours - ref).max() / max(1.0, float(np.abs(ref).max()))
    return float(err) if np.isfinite(err) else float("inf")


def load_outputs(out_dir, length, has_logits, architecture_names=()):
    """The CLI's arrays; raises ValueError naming what breaks the contract. summary.json must be
    a JSON object naming the architecture by one of architecture_names (any case)."""
    out = {}
    ids = np.load(os.path.join(out_dir, "ids.npy"), allow_pickle=False)
    if ids.dtype != np.int64 or ids.shape != (length,):
        raise ValueError(f"ids.npy is {ids.dtype} {ids.shape}, expected int64 ({length},)")
    out["ids"] = ids
    for name in ("attentions", "hidden") + (("logits",) if has_logits else ()):
        array = np.load(os.path.join(out_dir, name + ".npy"), allow_pickle=False)
        if array.dtype != np.float32:
            raise ValueError(f"{name}.npy has dtype {array.dtype}, expected float32")
        out[name] = array
    if not has_logits and os.path.exists(os.path.join(out_dir, "logits.npy")):
        raise ValueError("logits.npy written for a checkpoint without an LM/MLM head")
    with open(os.path.join(out_dir, "tokens.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != length:
        raise ValueError(f"tokens.txt has {len(lines)} lines, expected {length}")
    with open(os.path.join(out_dir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    if not isinstance(summary, dict):
        raise ValueError("summary.json is not a JSON object")
    text = json.dumps(summary).lower()
    if architecture_names and not any(n.lower() in text for n in architecture_names):
        raise ValueError(f"summary.json names none of {list(architecture_names)}")
    return out


def max_abs_error(ours, ref):
    """‖ours − ref‖∞, for the golden data (whose tolerances are absolute)."""
    ours, ref = np.asarray(ours, np.float64), np.asarray(ref, np.float64)
    if ours.shape != ref.shape:
        return float("inf")
    err = float(np.abs(ours - ref).max()) if ours.size else 0.0
    return err if np.isfinite(err) else float("inf")


def compare(ours, ref, tolerances=None, error_of=scaled_error):
    """(failure messages, {quantity: error}) for attentions / hidden / logits, each against its
    tolerance (TOLERANCE for all by default)."""
    failures, errors = [], {}
    for name in ("attentions", "hidden", "logits"):
        if name not in ref:
            continue
        tolerance = (tolerances or {}).get(name, TOLERANCE)
        if ours[name].shape != ref[name].shape:
            failures.append(f"{name}.npy has shape {ours[name].shape}, expected "
                            f"{ref[name].shape}")
            continue
        errors[name] = error = error_of(ours[name], ref[name])
        if error > tolerance:
            diff = np.abs(ours[name].astype(np.float64) - ref[name])
            diff = np.where(np.isnan(diff), np.inf, diff)
            at = np.unravel_index(int(np.argmax(diff)), diff.shape)
            failures.append(f"{name}: error {error:.3g} > {tolerance:g} at "
                            f"{tuple(int(i) for i in at)}: got {ours[name][at]!r}, "
                            f"expected {ref[name][at]!r}")
    return failures, errors
