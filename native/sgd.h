/*
 * The reduction and update of lib/math/sgd.ts in C, with their bits
 * (R = Math.fround for float32, identity for float64):
 *   addInto: acc = R(acc + x)
 *   sgdStep: params = R(params - R(R(eta) * R(grad / count)))
 * Each operation is taken in double and rounded once, as V8 does; NaNs
 * follow V8 too: when both operands of a + or * are NaN it returns the
 * second one's (acc + x: x's).
 * sgd_avx512.c runs them sixteen (eight) lanes at a time with the same bits,
 * sgd_avx2.c eight (four).
 */
#ifndef DPT_SGD_H
#define DPT_SGD_H

#include <stddef.h>
#include "gemm.h" /* DPT_X86 */

static inline void dpt_add_into_f64(double *acc, const double *x, ptrdiff_t n) {
  /* x + 0.0 is x's NaN, quieted, where a NaN x must win; a compiler may not fold it (x = -0). */
  for (ptrdiff_t i = 0; i < n; i++) acc[i] = x[i] != x[i] ? x[i] + 0.0 : acc[i] + x[i];
}
static inline void dpt_add_into_f32(float *acc, const float *x, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) acc[i] = x[i] != x[i] ? x[i] + 0.0f : (float)((double)acc[i] + (double)x[i]);
}
/* In R(eta) * g a NaN g wins, as in V8 (g is its second operand). */
static inline void dpt_sgd_step_f64(double *params, const double *grad, ptrdiff_t n, double count, double eta) {
  for (ptrdiff_t i = 0; i < n; i++) {
    const double g = grad[i] / count;
    params[i] = params[i] - (g != g ? g + 0.0 : eta * g);
  }
}
static inline void dpt_sgd_step_f32(float *params, const float *grad, ptrdiff_t n, double count, double eta) {
  const double e = (float)eta;
  for (ptrdiff_t i = 0; i < n; i++) {
    const float g = (float)((double)grad[i] / count);
    const float t = g != g ? g + 0.0f : (float)(e * (double)g);
    params[i] = (float)((double)params[i] - (double)t);
  }
}

#if DPT_X86
/* sgd_avx512.c: call only when the CPU has AVX-512F. */
void dpt_add_into_avx512_f32(float *acc, const float *x, ptrdiff_t n);
void dpt_add_into_avx512_f64(double *acc, const double *x, ptrdiff_t n);
void dpt_sgd_step_avx512_f32(float *params, const float *grad, ptrdiff_t n, double count, double eta);
void dpt_sgd_step_avx512_f64(double *params, const double *grad, ptrdiff_t n, double count, double eta);
/* sgd_avx2.c: call only when the CPU has AVX2. */
void dpt_add_into_avx2_f32(float *acc, const float *x, ptrdiff_t n);
void dpt_add_into_avx2_f64(double *acc, const double *x, ptrdiff_t n);
void dpt_sgd_step_avx2_f32(float *params, const float *grad, ptrdiff_t n, double count, double eta);
void dpt_sgd_step_avx2_f64(double *params, const double *grad, ptrdiff_t n, double count, double eta);
#endif

#endif
