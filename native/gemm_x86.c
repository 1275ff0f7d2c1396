/*
 * x86 SIMD kernels: AVX-512F and AVX2 instantiations of gemm_simd.inc, and
 * transposes for both. Compiled with target attributes rather than
 * -mavx512f / -mavx2, so the addon itself runs on any x86-64; linear.c
 * calls a path only when the CPU (and OS) support it.
 *
 * Bit-identity: every lane of every vector is one independent sum; each
 * step is one vector multiply then one vector add, which round exactly
 * like the scalar float/double operations of the reference. They are
 * written as inline assembly (fixed operands, see gemm_simd.inc), which
 * also means the compiler cannot contract them into an FMA; the build
 * still passes -ffp-contract=off for everything else.
 */
#include <float.h>
#include "gemm.h"
#include "sparse.h"

#if DPT_X86
#include "fixed_ops.h"


/* ---- sparse inputs: a row's list of nonzero inputs (sparse.h) ----
 * Branch-free: each vector of inputs is compared with zero (NaN counts as
 * nonzero: unordered-not-equal), its nonzero lanes packed to the front of a
 * register and stored whole at the list's end, which then advances by their
 * count. The lists hold C + 16 entries for those whole-vector stores.
 * AVX-512 packs with vcompress (the register form: the memory form is slow
 * on AMD Zen 4); AVX2 with a permutation looked up by the lane mask. */

/* compact8[m]: the positions of m's set bits (8-bit mask), in order, then zeros. */
static int32_t compact8[256][8];
/* compact4x2[m]: for a 4-bit mask over doubles, the float positions of each
 * set lane (2j, 2j + 1), in order; compact4[m]: the lane positions j. */
static int32_t compact4x2[16][8];
static int32_t compact4[16][8];

void dpt_init_sparse_tables(void) {
  for (int m = 0; m < 256; m++) {
    int n = 0;
    for (int j = 0; j < 8; j++) compact8[m][j] = 0;
    for (int j = 0; j < 8; j++)
      if (m >> j & 1) compact8[m][n++] = j;
  }
  for (int m = 0; m < 16; m++) {
    int n = 0;
    for (int j = 0; j < 8; j++) compact4x2[m][j] = compact4[m][j] = 0;
    for (int j = 0; j < 4; j++)
      if (m >> j & 1) {
        compact4x2[m][2 * n] = 2 * j;
        compact4x2[m][2 * n + 1] = 2 * j + 1;
        compact4[m][n++] = j;
      }
  }
}

#define SCALAR_TAIL(T)                                                        \
  for (; c < C; c++) {                                                        \
    const T x = row[c];                                                       \
    idx[n] = (int32_t)c;                                                      \
    val[n] = x;                                                               \
    n += x != 0;                                                              \
  }                                                                           \
  return n;

static inline __attribute__((always_inline)) DPT_AVX512 ptrdiff_t
avx512_nonzeros_f32(int32_t *idx, float *val, const float *row, ptrdiff_t C) {
  ptrdiff_t n = 0, c = 0;
  __m512i at = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  for (; c + 16 <= C; c += 16) {
    const __m512 v = _mm512_loadu_ps(row + c);
    const __mmask16 m = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_NEQ_UQ);
    _mm512_storeu_ps(val + n, _mm512_maskz_compress_ps(m, v));
    _mm512_storeu_si512(idx + n, _mm512_maskz_compress_epi32(m, at));
    n += __builtin_popcount(m);
    at = _mm512_add_epi32(at, _mm512_set1_epi32(16));
  }
  SCALAR_TAIL(float)
}

static inline __attribute__((always_inline)) DPT_AVX512 ptrdiff_t
avx512_nonzeros_f64(int32_t *idx, double *val, const double *row, ptrdiff_t C) {
  ptrdiff_t n = 0, c = 0;
  __m512i at = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0);
  for (; c + 8 <= C; c += 8) {
    const __m512d v = _mm512_loadu_pd(row + c);
    const __mmask8 m = _mm512_cmp_pd_mask(v, _mm512_setzero_pd(), _CMP_NEQ_UQ);
    _mm512_storeu_pd(val + n, _mm512_maskz_compress_pd(m, v));
    _mm256_storeu_si256((__m256i *)(idx + n), _mm512_castsi512_si256(_mm512_maskz_compress_epi32((__mmask16)m, at)));
    n += __builtin_popcount(m);
    at = _mm512_add_epi32(at, _mm512_set1_epi32(8));
  }
  SCALAR_TAIL(double)
}

