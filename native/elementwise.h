/*
 * Elementwise kernels of lib/math/activation.ts in C, in place, with the
 * bits of the TypeScript ones (R = Math.fround for float32, identity for
 * float64):
 *   sigmoidForward:  a = R(1 / (1 + Math.exp(-a)))     exp and the rest in double, one rounding
 *   sigmoidBackward: d = R(d * R(a * R(1 - a)))
 *   divideInPlace:   a = R(a / d)                       the quotient in double
 *   allFinite:       1 when no element is NaN or +-Infinity (exponent bits not all ones)
 * Math.exp is fdlibm_exp (fdlibm_exp.h), V8's own algorithm. For float32
 * operands a float operation gives exactly fround of the double operation
 * (double has more than 2*24+2 bits), so backward runs in float.
 * The scalar kernels are static, here; elementwise_avx512.c (AVX-512F) and
 * elementwise_avx2.c (AVX2) run the sigmoid forward (and exp),
 * divideInPlace and allFinite several lanes at a time with the same bits,
 * falling back to these for special arguments and tails.
 */
#ifndef DPT_ELEMENTWISE_H
#define DPT_ELEMENTWISE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "fdlibm_exp.h"
#include "gemm.h" /* DPT_X86 */

static inline void dpt_sigmoid_forward_f64(double *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) a[i] = 1.0 / (1.0 + fdlibm_exp(-a[i]));
}
static inline void dpt_sigmoid_forward_f32(float *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) a[i] = (float)(1.0 / (1.0 + fdlibm_exp(-(double)a[i])));
}
static inline void dpt_sigmoid_backward_f64(double *d, const double *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) d[i] = d[i] * (a[i] * (1.0 - a[i]));
}
static inline void dpt_sigmoid_backward_f32(float *d, const float *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) d[i] = d[i] * (a[i] * (1.0f - a[i]));
}
/* divideInPlace (lib/math/scale.ts): a = R(a / d), the quotient in double. */
static inline void dpt_divide_f64(double *a, ptrdiff_t n, double d) {
  for (ptrdiff_t i = 0; i < n; i++) a[i] = a[i] / d;
}
static inline void dpt_divide_f32(float *a, ptrdiff_t n, double d) {
  for (ptrdiff_t i = 0; i < n; i++) a[i] = (float)((double)a[i] / d);
}
/* allFinite (lib/math/finite.ts): a value is NaN or infinite exactly when its exponent bits are all ones. */
static inline int dpt_all_finite_f64(const double *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) {
    uint64_t u;
    memcpy(&u, &a[i], sizeof u);
    if ((u & 0x7FF0000000000000ULL) == 0x7FF0000000000000ULL) return 0;
  }
  return 1;
}
static inline int dpt_all_finite_f32(const float *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) {
    uint32_t u;
    memcpy(&u, &a[i], sizeof u);
    if ((u & 0x7F800000u) == 0x7F800000u) return 0;
  }
  return 1;
}
/* For tests: out[i] = fdlibm_exp(x[i]). */
static inline void dpt_exp_f64(double *out, const double *x, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) out[i] = fdlibm_exp(x[i]);
}

/* 1 when exp_n (a vector exp) gives fdlibm_exp's bits on arguments from every
 * branch: a build that fused an operation would differ. The load-time check
 * of each vector path. */
static inline int dpt_exp_matches(void (*exp_n)(double *out, const double *x, ptrdiff_t n)) {
  double x[64], got[64];
  for (int i = 0; i < 64; i++) x[i] = (i - 32) * 0.37 + (i % 3) * 1e-3; /* k = 0, +-1 and beyond, both signs */
  x[5] = 1.0; x[6] = -745.5; x[7] = 709.9; x[8] = 1e-30; x[9] = -708.2; x[10] = 0.2;
  exp_n(got, x, 64);
  for (int i = 0; i < 64; i++) {
    const double want = fdlibm_exp(x[i]);
    if (memcmp(&got[i], &want, sizeof want) != 0) return 0;
  }
  return 1;
}

#if DPT_X86
/* elementwise_avx512.c: call only when the CPU has AVX-512F. */
void dpt_sigmoid_forward_avx512_f32(float *a, ptrdiff_t n);
void dpt_sigmoid_forward_avx512_f64(double *a, ptrdiff_t n);
void dpt_exp_avx512_f64(double *out, const double *x, ptrdiff_t n);
void dpt_divide_avx512_f32(float *a, ptrdiff_t n, double d);
void dpt_divide_avx512_f64(double *a, ptrdiff_t n, double d);
/* to[k] = (float)from[k], then divided as dpt_divide_avx512_f32 divides: one pass (gather.h). `d` must be a float32. */
void dpt_convert_divide_u8_avx512_f32(float *to, const uint8_t *from, ptrdiff_t n, double d);
int dpt_all_finite_avx512_f32(const float *a, ptrdiff_t n);
int dpt_all_finite_avx512_f64(const double *a, ptrdiff_t n);
/* elementwise_avx2.c: call only when the CPU has AVX2. */
void dpt_sigmoid_forward_avx2_f32(float *a, ptrdiff_t n);
void dpt_sigmoid_forward_avx2_f64(double *a, ptrdiff_t n);
void dpt_exp_avx2_f64(double *out, const double *x, ptrdiff_t n);
void dpt_divide_avx2_f32(float *a, ptrdiff_t n, double d);
void dpt_divide_avx2_f64(double *a, ptrdiff_t n, double d);
void dpt_convert_divide_u8_avx2_f32(float *to, const uint8_t *from, ptrdiff_t n, double d);
int dpt_all_finite_avx2_f32(const float *a, ptrdiff_t n);
int dpt_all_finite_avx2_f64(const double *a, ptrdiff_t n);
#endif

#endif
