/*
 * The two fully connected layer kernels of lib/math/linear.ts, in C.
 *
 * Shapes (row-major): inp (B, C), W (OC, C), b (OC), out and dout (B, OC).
 *   forward:  out[i][o]  = b[o] + sum_c inp[i][c] * W[o][c]      c increasing
 *   backward: db[o]     += sum_i dout[i][o]                       i increasing
 *             dW[o][c]  += sum_i dout[i][o] * inp[i][c]           i increasing
 *             dinp[i][c] = 0 + sum_o dout[i][o] * W[o][c]         o increasing
 * Every product and every sum rounded to the element type, in exactly that
 * order: the bits of lib/math/linear-naive.ts.
 *
 * `scratch` must hold dpt_linear_scratch_bytes(C, OC, element size): it
 * receives W (or dW) transposed and, on the sparse path (sparse.h), one
 * row's list of nonzero inputs. backward may get NULL: then it runs dense.
 * `tuner` (tune.h) picks sparse or dense per shape; NULL: sparse whenever
 * its checks pass.
 * Arrays must not overlap.
 */
#ifndef DPT_LINEAR_H
#define DPT_LINEAR_H

#include <stddef.h>
#include "gemm.h"
#include "tune.h"

size_t dpt_linear_scratch_bytes(ptrdiff_t C, ptrdiff_t OC, size_t elem);
/* dst (cols, rows) = src (rows, cols) transposed. */
void dpt_transpose_f32(float *dst, const float *src, ptrdiff_t rows, ptrdiff_t cols);
void dpt_transpose_f64(double *dst, const double *src, ptrdiff_t rows, ptrdiff_t cols);
/* wT: W transposed (C, OC) when the caller has it (several calls share W), else NULL. */
void dpt_linear_forward_f32(float *out, const float *inp, const float *w, const float *b, const float *wT,
                            ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, void *scratch, dpt_tuner *tuner);
void dpt_linear_forward_f64(double *out, const double *inp, const double *w, const double *b, const double *wT,
                            ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, void *scratch, dpt_tuner *tuner);
/* dinp may be NULL (the first layer needs no input gradient). overwrite: dW and db receive the
 * sums alone (as if zeroed first) instead of having them added. */
void dpt_linear_backward_f32(float *dinp, float *dw, float *db, const float *dout, const float *inp,
                             const float *w, ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, int overwrite, void *scratch, dpt_tuner *tuner);
void dpt_linear_backward_f64(double *dinp, double *dw, double *db, const double *dout, const double *inp,
                             const double *w, ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, int overwrite, void *scratch, dpt_tuner *tuner);

/* The path in use (chosen at load from the CPU's features and the self-test). */
dpt_path dpt_active_path(void);
/* The best path this CPU and build support. */
dpt_path dpt_best_path(void);
/* Selects a path for tests; returns 0 when the CPU or build cannot run it. */
int dpt_set_path(dpt_path p);
/* Detects the CPU's features and checks every runnable path for contracted
 * (fused) multiply-add; returns 0 when even the portable path fails. */
int dpt_init_paths(void);
const char *dpt_path_name(dpt_path p);
/* How many calls took the sparse path (sparse.h) since the addon loaded. */
unsigned long dpt_sparse_runs(void);

#endif
