/*
 * dpt native kernels: the one computation every linear kernel reduces to.
 *
 * An "in-order GEMM". For every m < M and n < N, independently:
 *
 *     acc = init(m, n)
 *     for k = 0, 1, ..., K-1:            (strictly increasing, one term at a time)
 *         acc = acc + A(m, k) * Bm(k, n)  (the product rounded, then the sum rounded)
 *     Cm(m, n) = acc
 *
 * in the element type (float or double), never fused (no FMA) and never
 * reassociated. That is exactly the naive loop of lib/math/linear-naive.ts,
 * so every implementation below gives its bits.
 *
 * Operands (all pointers already offset to element 0):
 *     A(m, k)  = a[m * lda + k]   when a_layout == A_ROWS   (k contiguous)
 *              = a[k * lda + m]   when a_layout == A_COLS   (m contiguous)
 *     Bm(k, n) = b[k * ldb + n]   (n contiguous: the axis kernels vectorise)
 *     Cm(m, n) = c[m * ldc + n]
 *     init(m, n) = Cm(m, n)    INIT_FROM_C  (accumulate into the existing C)
 *                = bias[n]     INIT_ROW     (forward: start from b[o])
 *                = +0          INIT_ZERO    (dinp: start from +0)
 *
 * Speed comes only from doing many (m, n) sums at once: SIMD lanes hold
 * different n, register tiles hold several m. One sum is never split.
 *
 * This header must build as C11 with gcc or clang, and as plain C elsewhere
 * (the SIMD paths are then simply absent).
 */
#ifndef DPT_GEMM_H
#define DPT_GEMM_H

#include <stddef.h>

typedef enum { INIT_FROM_C = 0, INIT_ROW = 1, INIT_ZERO = 2 } gemm_init;
typedef enum { A_ROWS = 0, A_COLS = 1 } gemm_a_layout;

#define DPT_DECLARE_GEMM(T, SFX)                                              \
  typedef struct {                                                            \
    ptrdiff_t M, N, K;                                                        \
    const T *a; ptrdiff_t lda; gemm_a_layout a_layout;                        \
    const T *b; ptrdiff_t ldb;                                                \
    T *c; ptrdiff_t ldc;                                                      \
    gemm_init init; const T *bias;                                            \
  } gemm_##SFX;

DPT_DECLARE_GEMM(float, f32)
DPT_DECLARE_GEMM(double, f64)

/* The implementations ("paths"). All give identical bits; they differ in speed
 * and in the CPUs they run on. */
typedef enum { PATH_PORTABLE = 0, PATH_AVX2 = 1, PATH_AVX512 = 2 } dpt_path;

#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#define DPT_X86 1
#else
#define DPT_X86 0
#endif

/* gemm_portable.c: plain C loops that the compiler vectorises across n. */
void dpt_gemm_portable_f32(const gemm_f32 *g);
void dpt_gemm_portable_f64(const gemm_f64 *g);
void dpt_colsum_portable_f32(float *db, const float *dout, ptrdiff_t B, ptrdiff_t OC);
void dpt_colsum_portable_f64(double *db, const double *dout, ptrdiff_t B, ptrdiff_t OC);
void dpt_transpose_portable_f32(float *dst, const float *src, ptrdiff_t rows, ptrdiff_t cols);
void dpt_transpose_portable_f64(double *dst, const double *src, ptrdiff_t rows, ptrdiff_t cols);
#if DPT_X86
/* gemm_x86.c: register-tiled AVX2 and AVX-512F kernels, and transposes. */
void dpt_gemm_avx2_f32(const gemm_f32 *g);
void dpt_gemm_avx2_f64(const gemm_f64 *g);
void dpt_gemm_avx512_f32(const gemm_f32 *g);
void dpt_gemm_avx512_f64(const gemm_f64 *g);
void dpt_transpose_avx512_f32(float *dst, const float *src, ptrdiff_t rows, ptrdiff_t cols);
void dpt_transpose_avx512_f64(double *dst, const double *src, ptrdiff_t rows, ptrdiff_t cols);
void dpt_transpose_avx2_f32(float *dst, const float *src, ptrdiff_t rows, ptrdiff_t cols);
void dpt_transpose_avx2_f64(double *dst, const double *src, ptrdiff_t rows, ptrdiff_t cols);
#endif

#endif
