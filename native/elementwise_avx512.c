/*
 * fdlibm_exp (fdlibm_exp.h) eight doubles at a time with AVX-512F, and the
 * sigmoid forward built on it: the sigmoid was 14 % of a native training
 * pass (perf, 784-32-10 at batch 256) when it ran one exp at a time. Also
 * divideInPlace (the 'unit' input scaling) and allFinite, at the end.
 *
 * Every lane performs exactly the scalar function's operations in the same
 * order, each one rounded (a vector multiply or add rounds like a scalar
 * one; the build passes -ffp-contract=off so nothing is fused, and
 * dpt_exp_matches in elementwise.h checks that at load). Branches become masks:
 * both argument reductions are computed and blended, and the two final
 * formulas share one division by blending its divisor. The vector path
 * covers the ordinary arguments only: 2^-28 <= |x| < 709.78 with x != 1 and
 * 2^k a normal number. A lane holding anything else (NaN, infinities,
 * overflow, underflow, tiny |x|, V8's exp(1) == E) is recomputed by the
 * scalar function, so the special cases keep their exact scalar handling,
 * NaN payloads included.
 */
#include "elementwise.h"

#if DPT_X86
#include "fixed_ops.h"

static inline __attribute__((always_inline)) DPT_AVX512 __m512d set1(double v) { return _mm512_set1_pd(v); }
static inline __attribute__((always_inline)) DPT_AVX512 __m512i set1i(long long v) { return _mm512_set1_epi64(v); }

/* exp of each lane; *special gets the lanes the caller must recompute with fdlibm_exp. */
static inline __attribute__((always_inline)) DPT_AVX512 __m512d exp8(__m512d x, __mmask8 *special) {
  const double invln2 = 1.44269504088896338700e+00, ln2HI = 6.93147180369123816490e-01,
               ln2LO = 1.90821492927058770002e-10, P1 = 1.66666666666666019037e-01,
               P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
               P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
  const __m512i bits = _mm512_castpd_si512(x);
  /* hx: the high word of |x|, in 64-bit lanes; neg: the sign bit (xsb). */
  const __m512i hx = _mm512_and_si512(_mm512_srli_epi64(bits, 32), set1i(0x7FFFFFFF));
  const __mmask8 neg = _mm512_cmplt_epi64_mask(bits, _mm512_setzero_si512());
  __mmask8 sp = _mm512_cmpge_epi64_mask(hx, set1i(0x40862E42)) /* |x| >= 709.78, inf, NaN */
              | _mm512_cmplt_epi64_mask(hx, set1i(0x3E300000)) /* |x| < 2^-28 */
              | _mm512_cmp_pd_mask(x, set1(1.0), _CMP_EQ_OQ);  /* V8 returns E */
  const __mmask8 big = _mm512_cmpge_epi64_mask(hx, set1i(0x3FF0A2B2));          /* |x| >= 1.5 ln2 */
  const __mmask8 mid = _mm512_cmpgt_epi64_mask(hx, set1i(0x3FD62E42)) & ~big;  /* 0.5 ln2 < |x| < 1.5 ln2 */
  const __mmask8 small = ~(big | mid);                                          /* k = 0 */

  /* |x| >= 1.5 ln2: k = (int32_t)(invln2 * x + halF[xsb]); hi = x - t * ln2HI; lo = t * ln2LO. */
  const __m512d half = _mm512_mask_blend_pd(neg, set1(0.5), set1(-0.5));
  const __m256i k32 = _mm512_cvttpd_epi32(_mm512_add_pd(_mm512_mul_pd(set1(invln2), x), half));
  const __m512d t = _mm512_cvtepi32_pd(k32);
  __m512i k = _mm512_cvtepi32_epi64(k32);
  __m512d hi = _mm512_sub_pd(x, _mm512_mul_pd(t, set1(ln2HI)));
  __m512d lo = _mm512_mul_pd(t, set1(ln2LO));
  /* 0.5 ln2 < |x| < 1.5 ln2: hi = x - ln2HI[xsb]; lo = ln2LO[xsb]; k = 1 - 2 xsb. */
  hi = _mm512_mask_sub_pd(hi, mid, x, _mm512_mask_blend_pd(neg, set1(ln2HI), set1(-ln2HI)));
  lo = _mm512_mask_blend_pd(mid, lo, _mm512_mask_blend_pd(neg, set1(ln2LO), set1(-ln2LO)));
  k = _mm512_mask_blend_epi64(mid, k, _mm512_mask_blend_epi64(neg, set1i(1), set1i(-1)));
  k = _mm512_mask_blend_epi64(small, k, _mm512_setzero_si512());
  /* Beyond this the scalar function scales differently (k < -1021, k == 1024). */
  sp |= _mm512_cmplt_epi64_mask(k, set1i(-1021)) | _mm512_cmpeq_epi64_mask(k, set1i(1024));
  /* x = hi - lo, except where k = 0. */
  const __m512d xr = _mm512_mask_sub_pd(x, ~small, hi, lo);

  const __m512d t2 = _mm512_mul_pd(xr, xr);
  __m512d p = _mm512_mul_pd(t2, set1(P5));
  p = _mm512_mul_pd(t2, _mm512_add_pd(set1(P4), p));
  p = _mm512_mul_pd(t2, _mm512_add_pd(set1(P3), p));
  p = _mm512_mul_pd(t2, _mm512_add_pd(set1(P2), p));
  p = _mm512_mul_pd(t2, _mm512_add_pd(set1(P1), p));
  const __m512d c = _mm512_sub_pd(xr, p);
  /* k == 0: one - ((x*c)/(c - 2.0) - x);  else y = one - ((lo - (x*c)/(2.0 - c)) - hi), times 2^k. */
  const __m512d den = _mm512_mask_blend_pd(small, _mm512_sub_pd(set1(2.0), c), _mm512_sub_pd(c, set1(2.0)));
  const __m512d q = _mm512_div_pd(_mm512_mul_pd(xr, c), den);
  const __m512d r0 = _mm512_sub_pd(set1(1.0), _mm512_sub_pd(q, xr));
  const __m512d y = _mm512_sub_pd(set1(1.0), _mm512_sub_pd(_mm512_sub_pd(lo, q), hi));
  /* twopk: high word 0x3FF00000 + (k << 20), low word 0: (k + 1023) << 52. */
  const __m512d twopk = _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_add_epi64(k, set1i(1023)), 52));
  *special = sp;
  return _mm512_mask_blend_pd(small, _mm512_mul_pd(y, twopk), r0);
}

