#!/usr/bin/env python3
"""numpy reference timings for benchmarks/tensor (run with OPENBLAS_NUM_THREADS=1); same output format as tensor-bench (wall and thread CPU medians)."""
import statistics
import time

import numpy as np


def measure(name, body, min_runs=7):
    body()
    times, cpu_times = [], []
    while len(times) < min_runs or (sum(times) < 0.3 and len(times) < 200):
        start, cpu_start = time.perf_counter(), time.thread_time()
        body()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.thread_time() - cpu_start)
    print(f"{name}\t{statistics.median(times)}\t{len(times)}\tok\t{statistics.median(cpu_times)}")


rng = np.random.default_rng(0)
for n in [64, 256, 512]:
    a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    measure(f"matmul {n}x{n}", lambda: a @ b)
matrix, vector = rng.standard_normal((1000, 1000)), rng.standard_normal(1000)
measure("matvec 1000x1000", lambda: matrix @ vector)

image = rng.standard_normal((1, 3, 64, 64))
weight = rng.standard_normal((16, 3, 3, 3))
bias = rng.standard_normal(16)


def conv2d():
    padded = np.pad(image, ((0, 0), (0, 0), (1, 1), (1, 1)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(2, 3))  # [1,3,64,64,3,3]
    return np.tensordot(windows, weight, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2) + bias.reshape(1, -1, 1, 1)


measure("conv2d 1x3x64x64 -> 16 3x3 pad 1", conv2d)
logits = rng.standard_normal(1_000_000)


def softmax():
    e = np.exp(logits - logits.max())
    return e / e.sum()


measure("softmax 1e6", softmax)


def softmax_fwd_bwd():
    p = softmax()
    return p * (logits - (logits * p).sum())


measure("softmax 1e6 fwd+bwd", softmax_fwd_bwd)
