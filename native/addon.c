/*
 * dpt_kernels: N-API bindings of the native linear kernels (linear.h).
 *
 * Exports (all arrays are typed arrays, read and written in place):
 *   linearForwardF32(out, inp, w, b, B, C, OC, wT?)                  Float32Array
 *   linearForwardF64(out, inp, w, b, B, C, OC, wT?)                  Float64Array
 *                                                wT: W transposed (C, OC), when the caller has it
 *   transposeF32(dst, src, rows, cols) / transposeF64(...)          dst (cols, rows) = src^T
 *   linearBackwardF32(dinp | null, dw, db, dout, inp, w, B, C, OC, overwrite?)   Float32Array
 *   linearBackwardF64(dinp | null, dw, db, dout, inp, w, B, C, OC, overwrite?)   Float64Array
 *                                                overwrite: dw, db = the sums (as if zeroed first)
 *   path() -> 'avx512' | 'avx2' | 'portable'     the implementation in use
 *   bestPath() -> same                           the fastest this CPU runs
 *   setPath(name) -> boolean                     for tests: force a path
 *   sparseRuns() -> number                       linear calls that took the sparse-input path (sparse.h)
 *   sparseMode(mode?) -> 'auto'|'always'|'never' sparse or dense per shape: timed (auto) or fixed (tune.h)
 *   sparseChoices() -> [{kind, B, C, OC, ...}]   what the tuner measured and chose, per shape
 *   sigmoidForwardF32(a, n) / sigmoidForwardF64(a, n)            in place (elementwise.h;
 *                                                eight lanes at a time on the avx512 path, four on avx2)
 *   sigmoidBackwardF32(d, a, n) / sigmoidBackwardF64(d, a, n)    d in place
 *   expF64(out, x, n)                            for tests: out = V8's Math.exp(x) (fdlibm_exp.h)
 *   divideF32(a, n, d) / divideF64(a, n, d)      in place: a[i] = a[i] / d (elementwise.h)
 *   allFiniteF32(a, n) / allFiniteF64(a, n) -> boolean: no NaN, no infinity (elementwise.h)
 *   addIntoF32(acc, x, n) / addIntoF64(...)      in place: acc[i] += x[i] (sgd.h)
 *   sgdStepF32(params, grad, n, count, eta) / sgdStepF64(...)   params[i] -= eta * grad[i] / count
 *   elementwisePath() -> 'avx512' | 'avx2' | 'scalar'   how sigmoidForward, divide, allFinite, addInto,
 *                                                sgdStep and expF64 run now
 *   crc32(bytes) -> uint32                       CRC-32 of a Uint8Array, zlib's value (crc32.h)
 *   crc32Folding() -> boolean                    whether it folds with PCLMULQDQ
 *   gatherRowsF32(dst, src, indices, rows, d) / gatherRowsF64(...)
 *                                                dst row r = src row indices[r] (gather.h): src a
 *                                                Uint8Array, indices a Uint32Array, every index checked
 *   gatherDividedF32(dst, src, indices, rows, d, divisor) / gatherDividedF64(...)
 *                                                the same, each row then divided as divideF32/F64 divide
 *   prefetchRows(src, indices, rows, d)          rows of a Uint8Array asked for ahead of a gather
 * Arguments are checked: a wrong type throws TypeError, a bad size, an
 * array too short for (B, C, OC), or overlapping arrays throw RangeError.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linear.h"
#include "elementwise.h"
#include "sgd.h"
#include "crc32.h"
#include "gather.h"

/* ---- per-environment scratch (main thread and each worker have their own) ---- */

typedef struct {
  void *p;
  size_t bytes;
  dpt_tuner tuner; /* sparse or dense per shape (tune.h) */
} scratch_t;

static void scratch_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  scratch_t *s = (scratch_t *)data;
  free(s->p);
  free(s);
}

/* A buffer of at least `bytes`, reused across calls of this environment. */
static void *scratch_get(napi_env env, size_t bytes) {
  scratch_t *s = NULL;
  if (napi_get_instance_data(env, (void **)&s) != napi_ok || s == NULL) return NULL;
  if (bytes == 0) bytes = 1;
  if (s->bytes < bytes) {
    void *p = malloc(bytes);
    if (p == NULL) return NULL;
    free(s->p);
    s->p = p;
    s->bytes = bytes;
  }
  return s->p;
}

/* This environment's tuner (tune.h), or NULL (then sparse whenever eligible, same bits). */
static dpt_tuner *tuner_get(napi_env env) {
  scratch_t *s = NULL;
  if (napi_get_instance_data(env, (void **)&s) != napi_ok || s == NULL) return NULL;
  return &s->tuner;
}

/* ---- argument checking ---- */

static int throw_type(napi_env env, const char *fn, const char *msg) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s: %s", fn, msg);
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", buf);
  return 0;
}

static int throw_range(napi_env env, const char *fn, const char *msg) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s: %s", fn, msg);
  napi_throw_range_error(env, "ERR_OUT_OF_RANGE", buf);
  return 0;
}

