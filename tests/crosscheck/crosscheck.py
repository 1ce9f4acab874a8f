#!/usr/bin/python3
"""Cross-check `attnviz compute` against PyTorch on random cases, plus bad-input cases.

Each random case (see cases.py) is written to .npy/.safetensors files, run through the CLI, and
its three outputs compared with two float64 torch references (see references.py):
  (1) a literal transcription of the reference maths (weights, scores and output), and
  (2) torch.nn.functional.multi_head_attention_forward (weights and output).
The references are also compared with each other, so a wrong reference cannot pass silently.
Tolerance: |ours − ref| ≤ 1e-5 · max(1, |ref|) elementwise.

Run with Debian's /usr/bin/python3 (python3-torch). Ends with `crosscheck: N passed, M failed`,
where N + M counts the random cases and the bad-input cases; exit status 1 on any failure.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for the modules below

try:
    import numpy as np
    import torch
except ImportError as error:  # the set-up installs python3-torch: its absence is a failure
    print(f"crosscheck: FAIL: cannot import numpy/torch ({error}); install python3-torch and "
          f"run with /usr/bin/python3 (this is {sys.executable})")
    sys.exit(1)

from badinput import run_bad_inputs
from cases import random_case, write_case
from references import float32_noise, functional_mha, relative_error, transcription

TOLERANCE = 1e-5
REFERENCE_AGREEMENT = 1e-9  # both references are float64; they differ only by rounding
QUANTITIES = [("weights", "transcription"), ("scores", "transcription"),
              ("output", "transcription"), ("weights", "F.mha"), ("output", "F.mha")]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attnviz", help="path of the attnviz binary")
    parser.add_argument("--cases", type=int, default=240, help="number of random cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, action="append", help="run only this case index")
    parser.add_argument("--keep", help="keep the case files in this directory")
    parser.add_argument("--reference-only", action="store_true",
                        help="no CLI: only check the two references against each other")
    args = parser.parse_args()
    if not args.reference_only and not args.attnviz:
        parser.error("--attnviz is required (or --reference-only)")
    return args


def make_cli_runner(binary):
    def run(args, out_dir):
        # No environment at all: the CLI must not need a display or any variable.
        return subprocess.run([binary, "compute", *args, "--out", out_dir], env={},
                              capture_output=True, text=True, timeout=120)
    return run


def load_outputs(out_dir):
    """The CLI's outputs, checked to be float32 as specified; raises ValueError otherwise."""
    result = {}
    for name in ("weights", "scores", "output"):
        array = np.load(os.path.join(out_dir, name + ".npy"), allow_pickle=False)
        if array.dtype != np.float32:
            raise ValueError(f"{name}.npy has dtype {array.dtype}, expected float32")
        result[name] = array
    return result


class Tally:
    """Worst error per (quantity, reference), with the case it occurred in."""

    def __init__(self):
        self.worst = {}

    def add(self, key, error, index):
        if key not in self.worst or error > self.worst[key][0]:
            self.worst[key] = (error, index)

    def lines(self):
        return [f"  worst {name} vs {ref}: {self.worst[(name, ref)][0]:.3g} "
                f"(case {self.worst[(name, ref)][1]})"
                for name, ref in self.worst]