DPT_AVX512 void dpt_exp_avx512_f64(double *out, const double *x, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __mmask8 sp;
    _mm512_storeu_pd(out + i, exp8(_mm512_loadu_pd(x + i), &sp));
    for (int j = 0; sp; j++, sp >>= 1)
      if (sp & 1) out[i + j] = fdlibm_exp(x[i + j]);
  }
  for (; i < n; i++) out[i] = fdlibm_exp(x[i]);
  _mm256_zeroupper();
}

/* 1 / (1 + exp(-a)) in double: the sign flipped as -a does, then + and / round like the scalar ones. */
static inline __attribute__((always_inline)) DPT_AVX512 __m512d sigmoid8(__m512d a, __mmask8 *special) {
  const __m512d minus = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(a), set1i((long long)0x8000000000000000ULL)));
  const __m512d e = exp8(minus, special);
  return _mm512_div_pd(set1(1.0), _mm512_add_pd(set1(1.0), e));
}

DPT_AVX512 void dpt_sigmoid_forward_avx512_f64(double *a, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __mmask8 sp;
    const __m512d s = sigmoid8(_mm512_loadu_pd(a + i), &sp);
    if (sp) { /* the lanes' inputs are still in a[i..]: the scalar kernel redoes them in place */
      double keep[8];
      _mm512_storeu_pd(keep, s);
      for (int j = 0; j < 8; j++)
        if (((sp >> j) & 1) == 0) a[i + j] = keep[j];
        else dpt_sigmoid_forward_f64(a + i + j, 1);
    } else {
      _mm512_storeu_pd(a + i, s);
    }
  }
  dpt_sigmoid_forward_f64(a + i, n - i);
  _mm256_zeroupper();
}

