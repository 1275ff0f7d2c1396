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
 * The scalar kernels are static, here; elementwise_avx512.c runs the
 * sigmoid forward (and exp) and divideInPlace several lanes at a time with
 * the same bits, on CPUs with AVX-512F, falling back to these for special
 * arguments and tails.
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

#if DPT_X86
/* elementwise_avx512.c: call only when the CPU has AVX-512F. */
void dpt_sigmoid_forward_avx512_f32(float *a, ptrdiff_t n);
void dpt_sigmoid_forward_avx512_f64(double *a, ptrdiff_t n);
void dpt_exp_avx512_f64(double *out, const double *x, ptrdiff_t n);
void dpt_divide_avx512_f32(float *a, ptrdiff_t n, double d);
void dpt_divide_avx512_f64(double *a, ptrdiff_t n, double d);
int dpt_all_finite_avx512_f32(const float *a, ptrdiff_t n);
int dpt_all_finite_avx512_f64(const double *a, ptrdiff_t n);
/* 1 when the vector exp gives fdlibm_exp's bits on arguments from every branch (no fused operations). */
int dpt_elementwise_avx512_ok(void);
#endif

#endif