static const char *typed_array_name(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: return "Int8Array";
    case napi_uint8_array: return "Uint8Array";
    case napi_uint8_clamped_array: return "Uint8ClampedArray";
    case napi_int16_array: return "Int16Array";
    case napi_uint16_array: return "Uint16Array";
    case napi_int32_array: return "Int32Array";
    case napi_uint32_array: return "Uint32Array";
    case napi_float32_array: return "Float32Array";
    case napi_float64_array: return "Float64Array";
    case napi_bigint64_array: return "BigInt64Array";
    case napi_biguint64_array: return "BigUint64Array";
    default: return "typed array";
  }
}

typedef struct {
  const char *name;
  void *data;    /* NULL for a null argument */
  size_t length; /* elements */
  size_t need;   /* elements the call touches (set after the sizes are known) */
  int written;
} arg_array;

/* Reads a Float32Array / Float64Array argument without copying; null only if `nullable`. */
static int get_array(napi_env env, const char *fn, napi_value v, napi_typedarray_type want, int nullable,
                     arg_array *a) {
  char msg[160];
  /* The common case in one N-API call (a shard makes ~10 kernel calls of 4-6 arrays each): the
   * array of the wanted type. Anything else takes the checks below, which say what was wrong. */
  {
    napi_typedarray_type t;
    size_t length;
    void *data;
    if (napi_get_typedarray_info(env, v, &t, &length, &data, NULL, NULL) == napi_ok && t == want && data != NULL) {
      a->data = data;
      a->length = length;
      return 1;
    }
  }
  const char *want_name = typed_array_name(want);
  napi_valuetype vt;
  if (napi_typeof(env, v, &vt) != napi_ok) return throw_type(env, fn, "cannot read an argument");
  if (nullable && vt == napi_null) {
    a->data = NULL;
    a->length = 0;
    return 1;
  }
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) {
    snprintf(msg, sizeof msg, "%s must be a %s%s", a->name, want_name, nullable ? " or null" : "");
    return throw_type(env, fn, msg);
  }
  napi_typedarray_type t;
  size_t length, offset;
  void *data;
  napi_value buffer;
  if (napi_get_typedarray_info(env, v, &t, &length, &data, &buffer, &offset) != napi_ok)
    return throw_type(env, fn, "cannot read a typed array");
  if (t != want) {
    snprintf(msg, sizeof msg, "%s must be a %s, got a %s", a->name, want_name, typed_array_name(t));
    return throw_type(env, fn, msg);
  }
  /* An empty or detached array may report NULL: keep NULL for "null" only. */
  static char empty[16];
  a->data = data != NULL ? data : (void *)empty;
  a->length = data != NULL ? length : 0;
  return 1;
}

/* Reads a size argument: an integer number in [0, 2^31 - 1]. */
static int get_dim(napi_env env, const char *fn, napi_value v, const char *name, ptrdiff_t *out) {
  char msg[160];
  double d;
  /* napi_number_expected for anything but a number: one call instead of typeof + get */
  if (napi_get_value_double(env, v, &d) != napi_ok) {
    snprintf(msg, sizeof msg, "%s must be a number", name);
    return throw_type(env, fn, msg);
  }
  if (!(d >= 0 && d <= 2147483647.0) || (double)(int64_t)d != d) {
    snprintf(msg, sizeof msg, "%s must be an integer from 0 to 2^31-1, got %.17g", name, d);
    return throw_range(env, fn, msg);
  }
  *out = (ptrdiff_t)d;
  return 1;
}

/* Every array long enough for its shape, and no written array overlapping another. */
/* A number argument (any value, NaN included: the kernels define what it does). */
static int get_number(napi_env env, const char *fn, napi_value v, const char *name, double *out) {
  char msg[160];
  napi_valuetype vt;
  if (napi_typeof(env, v, &vt) != napi_ok || vt != napi_number || napi_get_value_double(env, v, out) != napi_ok) {
    snprintf(msg, sizeof msg, "%s must be a number", name);
    return throw_type(env, fn, msg);
  }
  return 1;
}

static int check_arrays(napi_env env, const char *fn, arg_array *arr, int n, size_t elem) {
  char msg[200];
  for (int i = 0; i < n; i++) {
    if (arr[i].data == NULL) continue; /* dinp == null */
    if (arr[i].length < arr[i].need) {
      snprintf(msg, sizeof msg, "%s has %zu elements, needs at least %zu for these sizes", arr[i].name,
               arr[i].length, arr[i].need);
      return throw_range(env, fn, msg);
    }
  }
  for (int i = 0; i < n; i++) {
    if (!arr[i].written || arr[i].data == NULL || arr[i].need == 0) continue;
    const uintptr_t a0 = (uintptr_t)arr[i].data, a1 = a0 + arr[i].need * elem;
    for (int j = 0; j < n; j++) {
      if (j == i || arr[j].data == NULL || arr[j].need == 0) continue;
      const uintptr_t b0 = (uintptr_t)arr[j].data, b1 = b0 + arr[j].need * elem;
      if (a0 < b1 && b0 < a1) {
        snprintf(msg, sizeof msg, "%s must not overlap %s", arr[i].name, arr[j].name);
        return throw_range(env, fn, msg);
      }
    }
  }
  return 1;
}

static int get_args(napi_env env, napi_callback_info info, const char *fn, size_t want, napi_value *argv) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return throw_type(env, fn, "bad call");
  if (argc < want) {
    char msg[80];
    snprintf(msg, sizeof msg, "expects %zu arguments, got %zu", want, argc);
    return throw_type(env, fn, msg);
  }
  return 1;
}

