/*
 * fdlibm_exp: exactly V8's Math.exp (Node 20 / V8 11.3: base::ieee754::exp in
 * src/base/ieee754.cc, a port of fdlibm's e_exp.c), operation for operation,
 * so that the C sigmoid gives the bits of the TypeScript one. Same constants,
 * same argument reduction (ln2HI / ln2LO), same Remez polynomial P1..P5, same
 * special cases, including V8's own `exp(1) == E` shortcut. Built with
 * -ffp-contract=off -fno-fast-math (binding.gyp): no FMA may be formed here,
 * or the bits change. Never calls libm. Checked against Math.exp by
 * test/accel/exp.test.ts.
 */
#ifndef DPT_FDLIBM_EXP_H
#define DPT_FDLIBM_EXP_H

#include <stdint.h>
#include <string.h>

static inline uint32_t dpt_hi_word(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return (uint32_t)(u >> 32);
}
static inline uint32_t dpt_lo_word(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return (uint32_t)u;
}
static inline double dpt_from_words(uint32_t hi, uint32_t lo) {
  uint64_t u = ((uint64_t)hi << 32) | lo;
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

static inline double fdlibm_exp(double x) {
  static const double one = 1.0, halF[2] = {0.5, -0.5},
                      o_threshold = 7.09782712893383973096e+02,  /* 0x40862E42, 0xFEFA39EF */
      u_threshold = -7.45133219101941108420e+02,                  /* 0xC0874910, 0xD52D3051 */
      ln2HI[2] = {6.93147180369123816490e-01,                     /* 0x3FE62E42, 0xFEE00000 */
                  -6.93147180369123816490e-01},                   /* 0xBFE62E42, 0xFEE00000 */
      ln2LO[2] = {1.90821492927058770002e-10,                     /* 0x3DEA39EF, 0x35793C76 */
                  -1.90821492927058770002e-10},                   /* 0xBDEA39EF, 0x35793C76 */
      invln2 = 1.44269504088896338700e+00,                        /* 0x3FF71547, 0x652B82FE */
      P1 = 1.66666666666666019037e-01,                            /* 0x3FC55555, 0x5555553E */
      P2 = -2.77777777770155933842e-03,                           /* 0xBF66C16C, 0x16BEBD93 */
      P3 = 6.61375632143793436117e-05,                            /* 0x3F11566A, 0xAF25DE2C */
      P4 = -1.65339022054652515390e-06,                           /* 0xBEBBBD41, 0xC5D26BF1 */
      P5 = 4.13813679705723846039e-08,                            /* 0x3E663769, 0x72BEA4D0 */
      E = 2.718281828459045;                                      /* 0x4005BF0A, 0x8B145769 */
  /* volatile in fdlibm only to raise flags; results are the same constant-folded */
  static const double huge = 1.0e+300, twom1000 = 9.33263618503218878990e-302, /* 2^-1000 */
      two1023 = 8.988465674311579539e307;                                      /* 2^1023 */

  double y, hi = 0.0, lo = 0.0, c, t, twopk;
  int32_t k = 0, xsb;
  uint32_t hx;

  hx = dpt_hi_word(x);
  xsb = (int32_t)((hx >> 31) & 1); /* sign bit of x */
  hx &= 0x7FFFFFFF;                /* high word of |x| */

  /* filter out non-finite argument */
  if (hx >= 0x40862E42) { /* if |x|>=709.78... */
    if (hx >= 0x7FF00000) {
      uint32_t lx = dpt_lo_word(x);
      if (((hx & 0xFFFFF) | lx) != 0)
        return x + x; /* NaN */
      else
        return (xsb == 0) ? x : 0.0; /* exp(+-inf)={inf,0} */
    }
    if (x > o_threshold) return huge * huge;         /* overflow */
    if (x < u_threshold) return twom1000 * twom1000; /* underflow */
  }

  /* argument reduction */
  if (hx > 0x3FD62E42) {   /* if  |x| > 0.5 ln2 */
    if (hx < 0x3FF0A2B2) { /* and |x| < 1.5 ln2 */
      if (x == 1.0) return E; /* V8's special case */
      hi = x - ln2HI[xsb];
      lo = ln2LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(invln2 * x + halF[xsb]);
      t = k;
      hi = x - t * ln2HI[0]; /* t*ln2HI is exact here */
      lo = t * ln2LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {         /* when |x|<2**-28 */
    if (huge + x > one) return one + x; /* trigger inexact */
  } else {
    k = 0;
  }

  /* x is now in primary range */
  t = x * x;
  if (k >= -1021) {
    twopk = dpt_from_words((uint32_t)(0x3FF00000 + (int32_t)((uint32_t)k << 20)), 0);
  } else {
    twopk = dpt_from_words(0x3FF00000u + ((uint32_t)(k + 1000) << 20), 0);
  }
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) {
    return one - ((x * c) / (c - 2.0) - x);
  } else {
    y = one - ((lo - (x * c) / (2.0 - c)) - hi);
  }
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  } else {
    return y * twopk * twom1000;
  }
}

#endif
