#!/usr/bin/env bash
# Benchmarks the Tensor kernel (release build) against numpy on one thread; prints medians and ratios.
# Usage: benchmarks/tensor/run.sh    (from anywhere)
set -euo pipefail
cd "$(dirname "$0")"
ln -sfn ../../Sources/Tensor TensorSource
swift build -c release --product tensor-bench >&2
swift_out=$(./.build/release/tensor-bench)
numpy_out=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 numpy_bench.py)
python3 - "$swift_out" "$numpy_out" <<'PY'
import sys
def parse(text):
    rows = {}
    for line in text.strip().splitlines():
        name, median, runs, _ = line.split("\t")
        rows[name] = (float(median), int(runs))
    return rows
swift, numpy = parse(sys.argv[1]), parse(sys.argv[2])
print(f"| {'benchmark':34} | {'Tensor (ms)':>11} | {'numpy (ms)':>10} | {'Tensor/numpy':>12} |")
print(f"|{'-'*36}|{'-'*13}|{'-'*12}|{'-'*14}|")
for name, (s, _) in swift.items():
    n = numpy.get(name, (float('nan'), 0))[0]
    print(f"| {name:34} | {s*1e3:11.3f} | {n*1e3:10.3f} | {s/n:11.2f}x |")
print("medians of >=7 runs; numpy with OPENBLAS_NUM_THREADS=1; numpy", __import__("numpy").__version__)
PY
