// One source per kernel, one compiled copy per dtype.
//
// A kernel is written once against a rounding function `R` declared at the
// top of its own module (identity there; Math.fround for float32, identity
// for float64 once specialised). Passing R as an argument, or building
// closures from one factory, makes V8 share one optimised body between both
// dtypes; that body goes polymorphic and several times slower. Re-compiling
// the kernel's own source gives each dtype a separate function that V8
// optimises, with R inlined, on its own.
//
// So kernel bodies must be self-contained: their arguments, R, and globals
// such as Math. R must be module-local (not imported): test runners rewrite
// imported names, which would break the recompiled source.

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function specialise<F extends Function>(kernel: F, round: (x: number) => number): F {
  const source = kernel.toString();
  return new Function('R', `"use strict"; return (${source});`)(round) as F;
}
