/*
 * SIMD arithmetic with a fixed operand order, for the x86 kernels
 * (gemm_x86.c, elementwise_avx512.c). When both operands of an addition or
 * a multiplication are NaN, V8 on x86-64 returns the SECOND operand's NaN
 * (measured, every tier) and x86 the first source's; a compiler may swap
 * the operands of a commutative intrinsic, so these are inline assembly.
 * AT&T syntax: "op src2, src1, dst" is dst = src1 op src2, and x86 returns
 * src1's NaN when both are NaN. Inline assembly is also never contracted
 * into an FMA.
 */
#ifndef DPT_FIXED_OPS_H
#define DPT_FIXED_OPS_H

#include <immintrin.h>

#if defined(__FAST_MATH__)
#error "dpt kernels must not be built with -ffast-math: it reorders sums"
#endif

#define DPT_AVX512 __attribute__((target("avx512f")))
#define DPT_AVX2 __attribute__((target("avx2")))

#define DEFINE_OP(name, ATTR, V, insn, cons)                                   \
  static inline __attribute__((always_inline)) ATTR V name(V src1, V src2) {   \
    V r;                                                                       \
    __asm__(insn " %2, %1, %0" : "=" cons(r) : cons(src1), cons(src2));        \
    return r;                                                                  \
  }
DEFINE_OP(mul_ps512, DPT_AVX512, __m512, "vmulps", "v")
DEFINE_OP(add_ps512, DPT_AVX512, __m512, "vaddps", "v")
DEFINE_OP(mul_pd512, DPT_AVX512, __m512d, "vmulpd", "v")
DEFINE_OP(add_pd512, DPT_AVX512, __m512d, "vaddpd", "v")
DEFINE_OP(mul_ps256, DPT_AVX2, __m256, "vmulps", "x")
DEFINE_OP(add_ps256, DPT_AVX2, __m256, "vaddps", "x")
DEFINE_OP(mul_pd256, DPT_AVX2, __m256d, "vmulpd", "x")
DEFINE_OP(add_pd256, DPT_AVX2, __m256d, "vaddpd", "x")
#undef DEFINE_OP

#endif
