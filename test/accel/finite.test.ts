// allFinite (lib/math/finite.ts) guards the coordinator against a diverged
// shard: it must say false for any NaN or infinity anywhere, and true for
// every finite value (-0, subnormals, the largest finite). The native one
// must answer as the TypeScript one, on every path, wherever the odd value
// sits (inside a vector, in the tail) and whatever n cuts off.
import { describe, expect, it } from 'vitest';
import { nativeAllFinite, nativeAvailable, type NativePath } from '../../lib/accel/native/native-kernels.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { allocFloat, type Float } from '../../lib/math/float.js';
import type { DType } from '../../lib/config.js';
import { onNativePath } from './native-path.js';

const DTYPES: DType[] = ['float32', 'float64'];
const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];
const BAD = [NaN, Infinity, -Infinity];
const EDGE = { float32: [0, -0, 1e-45, -3.4028234663852886e38, 1.1754942e-38], float64: [0, -0, 5e-324, -1.7976931348623157e308, 2.2250738585072014e-308] };

describe.each(DTYPES)('allFinite, %s', (dtype) => {
  const js = kernelsFor(dtype, 'js').allFinite;
  const checks: [string, (a: Float, n: number) => boolean][] = [['TypeScript', js]];
  const native = nativeAvailable() ? nativeAllFinite(dtype) : null;
  // Only the paths this CPU runs (onNativePath gives false for the others).
  if (native) for (const path of PATHS.filter((p) => onNativePath(p, () => true))) checks.push([`native ${path}`, (a, n) => onNativePath(path, () => native(a, n)) as boolean]);

  it('the TypeScript one: finite values pass (-0, subnormals, the extremes), NaN and infinities fail', () => {
    expect(js(Float64Array.from(EDGE[dtype]), 5)).toBe(true);
    expect(js(allocFloat(dtype, 0), 0)).toBe(true);
    for (const bad of BAD) expect(js(Float64Array.from([1, bad]), 2)).toBe(false);
  });

  it.each(checks)('%s: a NaN or an infinity at any position up to n fails, beyond n does not', (_name, check) => {
    const n = 37; // two vectors of 16 and a tail, or four of 8 and a tail
    const a = allocFloat(dtype, n + 3);
    for (let i = 0; i < a.length; i++) a[i] = EDGE[dtype][i % 5] + (i % 3);
    expect(check(a, n)).toBe(true);
    for (const bad of BAD) {
      for (let pos = 0; pos < a.length; pos++) {
        const b = a.slice();
        b[pos] = bad;
        expect(check(b, n), `${bad} at ${pos}`).toBe(pos >= n);
        expect(check(b, n), `${bad} at ${pos}`).toBe(js(b, n));
      }
    }
  });
});
