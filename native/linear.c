/*
 * The linear kernels as in-order GEMMs (gemm.h), and the choice of path.
 */
#include <stdint.h>
#include <string.h>
#include "linear.h"
#include "sparse.h"

/* ---- paths ---- */

#if defined(__GNUC__) || defined(__clang__)
#define LOAD_PATH(x) ((dpt_path)__atomic_load_n(&(x), __ATOMIC_RELAXED))
#define STORE_PATH(x, v) __atomic_store_n(&(x), (int)(v), __ATOMIC_RELAXED)
#else
#define LOAD_PATH(x) ((dpt_path)(x))
#define STORE_PATH(x, v) ((x) = (int)(v))
#endif

static int active_path = PATH_PORTABLE;
static int best_path = PATH_PORTABLE;
static int path_runs[3] = {1, 0, 0}; /* supported by this CPU and build, and passed the self-test */

const char *dpt_path_name(dpt_path p) {
  return p == PATH_AVX512 ? "avx512" : p == PATH_AVX2 ? "avx2" : "portable";
}

static void gemm_f32_on(dpt_path p, const gemm_f32 *g) {
#if DPT_X86
  if (p == PATH_AVX512) { dpt_gemm_avx512_f32(g); return; }
  if (p == PATH_AVX2) { dpt_gemm_avx2_f32(g); return; }
#endif
  (void)p;
  dpt_gemm_portable_f32(g);
}

static void gemm_f64_on(dpt_path p, const gemm_f64 *g) {
#if DPT_X86
  if (p == PATH_AVX512) { dpt_gemm_avx512_f64(g); return; }
  if (p == PATH_AVX2) { dpt_gemm_avx2_f64(g); return; }
#endif
  (void)p;
  dpt_gemm_portable_f64(g);
}

/*
 * Self-test against contracted multiply-add, per path and layout: with
 * a = 1 + 2^-12 (float) or 1 + 2^-27 (double), a*a rounds to 1 + 2^-11
 * (1 + 2^-26), so c + a*a with c = -(that) is exactly +0 when the product is
 * rounded first, and 2^-24 (2^-54) when an FMA fuses the two.
 */
static int selftest(dpt_path p) {
  enum { N = 19 }; /* more than one vector, with a partial one */
  for (int layout = A_ROWS; layout <= A_COLS; layout++) {
    float af[2], bf[N], cf[2 * N];
    double ad[2], bd[N], cd[2 * N];
    const float xf = 1.0f + 0x1p-12f, pf = 1.0f + 0x1p-11f;
    const double xd = 1.0 + 0x1p-27, pd = 1.0 + 0x1p-26;
    for (int i = 0; i < 2; i++) { af[i] = xf; ad[i] = xd; }
    for (int i = 0; i < N; i++) { bf[i] = xf; bd[i] = xd; }
    for (int i = 0; i < 2 * N; i++) { cf[i] = -pf; cd[i] = -pd; }
    /* M = 2 rows, K = 1: A(m, 0) = a[m] in either layout (lda = 1 or 2). */
    const gemm_f32 gf = {2, N, 1, af, layout == A_ROWS ? 1 : 2, (gemm_a_layout)layout, bf, N, cf, N, INIT_FROM_C, 0};
    const gemm_f64 gd = {2, N, 1, ad, layout == A_ROWS ? 1 : 2, (gemm_a_layout)layout, bd, N, cd, N, INIT_FROM_C, 0};
    gemm_f32_on(p, &gf);
    gemm_f64_on(p, &gd);
    static const float zf = 0.0f;
    static const double zd = 0.0;
    for (int i = 0; i < 2 * N; i++)
      if (memcmp(&cf[i], &zf, sizeof zf) != 0 || memcmp(&cd[i], &zd, sizeof zd) != 0) return 0;
  }
  return 1;
}

