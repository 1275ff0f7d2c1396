// The C (native/fdlibm_exp.h) and WebAssembly (wasm/assembly/elementwise.ts)
// ports of V8's Math.exp must return exactly Math.exp's bits, NaN payloads
// included: the sigmoid kernels built on them promise the TypeScript bits.
// Inputs: 5M uniform doubles over [-750, 750], their float32 roundings
// (negated, as a float32 sigmoid feeds them), 1M random bit patterns, and
// every special value and branch boundary of fdlibm's e_exp.c.
import { beforeAll, describe, expect, it } from 'vitest';
import { nativeAvailable, nativeBestPath, nativeElementwisePath, nativeExp } from '../../lib/accel/native/native-kernels.js';
import { wasmAvailable, wasmExp } from '../../lib/accel/wasm/index.js';
import { ensureWasmBuilt } from '../wasm/build.js';
import { anyBits, bitDiffs, edgeCases, float32Feeds, reference, uniform, words } from './exp-cases.js';
import { onNativePath } from './native-path.js';

const N = 5_000_000;

const SETS: [string, () => Float64Array][] = [
  ['5M uniform doubles in [-750, 750]', () => uniform(N, 750, 1)],
  ['5M float32-rounded, negated (sigmoid feeds)', () => float32Feeds(uniform(N, 750, 2))],
  ['5M float32-rounded in [-20, 20], negated', () => float32Feeds(uniform(N, 20, 3))],
  ['1M random bit patterns', () => anyBits(1_000_000, 4)],
  ['special values and branch boundaries', () => edgeCases(5)],
];

function describeDiff(x: Float64Array, got: Float64Array, want: Float64Array): string {
  const d = bitDiffs(got, want);
  return d.first
    .map((i) => `exp(${x[i]} [${words(x[i]).map((w) => w.toString(16)).join(' ')}]) = ${got[i]} [${words(got[i]).map((w) => w.toString(16)).join(' ')}], Math.exp gives ${want[i]} [${words(want[i]).map((w) => w.toString(16)).join(' ')}]`)
    .join('\n');
}

const impls: [string, boolean, (out: Float64Array, x: Float64Array) => boolean][] = [
  // The best path (eight lanes at a time on AVX-512 CPUs, four on AVX2 ones), the avx2 one and the scalar one.
  ['native', nativeAvailable(), nativeExp],
  ['native (avx2 path)', nativeAvailable() && onNativePath('avx2', () => true) === true, (out, x) => onNativePath('avx2', () => nativeExp(out, x)) === true],
  ['native (portable path)', nativeAvailable(), (out, x) => onNativePath('portable', () => nativeExp(out, x)) === true],
  ['wasm', (ensureWasmBuilt(), wasmAvailable()), wasmExp],
];

describe.skipIf(!nativeAvailable())('native exp paths', () => {
  it('runs eight lanes at a time on the avx512 path, four on avx2 (their checks at load passed), one at a time on portable', () => {
    const best = nativeBestPath();
    expect(nativeElementwisePath()).toBe(best === 'portable' ? 'scalar' : best);
    expect(onNativePath('avx2', () => nativeElementwisePath())).toBe(best === 'portable' ? false : 'avx2');
    expect(onNativePath('portable', () => nativeElementwisePath())).toBe('scalar');
  });
});

for (const [name, available, port] of impls) {
  describe.skipIf(!available)(`${name} exp is V8's Math.exp bit for bit`, () => {
    beforeAll(() => {
      const probe = new Float64Array(1);
      if (!port(probe, new Float64Array([1]))) throw new Error(`${name} build has no exp entry point: rebuild it`);
    });
    for (const [label, make] of SETS) {
      it(label, () => {
        const x = make();
        const want = reference(x);
        const got = new Float64Array(x.length);
        expect(port(got, x)).toBe(true);
        const d = bitDiffs(got, want);
        if (d.count > 0) throw new Error(`${d.count} of ${x.length} differ:\n${describeDiff(x, got, want)}`);
        expect(d.count).toBe(0);
      });
    }
  });
}