static inline __attribute__((always_inline)) DPT_AVX2 ptrdiff_t
avx2_nonzeros_f32(int32_t *idx, float *val, const float *row, ptrdiff_t C) {
  ptrdiff_t n = 0, c = 0;
  __m256i at = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (; c + 8 <= C; c += 8) {
    const __m256 v = _mm256_loadu_ps(row + c);
    const int m = _mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_NEQ_UQ));
    const __m256i perm = _mm256_loadu_si256((const __m256i *)compact8[m]);
    _mm256_storeu_ps(val + n, _mm256_permutevar8x32_ps(v, perm));
    _mm256_storeu_si256((__m256i *)(idx + n), _mm256_permutevar8x32_epi32(at, perm));
    n += __builtin_popcount(m);
    at = _mm256_add_epi32(at, _mm256_set1_epi32(8));
  }
  SCALAR_TAIL(float)
}

static inline __attribute__((always_inline)) DPT_AVX2 ptrdiff_t
avx2_nonzeros_f64(int32_t *idx, double *val, const double *row, ptrdiff_t C) {
  ptrdiff_t n = 0, c = 0;
  __m256i at = _mm256_setr_epi32(0, 1, 2, 3, 0, 0, 0, 0);
  for (; c + 4 <= C; c += 4) {
    const __m256d v = _mm256_loadu_pd(row + c);
    const int m = _mm256_movemask_pd(_mm256_cmp_pd(v, _mm256_setzero_pd(), _CMP_NEQ_UQ));
    const __m256i pairs = _mm256_loadu_si256((const __m256i *)compact4x2[m]);
    const __m256i lanes = _mm256_loadu_si256((const __m256i *)compact4[m]);
    _mm256_storeu_pd(val + n, _mm256_castps_pd(_mm256_permutevar8x32_ps(_mm256_castpd_ps(v), pairs)));
    _mm_storeu_si128((__m128i *)(idx + n), _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(at, lanes)));
    n += __builtin_popcount(m);
    at = _mm256_add_epi32(at, _mm256_set1_epi32(4));
  }
  SCALAR_TAIL(double)
}
#undef SCALAR_TAIL

/* ==== AVX-512F: 32 registers, tiles up to 6 x 4 vectors (or 12 x 2) ==== */
#define TARGET DPT_AVX512
#define MAX_MR 12
#define MAX_NV 4
#define WIDE_MR 6
#define TALL_MR 12
#define L1_PANEL_BYTES (24 * 1024)

/* ---- float: 16 lanes ---- */
#define T float
#define G gemm_f32
#define V __m512
#define LANES 16
#define MASK __mmask16
#define FULL ((__mmask16)0xFFFF)
#define TAIL_MASK(n) ((__mmask16)((1u << (n)) - 1u))
#define NAME(x) avx512_##x##_f32
#define LOADU(p) _mm512_loadu_ps(p)
#define LOADM(m, p) _mm512_maskz_loadu_ps((m), (p))
#define STOREU(p, v) _mm512_storeu_ps((p), (v))
#define STOREM(p, m, v) _mm512_mask_storeu_ps((p), (m), (v))
#define SET1(x) _mm512_set1_ps(x)
#define ZERO _mm512_setzero_ps
#define MUL_B_A mul_ps512
#define ADD_P_ACC add_ps512
#include "gemm_simd.inc"
#define SPARSE_NONZEROS avx512_nonzeros_f32
#include "sparse_simd.inc"
#undef SPARSE_NONZEROS
#undef T
#undef G
#undef V
#undef LANES
#undef MASK
#undef FULL
#undef TAIL_MASK
#undef NAME
#undef LOADU
#undef LOADM
#undef STOREU
#undef STOREM
#undef SET1
#undef ZERO
#undef MUL_B_A
#undef ADD_P_ACC