DPT_AVX512 void dpt_sigmoid_forward_avx512_f32(float *a, ptrdiff_t n) {
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __mmask8 sp;
    const __m256 s = _mm512_cvtpd_ps(sigmoid8(_mm512_cvtps_pd(_mm256_loadu_ps(a + i)), &sp));
    if (sp) { /* the lanes' inputs are still in a[i..]: the scalar kernel redoes them in place */
      float keep[8];
      _mm256_storeu_ps(keep, s);
      for (int j = 0; j < 8; j++)
        if (((sp >> j) & 1) == 0) a[i + j] = keep[j];
        else dpt_sigmoid_forward_f32(a + i + j, 1);
    } else {
      _mm256_storeu_ps(a + i, s);
    }
  }
  dpt_sigmoid_forward_f32(a + i, n - i);
  _mm256_zeroupper();
}

/* divideInPlace: one IEEE division per lane, as the scalar code. For
 * float32 values and a divisor that is itself a float32, the float32
 * quotient is the double quotient rounded once to float32 (double has more
 * than 2 * 24 + 2 bits, so rounding twice cannot differ), so sixteen lanes
 * divide in float32; any other divisor divides in double. */
DPT_AVX512 void dpt_divide_avx512_f64(double *a, ptrdiff_t n, double d) {
  const __m512d dv = set1(d);
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) _mm512_storeu_pd(a + i, _mm512_div_pd(_mm512_loadu_pd(a + i), dv));
  dpt_divide_f64(a + i, n - i, d);
  _mm256_zeroupper();
}

DPT_AVX512 void dpt_divide_avx512_f32(float *a, ptrdiff_t n, double d) {
  ptrdiff_t i = 0;
  if ((double)(float)d == d) {
    const __m512 dv = _mm512_set1_ps((float)d);
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(a + i, _mm512_div_ps(_mm512_loadu_ps(a + i), dv));
  } else {
    const __m512d dv = set1(d);
    for (; i + 8 <= n; i += 8)
      _mm256_storeu_ps(a + i, _mm512_cvtpd_ps(_mm512_div_pd(_mm512_cvtps_pd(_mm256_loadu_ps(a + i)), dv)));
  }
  dpt_divide_f32(a + i, n - i, d);
  _mm256_zeroupper();
}

/* One dataset row of bytes into float32, each divided as divideInPlace divides
 * (the 'unit' scaling, gather.h): sixteen bytes widened, converted (exact)
 * and divided at a time, with the lanes' bits of converting the row and then
 * calling dpt_divide_avx512_f32 on it; in one pass, where converting at the
 * baseline's four lanes and dividing afterwards took ~2.8 us per 32 rows of
 * MNIST. `d` must be a float32 (the caller, gather.h, converts and divides
 * separately otherwise), so a float32 division gives the kernel's bits. */
DPT_AVX512 void dpt_convert_divide_u8_avx512_f32(float *to, const uint8_t *from, ptrdiff_t n, double d) {
  ptrdiff_t i = 0;
  const __m512 dv = _mm512_set1_ps((float)d);
  for (; i + 16 <= n; i += 16) {
    const __m512 x = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(from + i))));
    _mm512_storeu_ps(to + i, _mm512_div_ps(x, dv));
  }
  for (ptrdiff_t k = i; k < n; k++) to[k] = (float)from[k];
  dpt_divide_f32(to + i, n - i, d);
  _mm256_zeroupper();
}

/* allFinite: sixteen (eight) exponents compared with all-ones at a time. */
DPT_AVX512 int dpt_all_finite_avx512_f32(const float *a, ptrdiff_t n) {
  const __m512i e = _mm512_set1_epi32(0x7F800000);
  ptrdiff_t i = 0;
  int ok = 1;
  for (; ok && i + 16 <= n; i += 16)
    ok = _mm512_cmpeq_epi32_mask(_mm512_and_si512(_mm512_loadu_si512(a + i), e), e) == 0;
  _mm256_zeroupper();
  return ok && dpt_all_finite_f32(a + i, n - i);
}

DPT_AVX512 int dpt_all_finite_avx512_f64(const double *a, ptrdiff_t n) {
  const __m512i e = _mm512_set1_epi64(0x7FF0000000000000LL);
  ptrdiff_t i = 0;
  int ok = 1;
  for (; ok && i + 8 <= n; i += 8)
    ok = _mm512_cmpeq_epi64_mask(_mm512_and_si512(_mm512_loadu_si512(a + i), e), e) == 0;
  _mm256_zeroupper();
  return ok && dpt_all_finite_f64(a + i, n - i);
}

#endif
