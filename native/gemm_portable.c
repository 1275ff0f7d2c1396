/*
 * Portable kernels: plain C for any CPU and compiler (the fallback when no
 * SIMD path of gemm_x86.c runs, and the reference the others are tested
 * against). They give the bits of the naive reference as long as the build
 * does not contract a*b+c into an FMA: binding.gyp passes -ffp-contract=off,
 * and linear.c checks it at load (selftest).
 */
#include <float.h>
#include "gemm.h"
#include "sparse.h"

#if defined(__FAST_MATH__)
#error "dpt kernels must not be built with -ffast-math: it reorders sums"
#endif
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
#error "dpt kernels need FLT_EVAL_METHOD == 0 (no x87 excess precision)"
#endif

#define T float
#define G gemm_f32
#define ATTR
#define NAME(x) dpt_##x##_portable_f32
#include "gemm_portable.inc"
#include "sparse_portable.inc"
#undef T
#undef G
#undef NAME

#define T double
#define G gemm_f64
#define NAME(x) dpt_##x##_portable_f64
#include "gemm_portable.inc"
#include "sparse_portable.inc"
#undef T
#undef G
#undef NAME
#undef ATTR

/* dst (cols, rows) = src (rows, cols) transposed, in 16 x 16 blocks. Moves
 * data only: no arithmetic, so nothing to preserve but the values. */
#define DEFINE_TRANSPOSE(T, SFX)                                                     \
  void dpt_transpose_portable_##SFX(T *dst, const T *src, ptrdiff_t rows, ptrdiff_t cols) { \
    enum { TB = 16 };                                                                \
    for (ptrdiff_t r0 = 0; r0 < rows; r0 += TB)                                      \
      for (ptrdiff_t c0 = 0; c0 < cols; c0 += TB) {                                  \
        const ptrdiff_t r1 = r0 + TB < rows ? r0 + TB : rows;                        \
        const ptrdiff_t c1 = c0 + TB < cols ? c0 + TB : cols;                        \
        for (ptrdiff_t r = r0; r < r1; r++)                                          \
          for (ptrdiff_t c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c]; \
      }                                                                              \
  }
DEFINE_TRANSPOSE(float, f32)
DEFINE_TRANSPOSE(double, f64)