/* want or want + 1 arguments (the last optional): how many were given in *argc, or 0 after throwing. */
static int get_args_optional(napi_env env, napi_callback_info info, const char *fn, size_t want, napi_value *argv, size_t *argc) {
  *argc = want + 1;
  if (napi_get_cb_info(env, info, argc, argv, NULL, NULL) != napi_ok) return throw_type(env, fn, "bad call");
  if (*argc < want) {
    char msg[80];
    snprintf(msg, sizeof msg, "expects %zu or %zu arguments, got %zu", want, want + 1, *argc);
    return throw_type(env, fn, msg);
  }
  if (*argc > want + 1) *argc = want + 1;
  return 1;
}

/* ---- the kernels ---- */

/* linearForward(out, inp, w, b, B, C, OC, wT?): wT, when given, is W transposed (C, OC), as
 * transpose() writes it, used instead of transposing w on every call (one step's shards share W). */
static napi_value forward(napi_env env, napi_callback_info info, int f64) {
  const char *fn = f64 ? "linearForward (float64)" : "linearForward (float32)";
  const napi_typedarray_type type = f64 ? napi_float64_array : napi_float32_array;
  const size_t elem = f64 ? sizeof(double) : sizeof(float);
  napi_value argv[8];
  size_t argc;
  if (!get_args_optional(env, info, fn, 7, argv, &argc)) return NULL;
  int n = 4;
  arg_array a[5] = {{"out", 0, 0, 0, 1}, {"inp", 0, 0, 0, 0}, {"w", 0, 0, 0, 0}, {"b", 0, 0, 0, 0}, {"wT", 0, 0, 0, 0}};
  for (int i = 0; i < 4; i++)
    if (!get_array(env, fn, argv[i], type, 0, &a[i])) return NULL;
  if (argc >= 8) {
    napi_valuetype vt;
    if (napi_typeof(env, argv[7], &vt) != napi_ok) return (throw_type(env, fn, "cannot read an argument"), NULL);
    if (vt != napi_undefined && vt != napi_null) {
      if (!get_array(env, fn, argv[7], type, 0, &a[4])) return NULL;
      n = 5;
    }
  }
  ptrdiff_t B, C, OC;
  if (!get_dim(env, fn, argv[4], "B", &B) || !get_dim(env, fn, argv[5], "C", &C) ||
      !get_dim(env, fn, argv[6], "OC", &OC))
    return NULL;
  a[0].need = (size_t)B * (size_t)OC;
  a[1].need = (size_t)B * (size_t)C;
  a[2].need = (size_t)OC * (size_t)C;
  a[3].need = (size_t)OC;
  a[4].need = (size_t)OC * (size_t)C;
  if (!check_arrays(env, fn, a, n, elem)) return NULL;
  void *scratch = scratch_get(env, dpt_linear_scratch_bytes(C, OC, elem));
  if (scratch == NULL) {
    napi_throw_error(env, NULL, "linearForward: out of memory for W transposed");
    return NULL;
  }
  const void *wT = n == 5 ? a[4].data : NULL;
  if (f64)
    dpt_linear_forward_f64(a[0].data, a[1].data, a[2].data, a[3].data, wT, B, C, OC, scratch, tuner_get(env));
  else
    dpt_linear_forward_f32(a[0].data, a[1].data, a[2].data, a[3].data, wT, B, C, OC, scratch, tuner_get(env));
  return NULL;
}

/* transpose(dst, src, rows, cols): dst (cols, rows) = src (rows, cols) transposed (exact: a copy). */
static napi_value transpose(napi_env env, napi_callback_info info, int f64) {
  const char *fn = f64 ? "transpose (float64)" : "transpose (float32)";
  const napi_typedarray_type type = f64 ? napi_float64_array : napi_float32_array;
  const size_t elem = f64 ? sizeof(double) : sizeof(float);
  napi_value argv[4];
  if (!get_args(env, info, fn, 4, argv)) return NULL;
  arg_array a[2] = {{"dst", 0, 0, 0, 1}, {"src", 0, 0, 0, 0}};
  for (int i = 0; i < 2; i++)
    if (!get_array(env, fn, argv[i], type, 0, &a[i])) return NULL;
  ptrdiff_t rows, cols;
  if (!get_dim(env, fn, argv[2], "rows", &rows) || !get_dim(env, fn, argv[3], "cols", &cols)) return NULL;
  a[0].need = a[1].need = (size_t)rows * (size_t)cols;
  if (!check_arrays(env, fn, a, 2, elem)) return NULL;
  if (f64)
    dpt_transpose_f64(a[0].data, a[1].data, rows, cols);
  else
    dpt_transpose_f32(a[0].data, a[1].data, rows, cols);
  return NULL;
}

/* linearBackward(dinp | null, dw, db, dout, inp, w, B, C, OC, overwrite?): overwrite true writes the
 * sums into dw and db (as if they were zeroed first) instead of adding them */
