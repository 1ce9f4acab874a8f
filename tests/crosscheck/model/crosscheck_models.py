#!/usr/bin/python3
"""Cross-check `attnviz model` against independent float64 PyTorch references.

  random cases  seeded random-weight models of every family in exact HF layouts (LLaMA tied /
                untied / llama3 RoPE, Mistral, Qwen2, GPT-2 with and without `transformer.`,
                BERT with and without the MLM head, DistilBERT; F32/F16/BF16, sharded or not)
                and GGUF llama files of every tensor type, random ids and random knockouts
                (exact edges and `*` patterns). attentions, hidden and logits must agree to
                1e-4 in ‖ours − ref‖∞ / max(1, ‖ref‖∞) (max-norm, relative to the scale).
  golden        stories260K (HF and GGUF, from --text) and gguf-quant (8 types) against the
                shared golden data: max |Δ| ≤ 1e-5 in attentions, ≤ 1e-4 in logits; stories260K
                with knockouts against the LLaMA reference. Skipped without ../shared/testdata.
  bad input     broken files and arguments must exit 2 with a message and write nothing.

Without the `model` subcommand (`attnviz model --help` lacks --knockout) it skips (exit 77).
--self-test checks only the Python side (generators and references, see self_test.py) and needs
no binary. Run with Debian's /usr/bin/python3 (python3-torch). Ends with `N passed, M failed`;
exit 1 on any failure.
"""
import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))   # formats.py, gguf_writer.py, ggml_quants.py

try:
    import numpy as np
    import torch
except ImportError as error:
    print(f"crosscheck_models: FAIL: cannot import numpy/torch ({error}); install python3-torch "
          f"and run with /usr/bin/python3 (this is {sys.executable})")
    sys.exit(1)

from bad_models import run_bad_inputs  # noqa: E402
from cli_outputs import (compare, load_outputs, max_abs_error, run_model,  # noqa: E402
                         scaled_error)
from golden_checks import cli_golden_cases  # noqa: E402
from model_cases import random_case, write_case  # noqa: E402
from reference_forward import reference  # noqa: E402

SKIPPED = 77
DEFAULT_TESTDATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "testdata")


def parse_arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--attnviz", help="path of the attnviz binary")
    p.add_argument("--cases", type=int, default=60, help="number of random cases")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--testdata", default=DEFAULT_TESTDATA, help="../shared/testdata")
    p.add_argument("--only", type=int, action="append", help="run only this random case")
    p.add_argument("--keep", help="keep the generated files in this directory")
    p.add_argument("--self-test", action="store_true", help="only check the Python references")
    args = p.parse_args()
    if not args.self_test and not args.attnviz:
        p.error("--attnviz is required (or --self-test)")
    return args


