/*
 * Sparse inputs: the products of a layer whose input is mostly exact zeros
 * (MNIST's first layer: 81 % of all pixels) are skipped, with the same bits.
 *
 * Why skipping is exact. A sum is acc = start, then acc = acc + x*w for each
 * term in order. With x = +0 or -0 and w finite, x*w is a zero, and adding
 * a zero leaves acc's bits unchanged unless acc is -0 (-0 + +0 = +0). acc is
 * -0 only if it started as -0 and every term so far was -0: a sum of two
 * numbers is -0 only when both are -0 (exact cancellation gives +0, and a
 * sum of nonzero floats in the subnormal range is exact, never a rounded
 * zero). So when the start is not -0 and the other factor is finite, leaving
 * out the zero products leaves every later step, and the result, the same.
 *
 * linear.c takes these kernels only when that holds, checked on every call:
 * the other factor (W transposed, or dout) finite, the starts (the bias, or
 * dW) finite and never -0; and only when they may pay: at most 30 % of the
 * inputs nonzero, and the tuner (tune.h) found them faster than the dense
 * GEMM for the shape on this machine. NaN and infinite inputs are not zeros: they stay in the sums,
 * with the reference's operand order on the x86 paths (fixed_ops.h); the
 * portable path, whose C leaves that order to the compiler, also needs the
 * inputs finite.
 *
 *   forward:  out[i][o] = b[o] + sum over nonzero x = inp[i][c] of x * W[o][c], c increasing
 *             (W transposed to wT (C, OC): one row per input, lanes across outputs)
 *   dW:       dT[c][o] += inp[i][c] * dout[i][o] over nonzero inp[i][c], i increasing
 *             (dT = dW transposed (C, OC), transposed back by the caller)
 */
#ifndef DPT_SPARSE_H
#define DPT_SPARSE_H

#include <stddef.h>
#include <stdint.h>
#include "gemm.h"

#define DPT_DECLARE_SPARSE(ISA, T, SFX)                                                  \
  void dpt_sparse_forward_##ISA##_##SFX(T *out, const T *inp, const T *wT, const T *b,   \
                                        ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC,          \
                                        int32_t *idx, T *val);                           \
  void dpt_sparse_dw_##ISA##_##SFX(T *dT, const T *dout, const T *inp,                  \
                                   ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC,               \
                                   int32_t *idx, T *val);

DPT_DECLARE_SPARSE(portable, float, f32)
DPT_DECLARE_SPARSE(portable, double, f64)
#if DPT_X86
/* Fills the AVX2 list builders' permutation tables (gemm_x86.c); at load, before any kernel runs. */
void dpt_init_sparse_tables(void);
DPT_DECLARE_SPARSE(avx2, float, f32)
DPT_DECLARE_SPARSE(avx2, double, f64)
DPT_DECLARE_SPARSE(avx512, float, f32)
DPT_DECLARE_SPARSE(avx512, double, f64)
#endif

#endif