static napi_value backward(napi_env env, napi_callback_info info, int f64) {
  const char *fn = f64 ? "linearBackward (float64)" : "linearBackward (float32)";
  const napi_typedarray_type type = f64 ? napi_float64_array : napi_float32_array;
  const size_t elem = f64 ? sizeof(double) : sizeof(float);
  napi_value argv[10];
  size_t argc;
  if (!get_args_optional(env, info, fn, 9, argv, &argc)) return NULL;
  bool overwrite = false;
  if (argc >= 10) {
    napi_valuetype vt;
    if (napi_typeof(env, argv[9], &vt) != napi_ok || (vt != napi_undefined && vt != napi_boolean))
      return (throw_type(env, fn, "overwrite must be a boolean"), NULL);
    if (vt == napi_boolean) napi_get_value_bool(env, argv[9], &overwrite);
  }
  arg_array a[6] = {{"dinp", 0, 0, 0, 1}, {"dw", 0, 0, 0, 1}, {"db", 0, 0, 0, 1},
                    {"dout", 0, 0, 0, 0}, {"inp", 0, 0, 0, 0}, {"w", 0, 0, 0, 0}};
  for (int i = 0; i < 6; i++)
    if (!get_array(env, fn, argv[i], type, i == 0, &a[i])) return NULL;
  ptrdiff_t B, C, OC;
  if (!get_dim(env, fn, argv[6], "B", &B) || !get_dim(env, fn, argv[7], "C", &C) ||
      !get_dim(env, fn, argv[8], "OC", &OC))
    return NULL;
  a[0].need = (size_t)B * (size_t)C;
  a[1].need = (size_t)OC * (size_t)C;
  a[2].need = (size_t)OC;
  a[3].need = (size_t)B * (size_t)OC;
  a[4].need = (size_t)B * (size_t)C;
  a[5].need = (size_t)OC * (size_t)C;
  if (!check_arrays(env, fn, a, 6, elem)) return NULL;
  /* Scratch for the sparse path; without it (out of memory) the dense loops run, same bits. */
  void *scratch = scratch_get(env, dpt_linear_scratch_bytes(C, OC, elem));
  if (f64)
    dpt_linear_backward_f64(a[0].data, a[1].data, a[2].data, a[3].data, a[4].data, a[5].data, B, C, OC, overwrite, scratch, tuner_get(env));
  else
    dpt_linear_backward_f32(a[0].data, a[1].data, a[2].data, a[3].data, a[4].data, a[5].data, B, C, OC, overwrite, scratch, tuner_get(env));
  return NULL;
}

/* The N-API entries name##_f32 and name##_f64 of a binding taking (env, info, f64). */
#define BOTH_DTYPES(name)                                                                        \
  static napi_value name##_f32(napi_env env, napi_callback_info info) { return name(env, info, 0); } \
  static napi_value name##_f64(napi_env env, napi_callback_info info) { return name(env, info, 1); }

BOTH_DTYPES(forward)
BOTH_DTYPES(transpose)
BOTH_DTYPES(backward)

/* ---- elementwise kernels (elementwise.h) ---- */

/* The vector elementwise kernels whose check passed at load (elementwise_avx512.c,
 * elementwise_avx2.c; sgd_avx512.c and sgd_avx2.c go with them). */
static int avx512_elementwise = 0, avx2_elementwise = 0;
/* How sigmoidForward, divide, allFinite, addInto, sgdStep and expF64 run now: the
 * widest vector kernels the active path allows, else the scalar ones (PATH_PORTABLE). */
static dpt_path elementwise_level(void) {
  const dpt_path p = dpt_active_path();
  if (p == PATH_AVX512 && avx512_elementwise) return PATH_AVX512;
  if (p >= PATH_AVX2 && avx2_elementwise) return PATH_AVX2;
  return PATH_PORTABLE;
}

/*
 * The arguments of an elementwise call: (k arrays of the call's dtype, the
 * first one written; n; m numbers). Every array must hold n elements and
 * none may overlap another. Returns n, or -1 once an error is thrown.
 */
static ptrdiff_t elementwise_args(napi_env env, napi_callback_info info, const char *fn, napi_typedarray_type type,
                                  arg_array *a, int k, const char *const *num_names, double *nums, int m) {
  napi_value argv[8];
  if (!get_args(env, info, fn, (size_t)(k + 1 + m), argv)) return -1;
  for (int i = 0; i < k; i++)
    if (!get_array(env, fn, argv[i], type, 0, &a[i])) return -1;
  ptrdiff_t n;
  if (!get_dim(env, fn, argv[k], "n", &n)) return -1;
  for (int j = 0; j < m; j++)
    if (!get_number(env, fn, argv[k + 1 + j], num_names[j], &nums[j])) return -1;
  for (int i = 0; i < k; i++) a[i].need = (size_t)n;
  if (!check_arrays(env, fn, a, k, type == napi_float64_array ? sizeof(double) : sizeof(float))) return -1;
  return n;
}

#define DTYPE(f64) ((f64) ? napi_float64_array : napi_float32_array)
/* out = name##_f32 / name##_f64 (...), or their vector twins name##_avx512_* /
 * name##_avx2_* at the elementwise level in use; `(void)` for no result. */