def has_model_command(binary):
    """Before the engine lands, `attnviz model --help` reaches the GUI's --help (which prints
    and exits without a display); a binary that hangs instead counts as having no command."""
    try:
        proc = subprocess.run([binary, "model", "--help"], env={}, capture_output=True,
                              text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return False
    return "--knockout" in proc.stdout + proc.stderr


class Tally:
    """Worst error per (family, quantity)."""

    def __init__(self):
        self.worst = {}

    def add(self, family, errors, index):
        for name, error in errors.items():
            key = (family, name)
            if key not in self.worst or error > self.worst[key][0]:
                self.worst[key] = (error, index)

    def lines(self):
        return [f"  worst {name:10s} {family:12s} {error:.3g} (case {index})"
                for (family, name), (error, index) in sorted(self.worst.items())]


def run_and_compare(binary, args, out_dir, expected_ids, ref, tolerances=None,
                    error_of=scaled_error, names=()):
    proc = run_model(binary, args, out_dir)
    if proc.returncode != 0:
        return [f"attnviz exited {proc.returncode}: {proc.stderr.strip()}"], {}
    try:
        ours = load_outputs(out_dir, len(expected_ids), "logits" in ref, names)
    except (OSError, ValueError) as error:
        return [f"cannot read the outputs: {error}"], {}
    failures = []
    if not np.array_equal(ours["ids"], np.asarray(expected_ids)):
        failures.append(f"ids.npy is {ours['ids'].tolist()}, expected {list(expected_ids)}")
    more, errors = compare(ours, ref, tolerances, error_of)
    return failures + more, errors


def check_random_case(case, binary, workdir, tally):
    ref = reference(case.model, case.ids, case.blocked())
    case_dir = os.path.join(workdir, f"case_{case.index}")
    args = write_case(case, os.path.join(case_dir, "model"))
    config = case.model.config
    names = (config["architectures"][0], config["model_type"]) if "model_type" in config else ()
    failures, errors = run_and_compare(binary, args, os.path.join(case_dir, "out"), case.ids, ref,
                                       names=names)
    tally.add(case.model.family if case.qtype is None else f"gguf-{case.qtype}", errors,
              case.index)
    if failures:
        noise = reference(case.model, case.ids, case.blocked(), dtype=torch.float32)
        failures.append("the reference in float32 on this case: " + ", ".join(
            f"{k} {scaled_error(noise[k], ref[k]):.3g}" for k in ref))
        failures.append("command: attnviz model " + " ".join(args) + " --out "
                        + os.path.join(case_dir, "out"))
        failures.append(f"rerun: --only {case.index} --keep DIR (the same files, kept)")
    return failures


def run_golden(binary, testdata, workdir):
    """(name, ok, message) per golden case; none when the test data is absent."""
    results = []
    for i, (name, args, ids, expected, tolerances) in enumerate(cli_golden_cases(testdata)):
        out_dir = os.path.join(workdir, f"golden_{i}")
        absolute = tolerances is not None
        failures, errors = run_and_compare(binary, args, out_dir, ids, expected, tolerances,
                                           max_abs_error if absolute else scaled_error)
        figures = ", ".join(f"{k} {v:.3g}" for k, v in errors.items())
        results.append((name, not failures, "; ".join(failures) or
                        f"{'max |Δ|' if absolute else 'scaled error'}: {figures}"))
    return results


@contextlib.contextmanager
def workspace(keep):
    """The folder the cases are written to: `keep` if given (left in place), else a temporary
    one removed afterwards."""
    if keep:
        os.makedirs(keep, exist_ok=True)
        yield keep
    else:
        with tempfile.TemporaryDirectory(prefix="attnviz-crosscheck-models-") as folder:
            yield folder


def run_all(args, binary, workdir):
    """Every check; returns (passed, failed)."""
    passed = failed = 0
    tally = Tally()
    for index in args.only or range(args.cases):
        case = random_case(args.seed, index)
        failures = check_random_case(case, binary, workdir, tally)
        passed, failed = passed + (not failures), failed + bool(failures)
        if failures:
            print("FAIL " + case.describe())
            print("\n".join("    " + line for line in failures))
    print(f"random cases: {passed} passed, {failed} failed (seed {args.seed})")
    print("\n".join(tally.lines()))
    if not os.path.isdir(args.testdata):
        print(f"  golden: skipped, no test data at {os.path.abspath(args.testdata)}")
    for group, results in (("golden", run_golden(binary, args.testdata, workdir)),
                           ("bad input", run_bad_inputs(binary, workdir))):
        for name, ok, message in results:
            print(f"  {group}: {'ok  ' if ok else 'FAIL'} {name}: {message}")
            passed, failed = passed + ok, failed + (not ok)
    return passed, failed


def main():
    args = parse_arguments()
    torch.set_num_threads(1)  # tiny tensors: threads only add overhead
    if args.self_test:
        from self_test import run_self_test
        return run_self_test(args.testdata, args.seed)
    binary = os.path.abspath(args.attnviz)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"crosscheck_models: FAIL: no attnviz binary at {binary}")
        return 1
    if not has_model_command(binary):
        print(f"crosscheck_models: SKIP: {binary} has no `model` subcommand "
              "(`attnviz model --help` does not mention --knockout)")
        return SKIPPED
    start = time.monotonic()
    with workspace(args.keep) as workdir:
        passed, failed = run_all(args, binary, workdir)
    print(f"  time: {time.monotonic() - start:.1f} s\n{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