def check_case(case, run_cli, workdir, tally):
    """Returns a list of failure messages (empty: pass)."""
    scores1, weights1, output1 = transcription(case)
    weights2, output2 = functional_mha(case)
    failures = []
    agreement = max(relative_error(weights2, weights1), relative_error(output2, output1))
    tally.add(("references", "each other"), agreement, case.index)
    if agreement > REFERENCE_AGREEMENT:
        failures.append(f"the references disagree: {agreement:.3g}")
    if run_cli is None:
        return failures

    case_dir = os.path.join(workdir, f"case_{case.index}")
    os.makedirs(case_dir)
    args = write_case(case, case_dir)
    out_dir = os.path.join(case_dir, "out")
    proc = run_cli(args, out_dir)
    if proc.returncode != 0:
        return failures + [f"attnviz exited {proc.returncode}: {proc.stderr.strip()}",
                           "command: attnviz compute " + " ".join(args) + " --out " + out_dir]
    try:
        ours = load_outputs(out_dir)
    except (OSError, ValueError) as error:
        return failures + [f"cannot read the outputs: {error}"]

    references = {("weights", "transcription"): weights1, ("scores", "transcription"): scores1,
                  ("output", "transcription"): output1, ("weights", "F.mha"): weights2,
                  ("output", "F.mha"): output2}
    for (name, ref_name), ref in references.items():
        if ours[name].shape != ref.shape:
            failures.append(f"{name}.npy has shape {ours[name].shape}, expected {ref.shape}")
            continue
        error = relative_error(ours[name], ref)
        tally.add((name, ref_name), error, case.index)
        if error > TOLERANCE:
            failures.append(f"{name} vs {ref_name}: relative error {error:.3g} > {TOLERANCE:g}"
                            + worst_element(ours[name], ref))
    if failures:
        noise = float32_noise(case)
        failures.append("float32 transcription vs float64 on this case: "
                        + ", ".join(f"{k} {v:.3g}" for k, v in noise.items()))
        failures.append("command: attnviz compute " + " ".join(args) + " --out " + out_dir)
    return failures


def worst_element(ours, ref):
    err = np.abs(ours.astype(np.float64) - ref) / np.maximum(1.0, np.abs(ref))
    err = np.where(np.isnan(err), np.inf, err)
    at = np.unravel_index(int(np.argmax(err)), err.shape)
    return f" at {tuple(int(i) for i in at)}: got {ours[at]!r}, expected {ref[at]!r}"


def coverage(cases):
    count = lambda predicate: sum(1 for c in cases if predicate(c))
    return (f"  coverage: {count(lambda c: c.L == 1)} with L=1, {count(lambda c: c.cross)} cross, "
            f"{count(lambda c: c.mask_kind == 'shared')} shared / "
            f"{count(lambda c: c.mask_kind == 'per-head')} per-head masks, "
            f"{count(lambda c: c.full_rows > 0)} with fully masked rows "
            f"({count(lambda c: c.full_rows > 0 and c.fill == 'neg-inf')} neg-inf), "
            f"{count(lambda c: c.causal)} causal, {count(lambda c: c.no_scale)} --no-scale, "
            f"{count(lambda c: c.temperature != 1.0)} T!=1, "
            f"{count(lambda c: c.layout == 'separate')} q/k/v/o_proj layout, "
            f"{count(lambda c: 'F64' in c.weight_dtypes.values())} with F64 weights, "
            f"{count(lambda c: {'F16', 'BF16'} & set(c.weight_dtypes.values()))} with F16/BF16")


def main():
    args = parse_arguments()
    run_cli = None
    if not args.reference_only:
        if not (os.path.isfile(args.attnviz) and os.access(args.attnviz, os.X_OK)):
            print(f"crosscheck: FAIL: no attnviz binary at {args.attnviz}")
            return 1
        run_cli = make_cli_runner(os.path.abspath(args.attnviz))
    torch.set_num_threads(1)  # tiny tensors: threads only add overhead
    workdir = args.keep or tempfile.mkdtemp(prefix="attnviz-crosscheck-")
    os.makedirs(workdir, exist_ok=True)
    start = time.monotonic()
    passed = failed = 0
    tally, cases = Tally(), []
    try:
        for index in args.only or range(args.cases):
            case = random_case(args.seed, index)
            cases.append(case)
            failures = check_case(case, run_cli, workdir, tally)
            if failures:
                failed += 1
                print("FAIL " + case.describe())
                for line in failures:
                    print("    " + line)
            else:
                passed += 1
        print(f"random cases: {passed} passed, {failed} failed (seed {args.seed})")
        print(coverage(cases))
        for line in tally.lines():
            print(line)
        if run_cli is not None:
            for name, ok, message in run_bad_inputs(run_cli, workdir):
                print(f"  bad input: {'ok  ' if ok else 'FAIL'} {name}: {message}")
                passed, failed = passed + ok, failed + (not ok)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"  time: {time.monotonic() - start:.1f} s")
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