int dpt_init_paths(void) {
  int runs[3] = {0, 0, 0};
  runs[PATH_PORTABLE] = selftest(PATH_PORTABLE);
#if DPT_X86
  __builtin_cpu_init();
  /* __builtin_cpu_supports also checks that the OS saves the registers (XCR0). */
  dpt_init_sparse_tables();
  if (__builtin_cpu_supports("avx2")) runs[PATH_AVX2] = selftest(PATH_AVX2);
  if (__builtin_cpu_supports("avx512f")) runs[PATH_AVX512] = selftest(PATH_AVX512);
#endif
  dpt_path best = PATH_PORTABLE;
  for (int p = PATH_PORTABLE; p <= PATH_AVX512; p++) {
    STORE_PATH(path_runs[p], runs[p]);
    if (runs[p]) best = (dpt_path)p;
  }
  STORE_PATH(best_path, best);
  STORE_PATH(active_path, best);
  return runs[PATH_PORTABLE];
}

dpt_path dpt_active_path(void) { return LOAD_PATH(active_path); }
dpt_path dpt_best_path(void) { return LOAD_PATH(best_path); }

int dpt_set_path(dpt_path p) {
  if (p < PATH_PORTABLE || p > PATH_AVX512 || !LOAD_PATH(path_runs[p])) return 0;
  STORE_PATH(active_path, p);
  return 1;
}

/* ---- the kernels ---- */

/* db is a few hundred additions: the portable loop is plenty. */
static void colsum_f32(float *db, const float *dout, ptrdiff_t B, ptrdiff_t OC) {
  dpt_colsum_portable_f32(db, dout, B, OC);
}

static void colsum_f64(double *db, const double *dout, ptrdiff_t B, ptrdiff_t OC) {
  dpt_colsum_portable_f64(db, dout, B, OC);
}

static void transpose_f32(float *dst, const float *src, ptrdiff_t rows, ptrdiff_t cols) {
#if DPT_X86
  const dpt_path p = dpt_active_path();
  if (p == PATH_AVX512) { dpt_transpose_avx512_f32(dst, src, rows, cols); return; }
  if (p == PATH_AVX2) { dpt_transpose_avx2_f32(dst, src, rows, cols); return; }
#endif
  dpt_transpose_portable_f32(dst, src, rows, cols);
}

static void transpose_f64(double *dst, const double *src, ptrdiff_t rows, ptrdiff_t cols) {
#if DPT_X86
  const dpt_path p = dpt_active_path();
  if (p == PATH_AVX512) { dpt_transpose_avx512_f64(dst, src, rows, cols); return; }
  if (p == PATH_AVX2) { dpt_transpose_avx2_f64(dst, src, rows, cols); return; }
#endif
  dpt_transpose_portable_f64(dst, src, rows, cols);
}

/* ---- the sparse-input path (sparse.h) ---- */

/* Scratch layout (dpt_linear_scratch_bytes): W or dW transposed (OC * C
 * elements), then one row's nonzero list, idx (LIST(C) int32) and val
 * (LIST(C) elements), each part starting on a 64-byte boundary. The list
 * builders store whole vectors of up to 16 entries at its end. */
static size_t round64(size_t n) { return (n + 63) & ~(size_t)63; }
#define LIST(C) ((size_t)(C) + 16)

size_t dpt_linear_scratch_bytes(ptrdiff_t C, ptrdiff_t OC, size_t elem) {
  return round64((size_t)OC * (size_t)C * elem) + round64(LIST(C) * sizeof(int32_t)) + round64(LIST(C) * elem);
}

/* Bits of a float or double: the sparse conditions look at exponents and signs, exactly. */
static uint32_t bits_f32(float x) { uint32_t u; memcpy(&u, &x, sizeof u); return u; }
static uint64_t bits_f64(double x) { uint64_t u; memcpy(&u, &x, sizeof u); return u; }
#define NONFINITE_f32(u) (((u) & 0x7f800000u) == 0x7f800000u)
#define NONFINITE_f64(u) (((u) & 0x7ff0000000000000ull) == 0x7ff0000000000000ull)
#define NEGZERO_f32 0x80000000u
#define NEGZERO_f64 0x8000000000000000ull

