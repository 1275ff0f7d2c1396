/*
 * The AVX2 twins of elementwise_avx512.c: fdlibm_exp (fdlibm_exp.h) four
 * doubles at a time, the sigmoid forward built on it, divideInPlace and
 * allFinite. For CPUs without AVX-512 (AMD Zen 1-3, Intel client cores),
 * where the scalar sigmoid was 12 % of a native training pass (perf,
 * 784-32-10 at batch 256, AMD EPYC Zen 3).
 *
 * Same rules as the AVX-512 file: every lane performs the scalar function's
 * operations in the same order, each rounded once (-ffp-contract=off, and
 * dpt_exp_matches in elementwise.h checks at load that nothing was
 * fused); branches become blends, here on all-ones lane masks since AVX2
 * has no mask registers. Lanes outside the ordinary range (NaN, infinities, overflow,
 * underflow, tiny |x|, V8's exp(1) == E, k < -1021 or k == 1024) are
 * recomputed by the scalar function.
 */
#include "elementwise.h"

#if DPT_X86
#include "fixed_ops.h"

static inline __attribute__((always_inline)) DPT_AVX2 __m256d set1(double v) { return _mm256_set1_pd(v); }
static inline __attribute__((always_inline)) DPT_AVX2 __m256i set1i(long long v) { return _mm256_set1_epi64x(v); }
/* where mask (all-ones lanes) is set, b; else a */
static inline __attribute__((always_inline)) DPT_AVX2 __m256d pick(__m256d a, __m256d b, __m256i mask) {
  return _mm256_blendv_pd(a, b, _mm256_castsi256_pd(mask));
}
static inline __attribute__((always_inline)) DPT_AVX2 __m256i picki(__m256i a, __m256i b, __m256i mask) {
  return _mm256_blendv_epi8(a, b, mask);
}
/* signed 64-bit a >= b, as a lane mask */
static inline __attribute__((always_inline)) DPT_AVX2 __m256i ge64(__m256i a, long long b) {
  return _mm256_cmpgt_epi64(a, set1i(b - 1));
}

