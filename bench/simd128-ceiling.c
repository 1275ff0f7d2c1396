// The most multiply-adds per second this CPU does with 128-bit SIMD when
// the multiplies and adds stay separate: the ceiling of any kernel that
// keeps dpt's bits with 128-bit vectors, such as the WebAssembly one
// (fixed-width wasm SIMD is 128 bits, and has no fused multiply-add).
//
//   simd128-ceiling SECONDS    prints one JSON line after about SECONDS
//
// The loop is the WebAssembly dW tile (wasm/assembly/tile.ts,
// tile4x2Adjacent) with none of V8's overhead: per step, four broadcast
// loads of adjacent A values and two vector loads of B feed 8 multiplies
// and 8 adds into 8 independent accumulators, walking 256 steps over
// L1-resident panels, as a GEMM does. Compiled without fused multiply-add
// (-ffp-contract=off). Every panel's result is checked against its exact
// value (all products and sums are small integers times powers of two), so
// no compiler can drop the work.

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
typedef __m128 vec;
#define VLOAD(p) _mm_loadu_ps(p)
#define VSPLAT(p) _mm_set1_ps(*(p))
#define VMUL(a, b) _mm_mul_ps(a, b)
#define VADD(a, b) _mm_add_ps(a, b)
#define VZERO() _mm_setzero_ps()
#define VSTORE(p, v) _mm_storeu_ps(p, v)
#elif defined(__aarch64__)
#include <arm_neon.h>
typedef float32x4_t vec;
#define VLOAD(p) vld1q_f32(p)
#define VSPLAT(p) vld1q_dup_f32(p)
#define VMUL(a, b) vmulq_f32(a, b)
#define VADD(a, b) vaddq_f32(a, b)
#define VZERO() vdupq_n_f32(0.0f)
#define VSTORE(p, v) vst1q_f32(p, v)
#else
#error "no 128-bit SIMD intrinsics for this architecture"
#endif

enum { K = 256, REPS_PER_CHECK = 2000 };

static float a_panel[K * 4] __attribute__((aligned(64)));
static float b_panel[K * 8] __attribute__((aligned(64)));

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

// One 4x2 tile over K steps; the 32 results in out.
static void tile(float *out) {
  vec c00 = VZERO(), c01 = VZERO(), c10 = VZERO(), c11 = VZERO();
  vec c20 = VZERO(), c21 = VZERO(), c30 = VZERO(), c31 = VZERO();
  const float *p = a_panel, *q = b_panel;
  for (int k = 0; k < K; k++, p += 4, q += 8) {
    vec b0 = VLOAD(q), b1 = VLOAD(q + 4);
    vec s = VSPLAT(p);
    c00 = VADD(c00, VMUL(s, b0));
    c01 = VADD(c01, VMUL(s, b1));
    s = VSPLAT(p + 1);
    c10 = VADD(c10, VMUL(s, b0));
    c11 = VADD(c11, VMUL(s, b1));
    s = VSPLAT(p + 2);
    c20 = VADD(c20, VMUL(s, b0));
    c21 = VADD(c21, VMUL(s, b1));
    s = VSPLAT(p + 3);
    c30 = VADD(c30, VMUL(s, b0));
    c31 = VADD(c31, VMUL(s, b1));
  }
  VSTORE(out, c00); VSTORE(out + 4, c01); VSTORE(out + 8, c10); VSTORE(out + 12, c11);
  VSTORE(out + 16, c20); VSTORE(out + 20, c21); VSTORE(out + 24, c30); VSTORE(out + 28, c31);
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 0.5;
  if (!(seconds > 0 && seconds < 3600)) {
    fprintf(stderr, "simd128-ceiling: SECONDS must be a number in (0, 3600), got %s\n", argc > 1 ? argv[1] : "(none)");
    return 2;
  }
  // a = r/4 (row r), b = 1 + (v & 7): every product and every running sum
  // (at most 256 * 0.75 * 8) is exact in float32, so the expected value of
  // output (r, v) is K * (r / 4) * (1 + v) whatever the summation order.
  for (int k = 0; k < K; k++) {
    for (int r = 0; r < 4; r++) a_panel[k * 4 + r] = (float)r / 4.0f;
    for (int v = 0; v < 8; v++) b_panel[k * 8 + v] = (float)(1 + v);
  }
  float out[32];
  long long tiles = 0;
  double started = now(), elapsed;
  do {
    for (int i = 0; i < REPS_PER_CHECK; i++) {
      tile(out);
      // An opaque use of the result: the compiler must compute every tile.
      __asm__ volatile("" : : "r"(out) : "memory");
    }
    tiles += REPS_PER_CHECK;
    elapsed = now() - started;
  } while (elapsed < seconds);
  int verified = 1;
  for (int r = 0; r < 4; r++) {
    for (int v = 0; v < 8; v++) {
      if (out[r * 8 + v] != (float)K * ((float)r / 4.0f) * (float)(1 + v)) verified = 0;
    }
  }
  double madds = (double)tiles * K * 32;
  printf("{\"multiplyAddsPerSecond\":%.6g,\"seconds\":%.6g,\"tiles\":%lld,\"verified\":%s}\n",
         madds / elapsed, elapsed, tiles, verified ? "true" : "false");
  return verified ? 0 : 1;
}