#define PICK(f64, out, name, sfx, ...) ((f64) ? (out name##sfx##_f64(__VA_ARGS__)) : (out name##sfx##_f32(__VA_ARGS__)))
#if DPT_X86
#define RUN_TO(out, f64, name, ...)                                                \
  do {                                                                            \
    switch (elementwise_level()) {                                                \
      case PATH_AVX512: PICK(f64, out, name, _avx512, __VA_ARGS__); break;        \
      case PATH_AVX2: PICK(f64, out, name, _avx2, __VA_ARGS__); break;            \
      default: PICK(f64, out, name, , __VA_ARGS__);                               \
    }                                                                             \
  } while (0)
#else
#define RUN_TO(out, f64, name, ...) PICK(f64, out, name, , __VA_ARGS__)
#endif
#define RUN(f64, name, ...) RUN_TO((void), f64, name, __VA_ARGS__)

/* sigmoidForward(a, n) */
static napi_value sig_forward(napi_env env, napi_callback_info info, int f64) {
  arg_array a[1] = {{"a", 0, 0, 0, 1}};
  const ptrdiff_t n = elementwise_args(env, info, f64 ? "sigmoidForward (float64)" : "sigmoidForward (float32)",
                                       DTYPE(f64), a, 1, NULL, NULL, 0);
  if (n >= 0) RUN(f64, dpt_sigmoid_forward, a[0].data, n);
  return NULL;
}

/* sigmoidBackward(d, a, n) */
static napi_value sig_backward(napi_env env, napi_callback_info info, int f64) {
  arg_array a[2] = {{"d", 0, 0, 0, 1}, {"a", 0, 0, 0, 0}};
  const ptrdiff_t n = elementwise_args(env, info, f64 ? "sigmoidBackward (float64)" : "sigmoidBackward (float32)",
                                       DTYPE(f64), a, 2, NULL, NULL, 0);
  if (n < 0) return NULL;
  if (f64)
    dpt_sigmoid_backward_f64(a[0].data, a[1].data, n);
  else
    dpt_sigmoid_backward_f32(a[0].data, a[1].data, n);
  return NULL;
}

/* expF64(out, x, n): for tests */
static napi_value exp_f64(napi_env env, napi_callback_info info) {
  arg_array a[2] = {{"out", 0, 0, 0, 1}, {"x", 0, 0, 0, 0}};
  const ptrdiff_t n = elementwise_args(env, info, "expF64", napi_float64_array, a, 2, NULL, NULL, 0);
  if (n < 0) return NULL;
#if DPT_X86
  const dpt_path level = elementwise_level();
  if (level == PATH_AVX512) dpt_exp_avx512_f64(a[0].data, a[1].data, n);
  else if (level == PATH_AVX2) dpt_exp_avx2_f64(a[0].data, a[1].data, n);
  else
#endif
    dpt_exp_f64(a[0].data, a[1].data, n);
  return NULL;
}

/* divideInPlace(a, n, d): a[i] = a[i] / d */
static napi_value divide(napi_env env, napi_callback_info info, int f64) {
  static const char *const names[] = {"d"};
  arg_array a[1] = {{"a", 0, 0, 0, 1}};
  double d;
  const ptrdiff_t n = elementwise_args(env, info, f64 ? "divideInPlace (float64)" : "divideInPlace (float32)",
                                       DTYPE(f64), a, 1, names, &d, 1);
  if (n >= 0) RUN(f64, dpt_divide, a[0].data, n, d);
  return NULL;
}

/* addInto(acc, x, n): acc[i] += x[i] */
static napi_value add_into(napi_env env, napi_callback_info info, int f64) {
  arg_array a[2] = {{"acc", 0, 0, 0, 1}, {"x", 0, 0, 0, 0}};
  const ptrdiff_t n = elementwise_args(env, info, f64 ? "addInto (float64)" : "addInto (float32)", DTYPE(f64), a, 2, NULL, NULL, 0);
  if (n >= 0) RUN(f64, dpt_add_into, a[0].data, a[1].data, n);
  return NULL;
}

/* sgdStep(params, grad, n, count, eta): params[i] -= eta * (grad[i] / count) */
static napi_value sgd_step(napi_env env, napi_callback_info info, int f64) {
  static const char *const names[] = {"count", "eta"};
  arg_array a[2] = {{"params", 0, 0, 0, 1}, {"grad", 0, 0, 0, 0}};
  double nums[2];
  const ptrdiff_t n = elementwise_args(env, info, f64 ? "sgdStep (float64)" : "sgdStep (float32)", DTYPE(f64), a, 2, names, nums, 2);
  if (n >= 0) RUN(f64, dpt_sgd_step, a[0].data, a[1].data, n, nums[0], nums[1]);
  return NULL;
}

/* allFinite(a, n) -> boolean */
static napi_value all_finite(napi_env env, napi_callback_info info, int f64) {
  arg_array a[1] = {{"a", 0, 0, 0, 0}};
  const ptrdiff_t n = elementwise_args(env, info, f64 ? "allFinite (float64)" : "allFinite (float32)", DTYPE(f64), a, 1, NULL, NULL, 0);
  if (n < 0) return NULL;
  int ok;
  RUN_TO(ok =, f64, dpt_all_finite, a[0].data, n);
  napi_value result;
  napi_get_boolean(env, ok, &result);
  return result;
}

BOTH_DTYPES(all_finite)
BOTH_DTYPES(add_into)
BOTH_DTYPES(sgd_step)
BOTH_DTYPES(divide)
BOTH_DTYPES(sig_forward)
BOTH_DTYPES(sig_backward)

