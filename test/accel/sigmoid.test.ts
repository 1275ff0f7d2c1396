// The native and WebAssembly sigmoid kernels must give exactly the bytes of
// the TypeScript ones (kernelsFor(dtype, 'js').activations.sigmoid), both
// dtypes, over large random arrays and special values, including arrays
// that live in WebAssembly memory (used in place) and ones that do not.
import { describe, expect, it } from 'vitest';
import { nativeAvailable, nativeSigmoidKernels, type NativePath } from '../../lib/accel/native/native-kernels.js';
import { wasmAvailable, wasmSigmoidKernels } from '../../lib/accel/wasm/index.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { allocFloat, type Float } from '../../lib/math/float.js';
import type { DType } from '../../lib/config.js';
import type { ActivationKernels } from '../../lib/math/activation.js';
import { ensureWasmBuilt } from '../wasm/build.js';
import { onNativePath } from './native-path.js';
import { edgeCases, rng, uniform } from './exp-cases.js';

const DTYPES: DType[] = ['float32', 'float64'];
const N = 2_000_000;

function fromDoubles(dtype: DType, xs: Float64Array): Float {
  const a = allocFloat(dtype, xs.length);
  a.set(xs);
  return a;
}

/** Forward inputs: z over several scales, every exp edge case (and its float32 rounding), a in [0, 1]. */
function inputs(dtype: DType): Float[] {
  return [
    fromDoubles(dtype, uniform(N, 750, 11)),
    fromDoubles(dtype, uniform(N, 30, 12)),
    fromDoubles(dtype, uniform(N, 1, 13)),
    fromDoubles(dtype, edgeCases(14)),
  ];
}

/** Backward pairs (d, a): a from a sigmoid or arbitrary, d random; plus specials. */
function pairs(dtype: DType): [Float, Float][] {
  const g = rng(21);
  const specials = [0, -0, 1, -1, 0.5, Infinity, -Infinity, NaN, 1e-45, 1e-310, 3.4e38, -3.4e38, 1e300, 2 ** -149, 1 - 2 ** -24];
  const m = specials.length;
  const ds = allocFloat(dtype, m * m);
  const as = allocFloat(dtype, m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    ds[i * m + j] = specials[i];
    as[i * m + j] = specials[j];
  }
  const a1 = fromDoubles(dtype, uniform(N, 30, 22));
  kernelsFor(dtype, 'js').activations.sigmoid.forward(a1, N);
  const d1 = fromDoubles(dtype, uniform(N, 5, 23));
  const a2 = fromDoubles(dtype, uniform(N, 3, 24));
  const d2 = allocFloat(dtype, N);
  for (let i = 0; i < N; i++) d2[i] = (g() / 2 ** 32 - 0.5) * 2 ** ((g() % 80) - 40);
  return [[d1, a1], [d2, a2], [ds, as]];
}

function expectSameBytes(got: Float, want: Float): void {
  const a = Buffer.from(got.buffer, got.byteOffset, got.byteLength);
  const b = Buffer.from(want.buffer, want.byteOffset, want.byteLength);
  if (!a.equals(b)) {
    let bad = 0;
    const ex: string[] = [];
    for (let i = 0; i < got.length; i++) {
      if (!Object.is(got[i], want[i])) {
        if (ex.length < 5) ex.push(`[${i}] ${got[i]} vs ${want[i]}`);
        bad++;
      }
    }
    throw new Error(`${bad} of ${got.length} differ (or NaN payloads): ${ex.join(', ')}`);
  }
  expect(a.equals(b)).toBe(true);
}

function check(name: string, available: boolean, make: (dtype: DType) => ActivationKernels | null, alloc?: (dtype: DType, n: number) => Float): void {
  describe.skipIf(!available)(`${name} sigmoid gives the bytes of the TypeScript one`, () => {
    for (const dtype of DTYPES) {
      const place = (x: Float): Float => {
        if (!alloc) return x.slice();
        const y = alloc(dtype, x.length);
        y.set(x);
        return y;
      };
      it(`forward, ${dtype}`, () => {
        const k = make(dtype)!;
        expect(k).not.toBeNull();
        const js = kernelsFor(dtype, 'js').activations.sigmoid;
        let count = 0;
        for (const z of inputs(dtype)) {
          const want = z.slice();
          js.forward(want, want.length);
          const got = place(z);
          k.forward(got, got.length);
          expectSameBytes(got, want);
          // n shorter than the array: the tail is untouched
          const part = place(z);
          k.forward(part, 7);
          expectSameBytes(part.subarray(0, 7), want.subarray(0, 7));
          expectSameBytes(part.subarray(7, 100), z.subarray(7, 100));
          count += z.length;
        }
        expect(count).toBeGreaterThan(3 * N);
      });
      it(`backward, ${dtype}`, () => {
        const k = make(dtype)!;
        const js = kernelsFor(dtype, 'js').activations.sigmoid;
        for (const [d, a] of pairs(dtype)) {
          const want = d.slice();
          js.backward(want, a, a.length);
          const got = place(d);
          k.backward(got, place(a), a.length);
          expectSameBytes(got, want);
        }
      });
    }
  });
}

check('native', nativeAvailable(), nativeSigmoidKernels);
/** The native kernels forced onto `path`: avx2 runs four lanes at a time, portable the scalar kernels. */
function onPath(path: NativePath): (dtype: DType) => ActivationKernels | null {
  return (dtype) => {
    const k = nativeSigmoidKernels(dtype);
    return k && {
      forward: (a, n) => void onNativePath(path, () => k.forward(a, n)),
      backward: (d, a, n) => void onNativePath(path, () => k.backward(d, a, n)),
    };
  };
}
check('native (avx2 path)', nativeAvailable() && onNativePath('avx2', () => true) === true, onPath('avx2'));
check('native (portable path)', nativeAvailable(), onPath('portable'));
const wasmOk = (ensureWasmBuilt(), wasmAvailable());
check('wasm (copied arrays)', wasmOk, wasmSigmoidKernels);

// Arrays inside WebAssembly memory (wasmAllocFloat) are used in place, not copied.
describe.skipIf(!wasmOk)('wasm sigmoid on arena arrays (in place)', () => {
  it('forward and backward, both dtypes', async () => {
    const { wasmAllocFloat } = await import('../../lib/accel/wasm/index.js');
    for (const dtype of DTYPES) {
      const n = 100_003;
      const k = wasmSigmoidKernels(dtype)!;
      const js = kernelsFor(dtype, 'js').activations.sigmoid;
      const z = fromDoubles(dtype, uniform(n, 40, 31));
      const a = wasmAllocFloat(dtype, n);
      a.set(z);
      expect(a.buffer).not.toBe(z.buffer);
      const want = z.slice();
      js.forward(want, n);
      k.forward(a, n);
      expectSameBytes(a, want);
      const d = wasmAllocFloat(dtype, n);
      d.set(fromDoubles(dtype, uniform(n, 3, 32)));
      const wantD = d.slice();
      js.backward(wantD, want, n);
      k.backward(d, a, n);
      expectSameBytes(d, wantD);
    }
  });
});