/* ---- double: 8 lanes ---- */
#define T double
#define G gemm_f64
#define V __m512d
#define LANES 8
#define MASK __mmask8
#define FULL ((__mmask8)0xFF)
#define TAIL_MASK(n) ((__mmask8)((1u << (n)) - 1u))
#define NAME(x) avx512_##x##_f64
#define LOADU(p) _mm512_loadu_pd(p)
#define LOADM(m, p) _mm512_maskz_loadu_pd((m), (p))
#define STOREU(p, v) _mm512_storeu_pd((p), (v))
#define STOREM(p, m, v) _mm512_mask_storeu_pd((p), (m), (v))
#define SET1(x) _mm512_set1_pd(x)
#define ZERO _mm512_setzero_pd
#define MUL_B_A mul_pd512
#define ADD_P_ACC add_pd512
#include "gemm_simd.inc"
#define SPARSE_NONZEROS avx512_nonzeros_f64
#include "sparse_simd.inc"
#undef SPARSE_NONZEROS
#undef T
#undef G
#undef V
#undef LANES
#undef MASK
#undef FULL
#undef TAIL_MASK
#undef NAME
#undef LOADU
#undef LOADM
#undef STOREU
#undef STOREM
#undef SET1
#undef ZERO
#undef MUL_B_A
#undef ADD_P_ACC
#undef TARGET
#undef MAX_MR
#undef MAX_NV
#undef WIDE_MR
#undef TALL_MR
#undef L1_PANEL_BYTES

/* ==== AVX2: 16 registers, tiles up to 6 x 2 vectors ==== */
#define TARGET DPT_AVX2
#define MAX_MR 6
#define MAX_NV 2
#define WIDE_MR 6
#define TALL_MR 6
#define L1_PANEL_BYTES (16 * 1024)

/* ---- float: 8 lanes ---- */
#define T float
#define G gemm_f32
#define V __m256
#define LANES 8
#define MASK __m256i
#define FULL _mm256_set1_epi32(-1)
#define TAIL_MASK(n) _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7))
#define NAME(x) avx2_##x##_f32
#define LOADU(p) _mm256_loadu_ps(p)
#define LOADM(m, p) _mm256_maskload_ps((p), (m))
#define STOREU(p, v) _mm256_storeu_ps((p), (v))
#define STOREM(p, m, v) _mm256_maskstore_ps((p), (m), (v))
#define SET1(x) _mm256_set1_ps(x)
#define ZERO _mm256_setzero_ps
#define MUL_B_A mul_ps256
#define ADD_P_ACC add_ps256
#include "gemm_simd.inc"
#define SPARSE_NONZEROS avx2_nonzeros_f32
#include "sparse_simd.inc"
#undef SPARSE_NONZEROS
#undef T
#undef G
#undef V
#undef LANES
#undef MASK
#undef FULL
#undef TAIL_MASK
#undef NAME
#undef LOADU
#undef LOADM
#undef STOREU
#undef STOREM
#undef SET1
#undef ZERO
#undef MUL_B_A
#undef ADD_P_ACC

/* ---- double: 4 lanes ---- */
#define T double
#define G gemm_f64
#define V __m256d
#define LANES 4
#define MASK __m256i
#define FULL _mm256_set1_epi64x(-1)
#define TAIL_MASK(n) _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3))
#define NAME(x) avx2_##x##_f64
#define LOADU(p) _mm256_loadu_pd(p)
#define LOADM(m, p) _mm256_maskload_pd((p), (m))
#define STOREU(p, v) _mm256_storeu_pd((p), (v))
#define STOREM(p, m, v) _mm256_maskstore_pd((p), (m), (v))
#define SET1(x) _mm256_set1_pd(x)
#define ZERO _mm256_setzero_pd
#define MUL_B_A mul_pd256
#define ADD_P_ACC add_pd256
#include "gemm_simd.inc"
#define SPARSE_NONZEROS avx2_nonzeros_f64
#include "sparse_simd.inc"
#undef SPARSE_NONZEROS
#undef T
#undef G
#undef V
#undef LANES
#undef MASK
#undef FULL
#undef TAIL_MASK
#undef NAME
#undef LOADU
#undef LOADM
#undef STOREU
#undef STOREM
#undef SET1
#undef ZERO
#undef MUL_B_A
#undef ADD_P_ACC
#undef TARGET
#undef MAX_MR
#undef MAX_NV
#undef WIDE_MR
#undef TALL_MR
#undef L1_PANEL_BYTES

/* The entry points leave the upper halves of the vector registers clean
 * (vzeroupper), as the ABI expects: dirty ones slow down SSE code after. */