/*
 * The checks that make skipping zero products exact (sparse.h), and the
 * density past which the sparse path is not even tried: more than 30 % of
 * the inputs nonzero (on random positions, 784 x 32 at batch 256 on a Zen 4,
 * the sparse dW broke even with the dense GEMM near 30 % and forward near
 * 50 %). Below it the tuner (tune.h) times both paths per shape and keeps
 * the faster. Each check is one branch-free pass the compiler vectorises,
 * on the bits (integer lanes).
 * The x86 paths keep NaN and infinite inputs in their sums with the
 * reference's operand order (fixed_ops.h); the portable C path does not
 * fix that order, so it also needs finite inputs (sparse_portable.inc).
 */
/* The sample: whole rows, at most 16 and no more than it takes to pass 2,048
 * values (3 rows of MNIST's 784 pixels): judged twice per shard (forward and
 * dW), 16 rows of 784 cost ~2.7 % of a training loop in shards of 32 (perf). */
#define SAMPLE_ROWS 16
#define SAMPLE_VALUES 2048
/* The checks scan whole W or dW (25,088 values for 784 x 32): built for
 * AVX-512 and AVX2 too, picked at load by the CPU (GCC/clang function
 * multiversioning), they take a fraction of the baseline SSE2 loop's time. */
#if DPT_X86 && defined(__GLIBC__) /* ifunc: glibc has it, musl does not */
#define SCAN_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SCAN_CLONES
#endif
/* The sparse dW adds into rows of dW transposed all over it, so it pays only
 * while that stays in a core's L2 cache: on the Zen 4 here (1 MB L2) it beat
 * the dense GEMM by 1.14-1.36x for 784 x 64..256 float32 (up to 800 KB) and
 * lost 1.6x at 784 x 1024 (3.2 MB). */
#define SPARSE_DW_MAX_BYTES ((size_t)1 << 20)
#define DEFINE_SPARSE_PATH(T, SFX)                                                             \
  /* at most 30 % of the inputs nonzero (zero: the bits, sign aside, are 0), judged on the first \
   * rows (the sample above): counting them all cost a tenth of the sparse product (measured), \
   * and either answer gives the same bits */                                                  \
  SCAN_CLONES static int sparse_enough_##SFX(const T *inp, ptrdiff_t B, ptrdiff_t C) {         \
    ptrdiff_t rows = C > 0 ? (SAMPLE_VALUES + C - 1) / C : 1;                                  \
    if (rows > SAMPLE_ROWS) rows = SAMPLE_ROWS;                                                \
    const ptrdiff_t n = (B < rows ? B : rows) * C;                                             \
    ptrdiff_t nonzero = 0;                                                                     \
    for (ptrdiff_t i = 0; i < n; i++) nonzero += (bits_##SFX(inp[i]) << 1) != 0;               \
    return n > 0 && nonzero * 10 <= n * 3;                                                     \
  }                                                                                            \
  SCAN_CLONES static int finite_##SFX(const T *p, ptrdiff_t n) {                               \
    int bad = 0;                                                                               \
    for (ptrdiff_t i = 0; i < n; i++) bad |= NONFINITE_##SFX(bits_##SFX(p[i]));                \
    return !bad;                                                                               \
  }                                                                                            \
  /* sums' start values: finite and never -0 (0: not; 1: yes; 2: yes, and all of them +0, as in \
   * a fresh shard's gradient, so dW transposed is zeros and needs no transposing) */          \
  SCAN_CLONES static int clean_starts_##SFX(const T *p, ptrdiff_t n) {                         \
    int bad = 0, nonzero = 0;                                                                  \
    for (ptrdiff_t i = 0; i < n; i++) {                                                        \
      const __typeof__(bits_##SFX(0)) u = bits_##SFX(p[i]);                                    \
      bad |= NONFINITE_##SFX(u) | (u == NEGZERO_##SFX);                                        \
      nonzero |= u != 0;                                                                       \
    }                                                                                          \
    return bad ? 0 : nonzero ? 1 : 2;                                                          \
  }                                                                                            \
  static void sparse_forward_##SFX(dpt_path p, T *out, const T *inp, const T *wT, const T *b,  \
                                   ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, int32_t *idx, T *val) { \
    SPARSE_DISPATCH(forward, SFX, out, inp, wT, b, B, C, OC, idx, val);                        \
  }                                                                                            \
  static void sparse_dw_##SFX(dpt_path p, T *dT, const T *dout, const T *inp,                  \
                              ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, int32_t *idx, T *val) {  \
    SPARSE_DISPATCH(dw, SFX, dT, dout, inp, B, C, OC, idx, val);                               \
  }

