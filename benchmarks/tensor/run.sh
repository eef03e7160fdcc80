#!/usr/bin/env bash
# Benchmarks the Tensor kernel (release build) against numpy on one thread and prints a side-by-side table.
# Usage: benchmarks/tensor/run.sh [rounds]   (default 3). Each round runs the Swift binary, the same binary
# with glibc keeping freed large blocks (GLIBC_TUNABLES below), and numpy, one after the other; a benchmark's
# time is the median of >= 7 runs within a process, and the table keeps the best round, which damps noise
# from other processes on a shared machine. The CPU columns are medians of the measuring thread's CPU time,
# which time slices lost to other processes do not inflate (caches and memory bandwidth are still shared).
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-3}
ln -sfn ../../Sources/Tensor TensorSource
ln -sfn ../../Sources/CTensorKernels CTensorKernelsSource
swift build -c release --product tensor-bench >&2
tunables=glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824
swift_out="" tuned_out="" numpy_out=""
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
for _ in $(seq "$rounds"); do
  swift_out+=$(./.build/release/tensor-bench)$'\n'
  tuned_out+=$(GLIBC_TUNABLES=$tunables ./.build/release/tensor-bench)$'\n'
  numpy_out+=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 numpy_bench.py)$'\n'
done
load="$load_before -> $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
python3 - "$swift_out" "$numpy_out" "$tuned_out" "$rounds" "$load" <<'PY'
import sys
def parse(text):
    wall, cpu = {}, {}
    for line in text.strip().splitlines():
        name, median, _runs, _, cpu_median = line.split("\t")
        wall[name] = min(wall.get(name, float("inf")), float(median))
        cpu[name] = min(cpu.get(name, float("inf")), float(cpu_median))
    return wall, cpu
(swift, swift_cpu), (numpy, numpy_cpu), (tuned, _) = parse(sys.argv[1]), parse(sys.argv[2]), parse(sys.argv[3])
print(f"| {'benchmark':34} | {'Tensor ms':>9} | {'numpy ms':>8} | {'ratio':>6} | {'Tensor ms, malloc kept':>22} | {'ratio':>6} "
      f"| {'Tensor CPU ms':>13} | {'numpy CPU ms':>12} | {'ratio':>6} |")
print(f"|{'-'*36}|{'-'*11}|{'-'*10}|{'-'*8}|{'-'*24}|{'-'*8}|{'-'*15}|{'-'*14}|{'-'*8}|")
for name, s in swift.items():
    n = numpy.get(name, float("nan"))
    t = tuned.get(name, float("nan"))
    sc, nc = swift_cpu[name], numpy_cpu.get(name, float("nan"))
    print(f"| {name:34} | {s*1e3:9.3f} | {n*1e3:8.3f} | {s/n:5.2f}x | {t*1e3:22.3f} | {t/n:5.2f}x "
          f"| {sc*1e3:13.3f} | {nc*1e3:12.3f} | {sc/nc:5.2f}x |")
print(f"best of {sys.argv[4]} rounds of medians (>= 7 runs each); ratio = Tensor/numpy, lower is better; numpy",
      __import__("numpy").__version__, "single-threaded OpenBLAS; Tensor is Float64, its matmul on the AVX2+FMA tile when the CPU has it (else SSE2).")
print(f"{__import__('os').cpu_count()} cores, load average {sys.argv[5]} (1, 5, 15 min; before -> after).")
print("fwd+bwd: Tensor runs reverse-mode autodiff through the composed softmax; numpy evaluates the closed form p*(g - sum(g*p)).")
PY
