/*
 * Which of two exact paths is faster for a shape, measured on this machine.
 *
 * The sparse-input kernels (sparse.h) and the dense GEMM give the same bits,
 * so picking one is a question of speed alone, and the answer depends on the
 * CPU: on a Zen 4 here the sparse dW beat the GEMM by 1.14-1.36x on MNIST's
 * first layer; on a Zen 5, whose 512-bit units run the GEMM at full width,
 * the GEMM won and a training loop in shards of 32 ran 20-30 % faster dense
 * (bench/README.md, "What the speed work of 2026-12-04 changed"). A fixed density threshold cannot be right on both, so
 * each shape (forward or dW, element size, B, C, OC) is timed: its first
 * calls that could take the sparse path alternate between the two, and after
 * DPT_TUNE_TRIALS timed calls of each the faster one (the smallest time of
 * each, which a preempted call cannot lower) is kept for the rest of the
 * process. The density checks still come first: a batch too dense for the
 * sparse path runs dense whatever the shape decided.
 *
 * One tuner per N-API environment (addon.c), so worker threads never share
 * one; selecting another code path (setPath) starts it over. Modes for tests
 * and benchmarks: always sparse when eligible (the rule before the tuner),
 * never sparse.
 */
#ifndef DPT_TUNE_H
#define DPT_TUNE_H

#include <stddef.h>
#include <stdint.h>

#define DPT_TUNE_TRIALS 8
#define DPT_TUNE_SLOTS 32

typedef enum { TUNE_AUTO = 0, TUNE_ALWAYS_SPARSE = 1, TUNE_NEVER_SPARSE = 2 } dpt_tune_mode;
typedef enum { TUNE_FORWARD = 0, TUNE_DW = 1 } dpt_tune_kind;
/* A decision: not yet known (still timing), dense, or sparse. */
typedef enum { TUNE_UNDECIDED = -1, TUNE_DENSE = 0, TUNE_SPARSE = 1 } dpt_tune_choice;

typedef struct {
  int kind, elem;
  ptrdiff_t B, C, OC;
  int trials[2];   /* timed calls of dense [0] and sparse [1] */
  uint64_t best[2]; /* the smallest time of each, in ns */
  int choice;      /* dpt_tune_choice */
} dpt_tune_entry;

typedef struct {
  int mode; /* dpt_tune_mode */
  int used;
  dpt_tune_entry e[DPT_TUNE_SLOTS];
} dpt_tuner;

/* A call about to run: which path, and what to record when it ends. */
typedef struct {
  dpt_tune_entry *entry; /* NULL: nothing to record */
  int sparse;
  uint64_t start;
} dpt_tune_call;

/*
 * For a call whose inputs passed the sparse path's density check: whether
 * to take the sparse path. `t` may be NULL (then always). Fills `call`;
 * pass it to dpt_tune_end after the chosen path ran.
 */
int dpt_tune_begin(dpt_tuner *t, dpt_tune_kind kind, size_t elem, ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, dpt_tune_call *call);
/* Forgets every shape's timings and choice and sets the mode (a new mode or code path starts over). */
void dpt_tune_reset(dpt_tuner *t, dpt_tune_mode mode);
/* Records the call's time; `sparse_ran`: whether the sparse path really ran (its later checks may have sent it dense). */
void dpt_tune_end(dpt_tune_call *call, int sparse_ran);

#endif
