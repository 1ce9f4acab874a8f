#!/usr/bin/python3
"""Runs attnviz-bench and PyTorch's nn.MultiheadAttention side by side on the same number of
threads (default one), and prints the medians and ratios.

Usage: /usr/bin/python3 tests/bench/compare_torch.py build/release/tests/bench/attnviz-bench
           [--threads N] [--isa avx512|avx2|baseline] [--shapes L/D/H,...] [--clock cpu]

PyTorch runs with need_weights=True on the BLAS that Debian's alternatives select (install
libopenblas0-pthread for OpenBLAS, as users would have); OpenBLAS and OpenMP are pinned to N
threads through the environment, which torch.set_num_threads alone does not do for OpenBLAS.
attnviz gets N through ATTNVIZ_THREADS, and --isa forces its kernels' path (ATTNVIZ_ISA).
--clock cpu compares the process's CPU time instead of wall time: on a machine others load, a
single thread's CPU time still counts only its own work (with more threads it adds them up).
"""
import argparse
import json
import os
import statistics
import subprocess
import time

SHAPES = "64/64/4,512/512/8,2048/512/8,4096/512/16"
parser = argparse.ArgumentParser(usage=__doc__)
parser.add_argument("bench")
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--isa")
parser.add_argument("--shapes", default=SHAPES)
parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
ARGS = parser.parse_args()
THREADS = {name: str(ARGS.threads) for name in
           ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "ATTNVIZ_THREADS")}
os.environ.update(THREADS)

import torch  # noqa: E402  (after the thread environment is set)


def torch_median_ms(length, d_model, heads, budget_s=3.0):
    torch.set_num_threads(ARGS.threads)
    torch.manual_seed(0)
    mha = torch.nn.MultiheadAttention(d_model, heads, batch_first=True).eval()
    x = torch.randn(1, length, d_model)
    clock = time.process_time if ARGS.clock == "cpu" else time.perf_counter
    times = []
    with torch.no_grad():
        for _ in range(3):
            mha(x, x, x, need_weights=True)
        start = time.perf_counter()
        while len(times) < 5 or (time.perf_counter() - start < budget_s and len(times) < 200):
            t = clock()
            mha(x, x, x, need_weights=True)
            times.append(clock() - t)
    return statistics.median(times) * 1e3


def loaded_blas():
    """The BLAS shared library torch actually loaded (reference BLAS is ~50x slower)."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(libs)) or "unknown"


def attnviz_medians_ms(bench, extra_env=None, only=None):
    """Medians in ms per benchmark run name; `only` is a --benchmark_filter regex."""
    env = {**os.environ, **THREADS, **(extra_env or {})}
    if ARGS.isa:
        env["ATTNVIZ_ISA"] = ARGS.isa
    command = [bench, "--benchmark_repetitions=7", "--benchmark_report_aggregates_only=true",
               "--benchmark_format=json"]
    if only:
        command.append(f"--benchmark_filter={only}")
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = {"us": 1e-3, "ms": 1.0, "ns": 1e-6}[b["time_unit"]]
            medians[b["run_name"]] = b["cpu_time" if ARGS.clock == "cpu" else "real_time"] * scale
    return medians


def main():
    shapes = [tuple(int(x) for x in s.split("/")) for s in ARGS.shapes.split(",")]
    only = "|".join(f"L:{l}/D:{d}/H:{h}$" for l, d, h in shapes)
    ours = attnviz_medians_ms(ARGS.bench, only=f"({only})")
    kernels = subprocess.run([ARGS.bench, "--isa"], capture_output=True, text=True,
                             env={**os.environ, **THREADS, **({"ATTNVIZ_ISA": ARGS.isa}
                                                              if ARGS.isa else {})}).stdout
    print(f"torch {torch.__version__} on {loaded_blas()}; {ARGS.threads} thread(s); "
          f"attnviz {kernels.strip()}; {ARGS.clock} clock; load average {os.getloadavg()[0]:.1f}")
    print("attnviz-bench: medians of 7 repetitions; torch: median of repeated calls")
    print(f"{'shape L/D/H':>14} {'attnviz fwd':>12} {'torch fwd':>10} {'ratio':>6} "
          f"{'toggle':>9} {'fwd/toggle':>10}")
    for length, d_model, heads in shapes:
        key = f"L:{length}/D:{d_model}/H:{heads}"
        fwd = ours[f"BM_Forward/{key}"]
        toggle = ours[f"BM_MaskToggle/{key}"]
        ref = torch_median_ms(length, d_model, heads)
        print(f"{length:>6}/{d_model}/{heads:<4} {fwd:>9.3f} ms {ref:>7.3f} ms {fwd / ref:>6.2f} "
              f"{toggle * 1e3:>6.1f} us {fwd / toggle:>10.0f}")


if __name__ == "__main__":
    main()