#if DPT_X86
#define SPARSE_DISPATCH(K, SFX, ...)                                                            \
  do {                                                                                          \
    if (p == PATH_AVX512) dpt_sparse_##K##_avx512_##SFX(__VA_ARGS__);                           \
    else if (p == PATH_AVX2) dpt_sparse_##K##_avx2_##SFX(__VA_ARGS__);                          \
    else dpt_sparse_##K##_portable_##SFX(__VA_ARGS__);                                          \
  } while (0)
#else
#define SPARSE_DISPATCH(K, SFX, ...) ((void)p, dpt_sparse_##K##_portable_##SFX(__VA_ARGS__))
#endif
DEFINE_SPARSE_PATH(float, f32)
DEFINE_SPARSE_PATH(double, f64)
#undef SPARSE_DISPATCH

/* Calls that took the sparse path, since the addon loaded (tests and benchmarks read it). */
static unsigned long sparse_runs = 0;
unsigned long dpt_sparse_runs(void) {
#if defined(__GNUC__) || defined(__clang__)
  return __atomic_load_n(&sparse_runs, __ATOMIC_RELAXED);
#else
  return sparse_runs;
#endif
}
static void count_sparse_run(void) {
#if defined(__GNUC__) || defined(__clang__)
  __atomic_fetch_add(&sparse_runs, 1, __ATOMIC_RELAXED);
#else
  sparse_runs++;
#endif
}

/*
 * Both dtypes share one body. Mapping onto the in-order GEMM (gemm.h):
 *   forward:  out (B, OC):  M = B,  N = OC, K = C;  A = inp (rows, lda C),   Bm = W^T (C, OC), init b
 *   dW (OC, C):             M = OC, N = C,  K = B;  A = dout^T (cols, lda OC), Bm = inp (B, C), init dW
 *   dinp (B, C):            M = B,  N = C,  K = OC; A = dout (rows, lda OC),  Bm = W (OC, C),   init +0
 * Values: the product is A * Bm and the sum acc + product, as in the
 * reference (inp*W, dout*inp, dout*W). The kernels evaluate them as Bm * A
 * and product + acc, which is the same number, so that x86 keeps the same
 * NaN as V8 when both operands are NaN (see gemm_simd.inc).
 * Forward and dW take the sparse path instead when its checks pass and the
 * tuner (tune.h) found it the faster one for the shape.
 */