DPT_AVX512 void dpt_gemm_avx512_f32(const gemm_f32 *g) { avx512_gemm_f32(g); _mm256_zeroupper(); }
DPT_AVX512 void dpt_gemm_avx512_f64(const gemm_f64 *g) { avx512_gemm_f64(g); _mm256_zeroupper(); }
DPT_AVX2 void dpt_gemm_avx2_f32(const gemm_f32 *g) { avx2_gemm_f32(g); _mm256_zeroupper(); }
DPT_AVX2 void dpt_gemm_avx2_f64(const gemm_f64 *g) { avx2_gemm_f64(g); _mm256_zeroupper(); }

#define DEFINE_SPARSE_ENTRIES(ATTR, ISA, T, SFX)                                                   \
  ATTR void dpt_sparse_forward_##ISA##_##SFX(T *out, const T *inp, const T *wT, const T *b,        \
                                             ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, int32_t *idx, T *val) { \
    ISA##_sparse_forward_##SFX(out, inp, wT, b, B, C, OC, idx, val);                               \
    _mm256_zeroupper();                                                                            \
  }                                                                                                \
  ATTR void dpt_sparse_dw_##ISA##_##SFX(T *dT, const T *dout, const T *inp, ptrdiff_t B, ptrdiff_t C, \
                                        ptrdiff_t OC, int32_t *idx, T *val) {                      \
    ISA##_sparse_dw_##SFX(dT, dout, inp, B, C, OC, idx, val);                                      \
    _mm256_zeroupper();                                                                            \
  }
DEFINE_SPARSE_ENTRIES(DPT_AVX512, avx512, float, f32)
DEFINE_SPARSE_ENTRIES(DPT_AVX512, avx512, double, f64)
DEFINE_SPARSE_ENTRIES(DPT_AVX2, avx2, float, f32)
DEFINE_SPARSE_ENTRIES(DPT_AVX2, avx2, double, f64)
#undef DEFINE_SPARSE_ENTRIES

/* ---- transposes: dst (cols, rows) = src (rows, cols) ----
 * Data movement only (no arithmetic): used to lay W (OC, C) out as (C, OC)
 * so the forward kernel can vectorise across outputs o. Full blocks go
 * through registers, edges element by element. */

/* 16 x 16 floats: rows s[0..15] of src (stride ls) to rows of dst (stride ld). */
static inline __attribute__((always_inline)) DPT_AVX512 void
transpose16_f32(float *d, ptrdiff_t ld, const float *s, ptrdiff_t ls) {
  __m512 r[16], t[16];
  for (int i = 0; i < 16; i++) r[i] = _mm512_loadu_ps(s + i * ls);
  /* 32-bit interleave of row pairs, then 64-bit, then 128-bit lanes twice. */
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int h = 0; h < 16; h += 8)
    for (int i = 0; i < 4; i++) {
      t[h + i] = _mm512_shuffle_f32x4(r[h + i], r[h + i + 4], 0x88);
      t[h + i + 4] = _mm512_shuffle_f32x4(r[h + i], r[h + i + 4], 0xdd);
    }
  for (int i = 0; i < 8; i++) {
    r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
    r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xdd);
  }
  for (int i = 0; i < 16; i++) _mm512_storeu_ps(d + i * ld, r[i]);
}

/* 8 x 8 doubles. */
static inline __attribute__((always_inline)) DPT_AVX512 void
transpose8_f64(double *d, ptrdiff_t ld, const double *s, ptrdiff_t ls) {
  __m512d r[8], t[8];
  for (int i = 0; i < 8; i++) r[i] = _mm512_loadu_pd(s + i * ls);
  /* t[2i], t[2i+1]: even and odd columns of rows 2i, 2i+1 interleaved. */
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm512_unpacklo_pd(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_pd(r[i], r[i + 1]);
  }
  /* Pair rows (0,1) with (2,3) and (4,5) with (6,7), 128-bit lanes. */
  for (int h = 0; h < 8; h += 4) {
    r[h] = _mm512_shuffle_f64x2(t[h], t[h + 2], 0x44);
    r[h + 1] = _mm512_shuffle_f64x2(t[h], t[h + 2], 0xee);
    r[h + 2] = _mm512_shuffle_f64x2(t[h + 1], t[h + 3], 0x44);
    r[h + 3] = _mm512_shuffle_f64x2(t[h + 1], t[h + 3], 0xee);
  }
  /* Columns: (0, 2) from r0/r4, (4, 6) from r1/r5, (1, 3) from r2/r6, (5, 7) from r3/r7. */
  static const int lo[4] = {0, 4, 1, 5}, hi[4] = {2, 6, 3, 7};
  for (int i = 0; i < 4; i++) {
    t[lo[i]] = _mm512_shuffle_f64x2(r[i], r[i + 4], 0x88);
    t[hi[i]] = _mm512_shuffle_f64x2(r[i], r[i + 4], 0xdd);
  }
  for (int i = 0; i < 8; i++) _mm512_storeu_pd(d + i * ld, t[i]);
}

