/*
 * addInto and sgdStep (sgd.h) sixteen float32 (eight float64) lanes at a
 * time with AVX-512F, with the scalar bits: each lane does the scalar
 * operations in the same order, one rounding each. float32 lanes compute in
 * float32, which gives the double result rounded once: the operands are
 * float32 values (count and R(eta) too, checked; otherwise the scalar code
 * runs), and double has more than 2 * 24 + 2 bits, so rounding twice cannot
 * differ for +, -, * and /. NaNs: where V8 returns the second operand's NaN
 * (acc + x: x's; R(eta) * g: g's) the lanes use fixed operands
 * (fixed_ops.h); - and / are not commutative, so their order is the
 * scalar one already.
 */
#include "sgd.h"

#if DPT_X86
#include "fixed_ops.h"

DPT_AVX512 void dpt_add_into_avx512_f32(float *acc, const float *x, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(acc + i, add_ps512(_mm512_loadu_ps(x + i), _mm512_loadu_ps(acc + i)));
  dpt_add_into_f32(acc + i, x + i, n - i);
  _mm256_zeroupper();
}

DPT_AVX512 void dpt_add_into_avx512_f64(double *acc, const double *x, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) _mm512_storeu_pd(acc + i, add_pd512(_mm512_loadu_pd(x + i), _mm512_loadu_pd(acc + i)));
  dpt_add_into_f64(acc + i, x + i, n - i);
  _mm256_zeroupper();
}

DPT_AVX512 void dpt_sgd_step_avx512_f32(float *params, const float *grad, ptrdiff_t n, double count, double eta) {
  const float e = (float)eta;
  ptrdiff_t i = 0;
  if ((double)(float)count == count) {
    const __m512 cv = _mm512_set1_ps((float)count), ev = _mm512_set1_ps(e);
    for (; i + 16 <= n; i += 16) {
      const __m512 g = _mm512_div_ps(_mm512_loadu_ps(grad + i), cv);
      _mm512_storeu_ps(params + i, _mm512_sub_ps(_mm512_loadu_ps(params + i), mul_ps512(g, ev)));
    }
  }
  dpt_sgd_step_f32(params + i, grad + i, n - i, count, eta);
  _mm256_zeroupper();
}

DPT_AVX512 void dpt_sgd_step_avx512_f64(double *params, const double *grad, ptrdiff_t n, double count, double eta) {
  const __m512d cv = _mm512_set1_pd(count), ev = _mm512_set1_pd(eta);
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512d g = _mm512_div_pd(_mm512_loadu_pd(grad + i), cv);
    _mm512_storeu_pd(params + i, _mm512_sub_pd(_mm512_loadu_pd(params + i), mul_pd512(g, ev)));
  }
  dpt_sgd_step_f64(params + i, grad + i, n - i, count, eta);
  _mm256_zeroupper();
}
#endif
