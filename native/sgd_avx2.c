/*
 * addInto and sgdStep (sgd.h) eight float32 (four float64) lanes at a time
 * with AVX2, for CPUs without AVX-512: the same operations, operand order
 * and reasoning as sgd_avx512.c (float32 lanes compute in float32 only
 * when count and R(eta) are float32 values; the NaN that V8 returns wins
 * through fixed operands).
 */
#include "sgd.h"

#if DPT_X86
#include "fixed_ops.h"

DPT_AVX2 void dpt_add_into_avx2_f32(float *acc, const float *x, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(acc + i, add_ps256(_mm256_loadu_ps(x + i), _mm256_loadu_ps(acc + i)));
  dpt_add_into_f32(acc + i, x + i, n - i);
  _mm256_zeroupper();
}

DPT_AVX2 void dpt_add_into_avx2_f64(double *acc, const double *x, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(acc + i, add_pd256(_mm256_loadu_pd(x + i), _mm256_loadu_pd(acc + i)));
  dpt_add_into_f64(acc + i, x + i, n - i);
  _mm256_zeroupper();
}

DPT_AVX2 void dpt_sgd_step_avx2_f32(float *params, const float *grad, ptrdiff_t n, double count, double eta) {
  const float e = (float)eta;
  ptrdiff_t i = 0;
  if ((double)(float)count == count) {
    const __m256 cv = _mm256_set1_ps((float)count), ev = _mm256_set1_ps(e);
    for (; i + 8 <= n; i += 8) {
      const __m256 g = _mm256_div_ps(_mm256_loadu_ps(grad + i), cv);
      _mm256_storeu_ps(params + i, _mm256_sub_ps(_mm256_loadu_ps(params + i), mul_ps256(g, ev)));
    }
  }
  dpt_sgd_step_f32(params + i, grad + i, n - i, count, eta);
  _mm256_zeroupper();
}

DPT_AVX2 void dpt_sgd_step_avx2_f64(double *params, const double *grad, ptrdiff_t n, double count, double eta) {
  const __m256d cv = _mm256_set1_pd(count), ev = _mm256_set1_pd(eta);
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d g = _mm256_div_pd(_mm256_loadu_pd(grad + i), cv);
    _mm256_storeu_pd(params + i, _mm256_sub_pd(_mm256_loadu_pd(params + i), mul_pd256(g, ev)));
  }
  dpt_sgd_step_f64(params + i, grad + i, n - i, count, eta);
  _mm256_zeroupper();
}
#endif
