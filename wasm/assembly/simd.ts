// Small SIMD helpers shared by the kernels. T is f32 (4 lanes) or f64 (2).

/** Lanes of T in one 128-bit vector. */
// @ts-ignore: decorator (AssemblyScript)
@inline export function lanes<T>(): usize {
  return 16 / sizeof<T>();
}

/** Stores the first n lanes (1..lanes) of v at p; the other lanes are not written. */
// @ts-ignore: decorator (AssemblyScript)
@inline export function storeN<T>(p: usize, v: v128, n: usize): void {
  if (n == lanes<T>()) {
    v128.store(p, v);
  } else if (sizeof<T>() == 4) {
    v128.store32_lane(p, v, 0);
    if (n > 1) v128.store32_lane(p, v, 1, 4); // a lane store writes at p + immOffset
    if (n > 2) v128.store32_lane(p, v, 2, 8);
  } else {
    v128.store64_lane(p, v, 0);
  }
}
