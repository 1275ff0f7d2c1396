/*
 * Gathering a batch: dst row r = src row idx[r] (d bytes each, a uint8
 * dataset such as MNIST), each byte converted to float or double. The
 * conversion is exact, so every implementation gives the same bits; what
 * this adds over TypedArray.prototype.set row by row is speed where it is
 * slow: the rows are random ones of a 47 MB array, and in a busy worker
 * the JavaScript loop took ~0.6 us a row against ~0.13 us in a quiet
 * benchmark loop (most likely the other processes keep the array out of
 * the caches there, and each row's misses were waited out one after
 * another; huge pages did not help). The rows GATHER_AHEAD places ahead are prefetched,
 * so their misses overlap the conversion of the rows before them.
 * The caller checks every idx[r] < rows of src first (addon.c): nothing is
 * read out of bounds and nothing is written when one is out of range.
 */
#ifndef DPT_GATHER_H
#define DPT_GATHER_H

#include <stddef.h>
#include <stdint.h>

#define GATHER_AHEAD 8

/* DPT_PREFETCH: for the row about to be converted; DPT_PREFETCH_KEEP: for a
 * row wanted after other work, kept in every cache level meanwhile. */
#if defined(__GNUC__) || defined(__clang__)
#define DPT_PREFETCH(p) __builtin_prefetch((p), 0, 0)
#define DPT_PREFETCH_KEEP(p) __builtin_prefetch((p), 0, 3)
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
#include <xmmintrin.h>
#define DPT_PREFETCH(p) _mm_prefetch((const char *)(p), _MM_HINT_NTA)
#define DPT_PREFETCH_KEEP(p) _mm_prefetch((const char *)(p), _MM_HINT_T0)
#else
#define DPT_PREFETCH(p) ((void)(p))
#define DPT_PREFETCH_KEEP(p) ((void)(p))
#endif

/* Every 64-byte line of row `row` of src. */
static inline void dpt_prefetch_row(const uint8_t *src, uint32_t row, ptrdiff_t d) {
  const uint8_t *p = src + (size_t)row * (size_t)d;
  for (ptrdiff_t k = 0; k < d; k += 64) DPT_PREFETCH(p + k);
  if (d > 0) DPT_PREFETCH(p + d - 1);
}

/* With `scale` set, each row is divided by `divisor` right after it is
 * converted, while it is still in the L1 cache: scale is the divideInPlace
 * kernel itself (elementwise.h), so the bits are those of gathering the
 * whole batch and dividing it afterwards, with one pass and one call fewer. */
#define DPT_GATHER_BODY(T)                                                         \
  for (ptrdiff_t r = 0; r < GATHER_AHEAD && r < rows; r++) dpt_prefetch_row(src, idx[r], d); \
  for (ptrdiff_t r = 0; r < rows; r++) {                                           \
    if (r + GATHER_AHEAD < rows) dpt_prefetch_row(src, idx[r + GATHER_AHEAD], d);  \
    const uint8_t *from = src + (size_t)idx[r] * (size_t)d;                        \
    T *to = dst + (size_t)r * (size_t)d;                                           \
    if (convert) {                                                                 \
      convert(to, from, d, divisor);                                               \
      continue;                                                                    \
    }                                                                              \
    for (ptrdiff_t k = 0; k < d; k++) to[k] = (T)from[k];                          \
    if (scale) scale(to, d, divisor);                                              \
  }

/* Asks for rows idx[0..rows-1] of src (all their lines, into every cache
 * level) without waiting: called for the next shard's rows before this
 * shard's forward and backward, so their misses are served meanwhile. Rows
 * past src's `src_rows` are skipped (a hint never reads out of bounds). */
static inline void dpt_prefetch_rows(const uint8_t *src, size_t src_rows, const uint32_t *idx, ptrdiff_t rows, ptrdiff_t d) {
  for (ptrdiff_t r = 0; r < rows; r++) {
    if (idx[r] >= src_rows) continue;
    const uint8_t *p = src + (size_t)idx[r] * (size_t)d;
    for (ptrdiff_t k = 0; k < d; k += 64) DPT_PREFETCH_KEEP(p + k);
    if (d > 0) DPT_PREFETCH_KEEP(p + d - 1);
  }
}

/* `convert`, when set, does a row's conversion and division in one pass
 * (the SIMD converters of elementwise.h, same bits); else the row is
 * converted here and `scale`, when set, divides it. */
static inline void dpt_gather_u8_f32(float *dst, const uint8_t *src, const uint32_t *idx, ptrdiff_t rows, ptrdiff_t d,
                                     void (*scale)(float *, ptrdiff_t, double),
                                     void (*convert)(float *, const uint8_t *, ptrdiff_t, double), double divisor) {
  DPT_GATHER_BODY(float)
}
static inline void dpt_gather_u8_f64(double *dst, const uint8_t *src, const uint32_t *idx, ptrdiff_t rows, ptrdiff_t d,
                                     void (*scale)(double *, ptrdiff_t, double), double divisor) {
  void (*convert)(double *, const uint8_t *, ptrdiff_t, double) = NULL;
  DPT_GATHER_BODY(double)
}

#endif