/* ---- checksums (crc32.h) ---- */

/* crc32(bytes) -> the CRC-32 of a Uint8Array, as zlib's */
static napi_value crc32_of(napi_env env, napi_callback_info info) {
  const char *fn = "crc32";
  napi_value argv[1];
  if (!get_args(env, info, fn, 1, argv)) return NULL;
  arg_array a[1] = {{"bytes", 0, 0, 0, 0}};
  if (!get_array(env, fn, argv[0], napi_uint8_array, 0, &a[0])) return NULL;
  napi_value result;
  napi_create_uint32(env, dpt_crc32(0, a[0].data, a[0].length), &result);
  return result;
}

/* crc32Folding() -> whether crc32 folds with PCLMULQDQ (else a byte at a time) */
static napi_value crc32_folding(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_get_boolean(env, dpt_crc32_folding(), &result);
  return result;
}

/* ---- batches (gather.h) ---- */

/* The divideInPlace kernel divideF32 / divideF64 run now (elementwise_level). */
static void (*divide_kernel_f32(void))(float *, ptrdiff_t, double) {
#if DPT_X86
  switch (elementwise_level()) {
    case PATH_AVX512: return dpt_divide_avx512_f32;
    case PATH_AVX2: return dpt_divide_avx2_f32;
    default: break;
  }
#endif
  return dpt_divide_f32;
}
/* The fused convert-and-divide of a byte row for float32 (elementwise.h), or NULL (convert, then divide). */
static void (*convert_divide_kernel_f32(void))(float *, const uint8_t *, ptrdiff_t, double) {
#if DPT_X86
  switch (elementwise_level()) {
    case PATH_AVX512: return dpt_convert_divide_u8_avx512_f32;
    case PATH_AVX2: return dpt_convert_divide_u8_avx2_f32;
    default: break;
  }
#endif
  return NULL;
}
static void (*divide_kernel_f64(void))(double *, ptrdiff_t, double) {
#if DPT_X86
  switch (elementwise_level()) {
    case PATH_AVX512: return dpt_divide_avx512_f64;
    case PATH_AVX2: return dpt_divide_avx2_f64;
    default: break;
  }
#endif
  return dpt_divide_f64;
}

/* gatherRows(dst, src, indices, rows, d): dst row r = src row indices[r], d values each;
 * gatherDivided(..., divisor): each row then divided by divisor as divideInPlace divides */
static napi_value gather(napi_env env, napi_callback_info info, int f64, int divided) {
  const char *fn = divided ? (f64 ? "gatherDivided (float64)" : "gatherDivided (float32)")
                           : (f64 ? "gatherRows (float64)" : "gatherRows (float32)");
  const size_t elem = f64 ? sizeof(double) : sizeof(float);
  char msg[200];
  napi_value argv[6];
  if (!get_args(env, info, fn, divided ? 6 : 5, argv)) return NULL;
  double divisor = 1;
  if (divided && !get_number(env, fn, argv[5], "divisor", &divisor)) return NULL;
  arg_array dst = {"dst", 0, 0, 0, 1}, src = {"src", 0, 0, 0, 0}, idx = {"indices", 0, 0, 0, 0};
  if (!get_array(env, fn, argv[0], DTYPE(f64), 0, &dst) || !get_array(env, fn, argv[1], napi_uint8_array, 0, &src) ||
      !get_array(env, fn, argv[2], napi_uint32_array, 0, &idx))
    return NULL;
  ptrdiff_t rows, d;
  if (!get_dim(env, fn, argv[3], "rows", &rows) || !get_dim(env, fn, argv[4], "d", &d)) return NULL;
  dst.need = (size_t)rows * (size_t)d;
  idx.need = (size_t)rows;
  if (dst.length < dst.need || idx.length < idx.need) {
    const arg_array *a = dst.length < dst.need ? &dst : &idx;
    snprintf(msg, sizeof msg, "%s has %zu elements, needs at least %zu for these sizes", a->name, a->length, a->need);
    return throw_range(env, fn, msg), NULL;
  }
  /* dst is written while src and the indices are read: it may share memory with neither. */
  const uintptr_t d0 = (uintptr_t)dst.data, d1 = d0 + dst.need * elem;
  const arg_array *read[2] = {&src, &idx};
  const size_t read_bytes[2] = {src.length, idx.need * sizeof(uint32_t)};
  for (int i = 0; i < 2; i++) {
    const uintptr_t b0 = (uintptr_t)read[i]->data, b1 = b0 + read_bytes[i];
    if (dst.need > 0 && read_bytes[i] > 0 && d0 < b1 && b0 < d1) {
      snprintf(msg, sizeof msg, "dst must not overlap %s", read[i]->name);
      return throw_range(env, fn, msg), NULL;
    }
  }
  /* Every index first: one out of range throws before anything is written. */
  const uint32_t *ix = idx.data;
  const size_t src_rows = d > 0 ? src.length / (size_t)d : SIZE_MAX;
  for (ptrdiff_t r = 0; r < rows; r++) {
    if (ix[r] >= src_rows) {
      snprintf(msg, sizeof msg, "indices[%td] is %u, but src holds %zu rows of %td values", r, ix[r], src_rows, d);
      return throw_range(env, fn, msg), NULL;
    }
  }
  if (f64)
    dpt_gather_u8_f64(dst.data, src.data, ix, rows, d, divided ? divide_kernel_f64() : NULL, divisor);
  else
    /* The fused converters divide in float32: only for a divisor that is one (255 is); else convert, then divide. */
    dpt_gather_u8_f32(dst.data, src.data, ix, rows, d, divided ? divide_kernel_f32() : NULL,
                      divided && (double)(float)divisor == divisor ? convert_divide_kernel_f32() : NULL, divisor);
  return NULL;
}

