#include "CTensorKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int ctk_cpu_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

__attribute__((target("avx2,fma")))
void ctk_matmul_tile_6x8_avx2(const double *a, const double *b, long depth, double *c, long ldc, long rows,
                              long columns) {
    // Twelve accumulators (6 rows × 2 halves of 8 columns) keep enough FMAs in flight to cover their latency;
    // with the two B vectors and one broadcast A value they use 15 of the 16 ymm registers.
    __m256d c00 = _mm256_setzero_pd(), c01 = _mm256_setzero_pd(), c10 = _mm256_setzero_pd(),
            c11 = _mm256_setzero_pd(), c20 = _mm256_setzero_pd(), c21 = _mm256_setzero_pd(),
            c30 = _mm256_setzero_pd(), c31 = _mm256_setzero_pd(), c40 = _mm256_setzero_pd(),
            c41 = _mm256_setzero_pd(), c50 = _mm256_setzero_pd(), c51 = _mm256_setzero_pd();
    for (long p = 0; p < depth; p++, a += 6, b += 8) {
        __m256d b0 = _mm256_load_pd(b), b1 = _mm256_load_pd(b + 4), ar;
        ar = _mm256_broadcast_sd(a);
        c00 = _mm256_fmadd_pd(ar, b0, c00);
        c01 = _mm256_fmadd_pd(ar, b1, c01);
        ar = _mm256_broadcast_sd(a + 1);
        c10 = _mm256_fmadd_pd(ar, b0, c10);
        c11 = _mm256_fmadd_pd(ar, b1, c11);
        ar = _mm256_broadcast_sd(a + 2);
        c20 = _mm256_fmadd_pd(ar, b0, c20);
        c21 = _mm256_fmadd_pd(ar, b1, c21);
        ar = _mm256_broadcast_sd(a + 3);
        c30 = _mm256_fmadd_pd(ar, b0, c30);
        c31 = _mm256_fmadd_pd(ar, b1, c31);
        ar = _mm256_broadcast_sd(a + 4);
        c40 = _mm256_fmadd_pd(ar, b0, c40);
        c41 = _mm256_fmadd_pd(ar, b1, c41);
        ar = _mm256_broadcast_sd(a + 5);
        c50 = _mm256_fmadd_pd(ar, b0, c50);
        c51 = _mm256_fmadd_pd(ar, b1, c51);
    }
    __m256d sums[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
    if (rows == 6 && columns == 8) {
        for (int r = 0; r < 6; r++) {
            double *row = c + r * ldc;
            _mm256_storeu_pd(row, _mm256_add_pd(_mm256_loadu_pd(row), sums[r][0]));
            _mm256_storeu_pd(row + 4, _mm256_add_pd(_mm256_loadu_pd(row + 4), sums[r][1]));
        }
    } else {
        double tile[6][8];
        for (int r = 0; r < 6; r++) {
            _mm256_storeu_pd(tile[r], sums[r][0]);
            _mm256_storeu_pd(tile[r] + 4, sums[r][1]);
        }
        for (long r = 0; r < rows; r++) {
            for (long t = 0; t < columns; t++) c[r * ldc + t] += tile[r][t];
        }
    }
}

#endif