/* exp of each lane; *special gets a bit per lane the caller must recompute with fdlibm_exp. */
static inline __attribute__((always_inline)) DPT_AVX2 __m256d exp4(__m256d x, int *special) {
  const double invln2 = 1.44269504088896338700e+00, ln2HI = 6.93147180369123816490e-01,
               ln2LO = 1.90821492927058770002e-10, P1 = 1.66666666666666019037e-01,
               P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
               P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
  const __m256i bits = _mm256_castpd_si256(x);
  /* hx: the high word of |x|, in 64-bit lanes; neg: the sign bit (xsb). */
  const __m256i hx = _mm256_and_si256(_mm256_srli_epi64(bits, 32), set1i(0x7FFFFFFF));
  const __m256i neg = _mm256_cmpgt_epi64(_mm256_setzero_si256(), bits);
  __m256i sp = _mm256_or_si256(
      _mm256_or_si256(ge64(hx, 0x40862E42),                              /* |x| >= 709.78, inf, NaN */
                      _mm256_cmpgt_epi64(set1i(0x3E300000), hx)),       /* |x| < 2^-28 */
      _mm256_castpd_si256(_mm256_cmp_pd(x, set1(1.0), _CMP_EQ_OQ)));   /* V8 returns E */
  const __m256i big = ge64(hx, 0x3FF0A2B2);                                                   /* |x| >= 1.5 ln2 */
  const __m256i mid = _mm256_andnot_si256(big, _mm256_cmpgt_epi64(hx, set1i(0x3FD62E42)));   /* 0.5 ln2 < |x| < 1.5 ln2 */
  const __m256i reduce = _mm256_or_si256(big, mid);                                           /* k != 0 */

  /* |x| >= 1.5 ln2: k = (int32_t)(invln2 * x + halF[xsb]); hi = x - t * ln2HI; lo = t * ln2LO. */
  const __m256d half = pick(set1(0.5), set1(-0.5), neg);
  const __m128i k32 = _mm256_cvttpd_epi32(_mm256_add_pd(_mm256_mul_pd(set1(invln2), x), half));
  const __m256d t = _mm256_cvtepi32_pd(k32);
  __m256i k = _mm256_cvtepi32_epi64(k32);
  __m256d hi = _mm256_sub_pd(x, _mm256_mul_pd(t, set1(ln2HI)));
  __m256d lo = _mm256_mul_pd(t, set1(ln2LO));
  /* 0.5 ln2 < |x| < 1.5 ln2: hi = x - ln2HI[xsb]; lo = ln2LO[xsb]; k = 1 - 2 xsb. */
  hi = pick(hi, _mm256_sub_pd(x, pick(set1(ln2HI), set1(-ln2HI), neg)), mid);
  lo = pick(lo, pick(set1(ln2LO), set1(-ln2LO), neg), mid);
  k = picki(k, picki(set1i(1), set1i(-1), neg), mid);
  k = _mm256_and_si256(k, reduce);
  /* Beyond this the scalar function scales differently (k < -1021, k == 1024). */
  sp = _mm256_or_si256(sp, _mm256_or_si256(_mm256_cmpgt_epi64(set1i(-1021), k), _mm256_cmpeq_epi64(k, set1i(1024))));
  /* x = hi - lo, except where k = 0. */
  const __m256d xr = pick(x, _mm256_sub_pd(hi, lo), reduce);

  const __m256d t2 = _mm256_mul_pd(xr, xr);
  __m256d p = _mm256_mul_pd(t2, set1(P5));
  p = _mm256_mul_pd(t2, _mm256_add_pd(set1(P4), p));
  p = _mm256_mul_pd(t2, _mm256_add_pd(set1(P3), p));
  p = _mm256_mul_pd(t2, _mm256_add_pd(set1(P2), p));
  p = _mm256_mul_pd(t2, _mm256_add_pd(set1(P1), p));
  const __m256d c = _mm256_sub_pd(xr, p);
  /* k == 0: one - ((x*c)/(c - 2.0) - x);  else y = one - ((lo - (x*c)/(2.0 - c)) - hi), times 2^k. */
  const __m256d den = pick(_mm256_sub_pd(c, set1(2.0)), _mm256_sub_pd(set1(2.0), c), reduce);
  const __m256d q = _mm256_div_pd(_mm256_mul_pd(xr, c), den);
  const __m256d r0 = _mm256_sub_pd(set1(1.0), _mm256_sub_pd(q, xr));
  const __m256d y = _mm256_sub_pd(set1(1.0), _mm256_sub_pd(_mm256_sub_pd(lo, q), hi));
  /* twopk: high word 0x3FF00000 + (k << 20), low word 0: (k + 1023) << 52. */
  const __m256d twopk = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(k, set1i(1023)), 52));
  *special = _mm256_movemask_pd(_mm256_castsi256_pd(sp));
  return pick(r0, _mm256_mul_pd(y, twopk), reduce);
}

DPT_AVX2 void dpt_exp_avx2_f64(double *out, const double *x, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    int sp;
    _mm256_storeu_pd(out + i, exp4(_mm256_loadu_pd(x + i), &sp));
    for (int j = 0; sp; j++, sp >>= 1)
      if (sp & 1) out[i + j] = fdlibm_exp(x[i + j]);
  }
  for (; i < n; i++) out[i] = fdlibm_exp(x[i]);
  _mm256_zeroupper();
}

/* 1 / (1 + exp(-a)) in double: the sign flipped as -a does, then + and / round like the scalar ones. */
static inline __attribute__((always_inline)) DPT_AVX2 __m256d sigmoid4(__m256d a, int *special) {
  const __m256d e = exp4(_mm256_xor_pd(a, set1(-0.0)), special);
  return _mm256_div_pd(set1(1.0), _mm256_add_pd(set1(1.0), e));
}

DPT_AVX2 void dpt_sigmoid_forward_avx2_f64(double *a, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    int sp;
    const __m256d s = sigmoid4(_mm256_loadu_pd(a + i), &sp);
    if (sp) { /* the lanes' inputs are still in a[i..]: the scalar kernel redoes them in place */
      double keep[4];
      _mm256_storeu_pd(keep, s);
      for (int j = 0; j < 4; j++)
        if (((sp >> j) & 1) == 0) a[i + j] = keep[j];
        else dpt_sigmoid_forward_f64(a + i + j, 1);
    } else {
      _mm256_storeu_pd(a + i, s);
    }
  }
  dpt_sigmoid_forward_f64(a + i, n - i);
  _mm256_zeroupper();
}