/* 8 x 8 floats with AVX. */
static inline __attribute__((always_inline)) DPT_AVX2 void
transpose8_f32(float *d, ptrdiff_t ld, const float *s, ptrdiff_t ls) {
  __m256 r[8], t[8];
  for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(s + i * ls);
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
  }
  /* r[h + j]: column j (low half) and j + 4 (high half) of rows h .. h+3. */
  for (int h = 0; h < 8; h += 4) {
    r[h] = _mm256_shuffle_ps(t[h], t[h + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[h + 1] = _mm256_shuffle_ps(t[h], t[h + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[h + 2] = _mm256_shuffle_ps(t[h + 1], t[h + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[h + 3] = _mm256_shuffle_ps(t[h + 1], t[h + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int j = 0; j < 4; j++) {
    t[j] = _mm256_permute2f128_ps(r[j], r[j + 4], 0x20);
    t[j + 4] = _mm256_permute2f128_ps(r[j], r[j + 4], 0x31);
  }
  for (int i = 0; i < 8; i++) _mm256_storeu_ps(d + i * ld, t[i]);
}

/* 4 x 4 doubles with AVX. */
static inline __attribute__((always_inline)) DPT_AVX2 void
transpose4_f64(double *d, ptrdiff_t ld, const double *s, ptrdiff_t ls) {
  __m256d r[4], t[4];
  for (int i = 0; i < 4; i++) r[i] = _mm256_loadu_pd(s + i * ls);
  t[0] = _mm256_unpacklo_pd(r[0], r[1]);
  t[1] = _mm256_unpackhi_pd(r[0], r[1]);
  t[2] = _mm256_unpacklo_pd(r[2], r[3]);
  t[3] = _mm256_unpackhi_pd(r[2], r[3]);
  r[0] = _mm256_permute2f128_pd(t[0], t[2], 0x20);
  r[1] = _mm256_permute2f128_pd(t[1], t[3], 0x20);
  r[2] = _mm256_permute2f128_pd(t[0], t[2], 0x31);
  r[3] = _mm256_permute2f128_pd(t[1], t[3], 0x31);
  for (int i = 0; i < 4; i++) _mm256_storeu_pd(d + i * ld, r[i]);
}

#define DEFINE_TRANSPOSE(ATTR, ISA, T, SFX, TB, BLOCK)                               \
  ATTR void dpt_transpose_##ISA##_##SFX(T *dst, const T *src, ptrdiff_t rows, ptrdiff_t cols) { \
    const ptrdiff_t rf = rows - rows % TB, cf = cols - cols % TB;                    \
    for (ptrdiff_t r0 = 0; r0 < rf; r0 += TB)                                        \
      for (ptrdiff_t c0 = 0; c0 < cf; c0 += TB)                                      \
        BLOCK(dst + c0 * rows + r0, rows, src + r0 * cols + c0, cols);               \
    for (ptrdiff_t r = 0; r < rows; r++) {                                           \
      const ptrdiff_t cstart = r < rf ? cf : 0;                                      \
      for (ptrdiff_t c = cstart; c < cols; c++) dst[c * rows + r] = src[r * cols + c]; \
    }                                                                                \
  }
DEFINE_TRANSPOSE(DPT_AVX512, avx512, float, f32, 16, transpose16_f32)
DEFINE_TRANSPOSE(DPT_AVX512, avx512, double, f64, 8, transpose8_f64)
DEFINE_TRANSPOSE(DPT_AVX2, avx2, float, f32, 8, transpose8_f32)
DEFINE_TRANSPOSE(DPT_AVX2, avx2, double, f64, 4, transpose4_f64)

#endif /* DPT_X86 */
