/* Timing sparse against dense per shape (tune.h). */
#include "tune.h"

#include <string.h>
#include <time.h>

static uint64_t now_ns(void) {
  struct timespec ts;
#if defined(_WIN32)
  timespec_get(&ts, TIME_UTC);
#else
  clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static dpt_tune_entry *find(dpt_tuner *t, int kind, int elem, ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC) {
  for (int i = 0; i < t->used; i++) {
    dpt_tune_entry *e = &t->e[i];
    if (e->kind == kind && e->elem == elem && e->B == B && e->C == C && e->OC == OC) return e;
  }
  if (t->used == DPT_TUNE_SLOTS) return NULL;
  dpt_tune_entry *e = &t->e[t->used++];
  *e = (dpt_tune_entry){kind, elem, B, C, OC, {0, 0}, {UINT64_MAX, UINT64_MAX}, TUNE_UNDECIDED};
  return e;
}

void dpt_tune_reset(dpt_tuner *t, dpt_tune_mode mode) {
  memset(t, 0, sizeof *t);
  t->mode = (int)mode;
}

int dpt_tune_begin(dpt_tuner *t, dpt_tune_kind kind, size_t elem, ptrdiff_t B, ptrdiff_t C, ptrdiff_t OC, dpt_tune_call *call) {
  call->entry = NULL;
  call->sparse = 1;
  if (t == NULL || t->mode == TUNE_ALWAYS_SPARSE) return 1;
  if (t->mode == TUNE_NEVER_SPARSE) return call->sparse = 0;
  dpt_tune_entry *e = find(t, (int)kind, (int)elem, B, C, OC);
  if (e == NULL) {
    /* A full table (evaluation chunks, short last shards and other layers took the slots): a
     * decided shape of the same layer and kind with another B, whose choice rarely differs;
     * else the rule before the tuner, sparse whenever eligible. */
    for (int i = 0; i < t->used; i++) {
      const dpt_tune_entry *o = &t->e[i];
      if (o->kind == (int)kind && o->elem == (int)elem && o->C == C && o->OC == OC && o->choice != TUNE_UNDECIDED)
        return call->sparse = o->choice == TUNE_SPARSE;
    }
    return 1;
  }
  if (e->choice != TUNE_UNDECIDED) return call->sparse = e->choice == TUNE_SPARSE;
  /* Still timing: the path with fewer timed calls so far, sparse first. */
  call->sparse = e->trials[1] <= e->trials[0];
  call->entry = e;
  call->start = now_ns();
  return call->sparse;
}

void dpt_tune_end(dpt_tune_call *call, int sparse_ran) {
  dpt_tune_entry *e = call->entry;
  if (e == NULL) return;
  const uint64_t ns = now_ns() - call->start;
  /* A sparse call its later checks sent dense timed neither path fairly. */
  if (call->sparse && !sparse_ran) return;
  const int i = call->sparse;
  if (ns < e->best[i]) e->best[i] = ns;
  e->trials[i]++;
  if (e->trials[0] >= DPT_TUNE_TRIALS && e->trials[1] >= DPT_TUNE_TRIALS)
    e->choice = e->best[1] < e->best[0] ? TUNE_SPARSE : TUNE_DENSE;
}