/* Eight floats per iteration, as two independent halves of four doubles. */
DPT_AVX2 void dpt_sigmoid_forward_avx2_f32(float *a, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    int sp_lo, sp_hi;
    const __m128 lo = _mm256_cvtpd_ps(sigmoid4(_mm256_cvtps_pd(_mm_loadu_ps(a + i)), &sp_lo));
    const __m128 hi = _mm256_cvtpd_ps(sigmoid4(_mm256_cvtps_pd(_mm_loadu_ps(a + i + 4)), &sp_hi));
    const int sp = sp_lo | (sp_hi << 4);
    if (sp) { /* the lanes' inputs are still in a[i..]: the scalar kernel redoes them in place */
      float keep[8];
      _mm_storeu_ps(keep, lo);
      _mm_storeu_ps(keep + 4, hi);
      for (int j = 0; j < 8; j++)
        if (((sp >> j) & 1) == 0) a[i + j] = keep[j];
        else dpt_sigmoid_forward_f32(a + i + j, 1);
    } else {
      _mm_storeu_ps(a + i, lo);
      _mm_storeu_ps(a + i + 4, hi);
    }
  }
  dpt_sigmoid_forward_f32(a + i, n - i);
  _mm256_zeroupper();
}

/* divideInPlace: as in elementwise_avx512.c, float32 values over a float32
 * divisor divide in float32 (the double quotient rounded once), any other
 * divisor in double. */
DPT_AVX2 void dpt_divide_avx2_f64(double *a, ptrdiff_t n, double d) {
  const __m256d dv = set1(d);
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(a + i, _mm256_div_pd(_mm256_loadu_pd(a + i), dv));
  dpt_divide_f64(a + i, n - i, d);
  _mm256_zeroupper();
}

DPT_AVX2 void dpt_divide_avx2_f32(float *a, ptrdiff_t n, double d) {
  ptrdiff_t i = 0;
  if ((double)(float)d == d) {
    const __m256 dv = _mm256_set1_ps((float)d);
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(a + i, _mm256_div_ps(_mm256_loadu_ps(a + i), dv));
  } else {
    const __m256d dv = set1(d);
    for (; i + 4 <= n; i += 4)
      _mm_storeu_ps(a + i, _mm256_cvtpd_ps(_mm256_div_pd(_mm256_cvtps_pd(_mm_loadu_ps(a + i)), dv)));
  }
  dpt_divide_f32(a + i, n - i, d);
  _mm256_zeroupper();
}

/* One dataset row of bytes into float32, each divided as divideInPlace divides:
 * as in elementwise_avx512.c, eight lanes at a time. */
DPT_AVX2 void dpt_convert_divide_u8_avx2_f32(float *to, const uint8_t *from, ptrdiff_t n, double d) {
  ptrdiff_t i = 0;
  const __m256 dv = _mm256_set1_ps((float)d);
  for (; i + 8 <= n; i += 8) {
    const __m256 x = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(from + i))));
    _mm256_storeu_ps(to + i, _mm256_div_ps(x, dv));
  }
  for (ptrdiff_t k = i; k < n; k++) to[k] = (float)from[k];
  dpt_divide_f32(to + i, n - i, d);
  _mm256_zeroupper();
}

/* allFinite: eight (four) exponents compared with all-ones at a time. */
DPT_AVX2 int dpt_all_finite_avx2_f32(const float *a, ptrdiff_t n) {
  const __m256i e = _mm256_set1_epi32(0x7F800000);
  ptrdiff_t i = 0;
  int ok = 1;
  for (; ok && i + 8 <= n; i += 8)
    ok = _mm256_testz_si256(_mm256_cmpeq_epi32(_mm256_and_si256(_mm256_loadu_si256((const __m256i *)(a + i)), e), e),
                            _mm256_cmpeq_epi32(e, e));
  _mm256_zeroupper();
  return ok && dpt_all_finite_f32(a + i, n - i);
}

DPT_AVX2 int dpt_all_finite_avx2_f64(const double *a, ptrdiff_t n) {
  const __m256i e = _mm256_set1_epi64x(0x7FF0000000000000LL);
  ptrdiff_t i = 0;
  int ok = 1;
  for (; ok && i + 4 <= n; i += 4)
    ok = _mm256_testz_si256(_mm256_cmpeq_epi64(_mm256_and_si256(_mm256_loadu_si256((const __m256i *)(a + i)), e), e),
                            _mm256_cmpeq_epi64(e, e));
  _mm256_zeroupper();
  return ok && dpt_all_finite_f64(a + i, n - i);
}

#endif
