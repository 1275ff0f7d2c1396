/*
 * Elementwise kernels of lib/math/activation.ts in C, in place, with the
 * bits of the TypeScript ones (R = Math.fround for float32, identity for
 * float64):
 *   sigmoidForward:  a = R(1 / (1 + Math.exp(-a)))     exp and the rest in double, one rounding
 *   sigmoidBackward: d = R(d * R(a * R(1 - a)))
 * Math.exp is fdlibm_exp (fdlibm_exp.h), V8's own algorithm. For float32
 * operands a float operation gives exactly fround of the double operation
 * (double has more than 2*24+2 bits), so backward runs in float.
 * Header-only (static) so that addon.c can include it without a change to
 * binding.gyp.
 */
#ifndef DPT_ELEMENTWISE_H
#define DPT_ELEMENTWISE_H

#include <stddef.h>
#include "fdlibm_exp.h"

static void dpt_sigmoid_forward_f64(double *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) a[i] = 1.0 / (1.0 + fdlibm_exp(-a[i]));
}
static void dpt_sigmoid_forward_f32(float *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) a[i] = (float)(1.0 / (1.0 + fdlibm_exp(-(double)a[i])));
}
static void dpt_sigmoid_backward_f64(double *d, const double *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) d[i] = d[i] * (a[i] * (1.0 - a[i]));
}
static void dpt_sigmoid_backward_f32(float *d, const float *a, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) d[i] = d[i] * (a[i] * (1.0f - a[i]));
}
/* For tests: out[i] = fdlibm_exp(x[i]). */
static void dpt_exp_f64(double *out, const double *x, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) out[i] = fdlibm_exp(x[i]);
}

#endif
