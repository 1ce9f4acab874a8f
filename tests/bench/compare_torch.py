#!/usr/bin/python3
"""Runs attnviz-bench and PyTorch's nn.MultiheadAttention side by side, single-threaded, and
prints the medians and ratios.

Usage: /usr/bin/python3 tests/bench/compare_torch.py build/release/tests/bench/attnviz-bench

PyTorch runs with need_weights=True on the BLAS that Debian's alternatives select (install
libopenblas0-pthread for OpenBLAS, as users would have); OpenBLAS and OpenMP are pinned to one
thread through the environment, which torch.set_num_threads alone does not do for OpenBLAS.
"""
import json
import os
import statistics
import subprocess
import sys
import time

SHAPES = [(64, 64, 4), (512, 512, 8), (2048, 512, 8), (4096, 512, 16)]
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
os.environ.update(ONE_THREAD)

import torch  # noqa: E402  (after the thread environment is set)


def torch_median_ms(length, d_model, heads, budget_s=3.0):
    torch.set_num_threads(1)
    torch.manual_seed(0)
    mha = torch.nn.MultiheadAttention(d_model, heads, batch_first=True).eval()
    x = torch.randn(1, length, d_model)
    times = []
    with torch.no_grad():
        for _ in range(3):
            mha(x, x, x, need_weights=True)
        start = time.perf_counter()
        while len(times) < 5 or (time.perf_counter() - start < budget_s and len(times) < 200):
            t = time.perf_counter()
            mha(x, x, x, need_weights=True)
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def loaded_blas():
    """The BLAS shared library torch actually loaded (reference BLAS is ~50x slower)."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(libs)) or "unknown"


def attnviz_medians_ms(bench, extra_env=None):
    out = subprocess.run(
        [bench, "--benchmark_repetitions=7", "--benchmark_report_aggregates_only=true",
         "--benchmark_format=json"],
        check=True, capture_output=True, text=True, env={**os.environ, **ONE_THREAD, **(extra_env or {})}).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = {"us": 1e-3, "ms": 1.0, "ns": 1e-6}[b["time_unit"]]
            medians[b["run_name"]] = b["real_time"] * scale
    return medians


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ours = attnviz_medians_ms(sys.argv[1])
    print(f"torch {torch.__version__} on {loaded_blas()}, 1 thread")
    print("attnviz-bench: medians of 7 repetitions; torch: median of repeated calls")
    print(f"{'shape L/D/H':>14} {'attnviz fwd':>12} {'torch fwd':>10} {'ratio':>6} "
          f"{'toggle':>9} {'fwd/toggle':>10}")
    for length, d_model, heads in SHAPES:
        key = f"L:{length}/D:{d_model}/H:{heads}"
        fwd = ours[f"BM_Forward/{key}"]
        toggle = ours[f"BM_MaskToggle/{key}"]
        ref = torch_median_ms(length, d_model, heads)
        print(f"{length:>6}/{d_model}/{heads:<4} {fwd:>9.3f} ms {ref:>7.3f} ms {fwd / ref:>6.2f} "
              f"{toggle * 1e3:>6.1f} us {fwd / toggle:>10.0f}")


if __name__ == "__main__":
    main()