/* prefetchRows(src, indices, rows, d): rows indices[r] of src asked for, nothing written (gather.h) */
static napi_value prefetch_rows(napi_env env, napi_callback_info info) {
  const char *fn = "prefetchRows";
  napi_value argv[4];
  if (!get_args(env, info, fn, 4, argv)) return NULL;
  arg_array src = {"src", 0, 0, 0, 0}, idx = {"indices", 0, 0, 0, 0};
  ptrdiff_t rows, d;
  if (!get_array(env, fn, argv[0], napi_uint8_array, 0, &src) || !get_array(env, fn, argv[1], napi_uint32_array, 0, &idx) ||
      !get_dim(env, fn, argv[2], "rows", &rows) || !get_dim(env, fn, argv[3], "d", &d))
    return NULL;
  if ((size_t)rows > idx.length) rows = (ptrdiff_t)idx.length;
  dpt_prefetch_rows(src.data, d > 0 ? src.length / (size_t)d : 0, idx.data, rows, d);
  return NULL;
}

static napi_value gather_rows_f32(napi_env env, napi_callback_info info) { return gather(env, info, 0, 0); }
static napi_value gather_rows_f64(napi_env env, napi_callback_info info) { return gather(env, info, 1, 0); }
static napi_value gather_divided_f32(napi_env env, napi_callback_info info) { return gather(env, info, 0, 1); }
static napi_value gather_divided_f64(napi_env env, napi_callback_info info) { return gather(env, info, 1, 1); }

/* ---- paths ---- */

static napi_value path_string(napi_env env, dpt_path p) {
  napi_value s;
  napi_create_string_utf8(env, dpt_path_name(p), NAPI_AUTO_LENGTH, &s);
  return s;
}

static napi_value active_path(napi_env env, napi_callback_info info) {
  (void)info;
  return path_string(env, dpt_active_path());
}

/* 'avx512' or 'avx2' when the elementwise kernels run several lanes at a time now, else 'scalar'. */
static napi_value elementwise_path(napi_env env, napi_callback_info info) {
  (void)info;
  const dpt_path level = elementwise_level();
  napi_value s;
  napi_create_string_utf8(env, level == PATH_PORTABLE ? "scalar" : dpt_path_name(level), NAPI_AUTO_LENGTH, &s);
  return s;
}

static napi_value best_path(napi_env env, napi_callback_info info) {
  (void)info;
  return path_string(env, dpt_best_path());
}

static napi_value sparse_runs(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value n;
  napi_create_double(env, (double)dpt_sparse_runs(), &n);
  return n;
}

/* sparseMode(mode?) -> the mode ('auto' | 'always' | 'never'), set first when given (tune.h). */
static napi_value sparse_mode(napi_env env, napi_callback_info info) {
  static const char *const names[] = {"auto", "always", "never"};
  dpt_tuner *t = tuner_get(env);
  size_t argc = 1;
  napi_value argv[1];
  if (t == NULL) {
    napi_throw_error(env, NULL, "sparseMode: the addon's instance data is missing");
    return NULL;
  }
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  napi_valuetype vt = napi_undefined;
  if (argc >= 1 && napi_typeof(env, argv[0], &vt) != napi_ok) return NULL;
  if (vt != napi_undefined) {
    char buf[16];
    size_t len = 0;
    if (napi_get_value_string_utf8(env, argv[0], buf, sizeof buf, &len) != napi_ok) {
      napi_throw_type_error(env, NULL, "sparseMode: mode must be 'auto', 'always' or 'never'");
      return NULL;
    }
    int m = -1;
    for (int i = 0; i < 3; i++)
      if (strcmp(buf, names[i]) == 0) m = i;
    if (m < 0) {
      napi_throw_range_error(env, NULL, "sparseMode: mode must be 'auto', 'always' or 'never'");
      return NULL;
    }
    /* A new mode starts the timing over: what was measured under another belongs to it. */
    dpt_tune_reset(t, (dpt_tune_mode)m);
  }
  napi_value out;
  napi_create_string_utf8(env, names[t->mode], NAPI_AUTO_LENGTH, &out);
  return out;
}

static void set_number(napi_env env, napi_value obj, const char *key, double v) {
  napi_value n;
  napi_create_double(env, v, &n);
  napi_set_named_property(env, obj, key, n);
}

