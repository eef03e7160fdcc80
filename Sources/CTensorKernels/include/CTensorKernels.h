// Matmul micro-kernels that need instructions beyond the x86-64 baseline, compiled for those instructions
// alone (a per-function target attribute, which Swift lacks) and chosen at run time by Tensor.
#ifndef CTENSORKERNELS_H
#define CTENSORKERNELS_H

#if defined(__x86_64__)

/// 1 when this CPU executes AVX2 and FMA instructions, else 0.
int ctk_cpu_has_avx2_fma(void);

/// C[0..<rows, 0..<columns] += A · B over `depth` steps with a 6×8 tile of AVX2 FMAs. `a[6 * p + r]` is
/// A[r, p] (rows past `rows` zero-padded) and `b[8 * p + t]` is B[p, t] (columns past `columns`
/// zero-padded), `b` 32-byte aligned; C is row-major with row stride `ldc`. Only on CPUs where
/// `ctk_cpu_has_avx2_fma()` is 1.
void ctk_matmul_tile_6x8_avx2(const double *a, const double *b, long depth, double *c, long ldc, long rows,
                              long columns);

#endif
#endif