#define DEFINE_LINEAR(T, SFX)                                                                  \
  void dpt_transpose_##SFX(T *dst, const T *src, ptrdiff_t rows, ptrdiff_t cols) {            \
    transpose_##SFX(dst, src, rows, cols);                                                     \
  }                                                                                            \
                                                                                               \
  void dpt_linear_forward_##SFX(T *out, const T *inp, const T *w, const T *b, const T *given,  \
                                ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, void *scratch,         \
                                dpt_tuner *tuner) {                                            \
    const dpt_path p = dpt_active_path();                                                      \
    /* W^T (C, OC): row c holds W[0..OC-1][c], so lanes run across outputs o. The caller's,  \
     * when it transposed W once for several calls, else made here. Both paths multiply by   \
     * wT, so the sparse path's finite check is on wT (the same answer when it is W^T). */   \
    const T *wT = given;                                                                       \
    if (wT == NULL) {                                                                          \
      transpose_##SFX((T *)scratch, w, OC, C);                                                 \
      wT = (const T *)scratch;                                                                 \
    }                                                                                          \
    /* sparse enough for the sparse path: then the tuner (tune.h) says which path is faster */ \
    dpt_tune_call call = {NULL, 0, 0};                                                         \
    const int eligible = OC > 0 && sparse_enough_##SFX(inp, B, C);                             \
    int sparse = eligible && dpt_tune_begin(tuner, TUNE_FORWARD, sizeof(T), B, C, OC, &call);  \
    if (sparse && (p != PATH_PORTABLE || finite_##SFX(inp, B * C)) &&                          \
        finite_##SFX(wT, OC * C) && clean_starts_##SFX(b, OC)) {                               \
      char *list = (char *)scratch + round64((size_t)OC * (size_t)C * sizeof(T));             \
      sparse_forward_##SFX(p, out, inp, wT, b, B, C, OC, (int32_t *)list,                       \
                           (T *)(list + round64(LIST(C) * sizeof(int32_t))));               \
      count_sparse_run();                                                                      \
    } else {                                                                                   \
      sparse = 0;                                                                              \
      const gemm_##SFX g = {B, OC, C, inp, C, A_ROWS, wT, OC, out, OC, INIT_ROW, b};          \
      gemm_##SFX##_on(p, &g);                                                                  \
    }                                                                                          \
    if (eligible) dpt_tune_end(&call, sparse);                                                 \
  }                                                                                            \
                                                                                               \
  void dpt_linear_backward_##SFX(T *dinp, T *dw, T *db, const T *dout, const T *inp,          \
                                 const T *w, ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC,           \
                                 int overwrite, void *scratch, dpt_tuner *tuner) {             \
    const dpt_path p = dpt_active_path();                                                      \
    /* overwrite: the sums start at +0 instead of dW and db (a fresh shard's gradient: the    \
     * bits of zeroing them first, without the pass that zeroes nor the GEMM reading them) */  \
    if (overwrite) memset(db, 0, (size_t)OC * sizeof(T)); /* +0 is all zero bits */             \
    colsum_##SFX(db, dout, B, OC);                                                             \
    dpt_tune_call call = {NULL, 0, 0};                                                         \
    const int eligible = scratch != NULL && OC > 0 &&                                          \
                         (size_t)OC * (size_t)C * sizeof(T) <= SPARSE_DW_MAX_BYTES &&          \
                         sparse_enough_##SFX(inp, B, C);                                       \
    int sparse = eligible && dpt_tune_begin(tuner, TUNE_DW, sizeof(T), B, C, OC, &call);       \
    int starts = 0;                                                                            \
    if (sparse && (p != PATH_PORTABLE || finite_##SFX(inp, B * C)) && finite_##SFX(dout, B * OC) && \
        (starts = overwrite ? 2 : clean_starts_##SFX(dw, OC * C)) != 0) {                      \
      /* dW transposed (C, OC): a nonzero input updates one contiguous row of it. */          \
      T *dT = (T *)scratch;                                                                    \
      char *list = (char *)scratch + round64((size_t)OC * (size_t)C * sizeof(T));             \
      if (starts == 2) memset(dT, 0, (size_t)OC * (size_t)C * sizeof(T)); /* +0 is all zero bits */ \
      else transpose_##SFX(dT, dw, OC, C);                                                     \
      sparse_dw_##SFX(p, dT, dout, inp, B, C, OC, (int32_t *)list,                             \
                      (T *)(list + round64(LIST(C) * sizeof(int32_t))));                    \
      transpose_##SFX(dw, dT, C, OC);                                                          \
      count_sparse_run();                                                                      \
    } else {                                                                                   \
      sparse = 0;                                                                              \
      const gemm_##SFX gw = {OC, C, B, dout, OC, A_COLS, inp, C, dw, C, overwrite ? INIT_ZERO : INIT_FROM_C, 0}; \
      gemm_##SFX##_on(p, &gw);                                                                 \
    }                                                                                          \
    if (eligible) dpt_tune_end(&call, sparse);                                                 \
    if (dinp) {                                                                                \
      const gemm_##SFX gi = {B, C, OC, dout, OC, A_ROWS, w, C, dinp, C, INIT_ZERO, 0};         \
      gemm_##SFX##_on(p, &gi);                                                                 \
    }                                                                                          \
  }

DEFINE_LINEAR(float, f32)
DEFINE_LINEAR(double, f64)