/* sparseChoices() -> [{kind, elem, B, C, OC, choice, denseTrials, sparseTrials, denseNs, sparseNs}] (tune.h) */
static napi_value sparse_choices(napi_env env, napi_callback_info info) {
  (void)info;
  dpt_tuner *t = tuner_get(env);
  napi_value arr;
  napi_create_array(env, &arr);
  for (int i = 0; t != NULL && i < t->used; i++) {
    const dpt_tune_entry *e = &t->e[i];
    napi_value o, str;
    napi_create_object(env, &o);
    napi_create_string_utf8(env, e->kind == TUNE_FORWARD ? "forward" : "dw", NAPI_AUTO_LENGTH, &str);
    napi_set_named_property(env, o, "kind", str);
    const char *c = e->choice == TUNE_SPARSE ? "sparse" : e->choice == TUNE_DENSE ? "dense" : "undecided";
    napi_create_string_utf8(env, c, NAPI_AUTO_LENGTH, &str);
    napi_set_named_property(env, o, "choice", str);
    set_number(env, o, "elem", e->elem);
    set_number(env, o, "B", (double)e->B);
    set_number(env, o, "C", (double)e->C);
    set_number(env, o, "OC", (double)e->OC);
    set_number(env, o, "denseTrials", e->trials[0]);
    set_number(env, o, "sparseTrials", e->trials[1]);
    set_number(env, o, "denseNs", e->trials[0] ? (double)e->best[0] : -1);
    set_number(env, o, "sparseNs", e->trials[1] ? (double)e->best[1] : -1);
    napi_set_element(env, arr, (uint32_t)i, o);
  }
  return arr;
}

static napi_value set_path(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, "setPath", 1, argv)) return NULL;
  char name[32] = "";
  size_t len = 0;
  if (napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len) != napi_ok) {
    throw_type(env, "setPath", "name must be a string");
    return NULL;
  }
  int ok = 0;
  for (int p = PATH_PORTABLE; p <= PATH_AVX512 && !ok; p++)
    if (strcmp(name, dpt_path_name((dpt_path)p)) == 0) ok = dpt_set_path((dpt_path)p);
  /* What the tuner timed on the old path says nothing about the new one (tune.h). */
  dpt_tuner *t = tuner_get(env);
  if (ok && t != NULL) dpt_tune_reset(t, (dpt_tune_mode)t->mode);
  napi_value result;
  napi_get_boolean(env, ok, &result);
  return result;
}

NAPI_MODULE_INIT() {
  if (!dpt_init_paths()) {
    napi_throw_error(env, NULL,
                     "dpt_kernels: self-test failed (multiply-add was fused: build with -ffp-contract=off)");
    return NULL;
  }
  dpt_crc32_init();
#if DPT_X86
  /* A failed check only costs speed: the scalar kernels have the same bits. */
  avx512_elementwise = dpt_best_path() == PATH_AVX512 && dpt_exp_matches(dpt_exp_avx512_f64);
  avx2_elementwise = dpt_best_path() >= PATH_AVX2 && dpt_exp_matches(dpt_exp_avx2_f64);
#endif
  scratch_t *s = calloc(1, sizeof *s);
  if (s == NULL || napi_set_instance_data(env, s, scratch_finalize, NULL) != napi_ok) {
    free(s);
    napi_throw_error(env, NULL, "dpt_kernels: cannot allocate instance data");
    return NULL;
  }
  /* Tells the loader this build's linearBackward takes `overwrite` (an older one would ignore it and add). */
  napi_value overwrites;
  if (napi_get_boolean(env, true, &overwrites) != napi_ok) return NULL;
  const napi_property_descriptor props[] = {
      {"linearBackwardOverwrites", NULL, NULL, NULL, NULL, overwrites, napi_enumerable, NULL},
      {"linearForwardF32", NULL, forward_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"linearForwardF64", NULL, forward_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"linearBackwardF32", NULL, backward_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"linearBackwardF64", NULL, backward_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"path", NULL, active_path, NULL, NULL, NULL, napi_enumerable, NULL},
      {"bestPath", NULL, best_path, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setPath", NULL, set_path, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sparseRuns", NULL, sparse_runs, NULL, NULL, NULL, napi_enumerable, NULL},
      {"transposeF32", NULL, transpose_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"transposeF64", NULL, transpose_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sparseMode", NULL, sparse_mode, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sparseChoices", NULL, sparse_choices, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sigmoidForwardF32", NULL, sig_forward_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sigmoidForwardF64", NULL, sig_forward_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sigmoidBackwardF32", NULL, sig_backward_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sigmoidBackwardF64", NULL, sig_backward_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"expF64", NULL, exp_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"divideF32", NULL, divide_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"allFiniteF32", NULL, all_finite_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"allFiniteF64", NULL, all_finite_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"addIntoF32", NULL, add_into_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"addIntoF64", NULL, add_into_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sgdStepF32", NULL, sgd_step_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sgdStepF64", NULL, sgd_step_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"divideF64", NULL, divide_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gatherRowsF32", NULL, gather_rows_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gatherRowsF64", NULL, gather_rows_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"prefetchRows", NULL, prefetch_rows, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gatherDividedF32", NULL, gather_divided_f32, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gatherDividedF64", NULL, gather_divided_f64, NULL, NULL, NULL, napi_enumerable, NULL},
      {"elementwisePath", NULL, elementwise_path, NULL, NULL, NULL, napi_enumerable, NULL},
      {"crc32", NULL, crc32_of, NULL, NULL, NULL, napi_enumerable, NULL},
      {"crc32Folding", NULL, crc32_folding, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
