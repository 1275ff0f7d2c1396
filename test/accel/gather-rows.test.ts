// The native gatherRows (native/gather.h: rows prefetched ahead) must store
// what the TypeScript kernel (TypedArray.set per row) stores, for every row
// width and batch size (fewer and more rows than it prefetches ahead), both
// dtypes, indices as a Uint32Array or a job's JSON array. It reads memory
// by index, so every index is checked before anything is written.
// gatherDivided (each row divided right after it is copied) must store what
// gatherRows followed by the TypeScript divideInPlace stores, on every
// native path.
import { describe, expect, it } from 'vitest';
import { nativeAvailable, nativeGatherDivided, nativeGatherRows, nativePrefetchRows, type NativePath } from '../../lib/accel/native/native-kernels.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { onNativePath } from './native-path.js';
import { gatherRows } from '../../lib/math/gather-rows.js';
import { allocFloat, type Float } from '../../lib/math/float.js';
import type { DType } from '../../lib/config.js';
import { rng } from './exp-cases.js';

const DTYPES: DType[] = ['float32', 'float64'];
const WIDTHS = [1, 3, 31, 33, 64, 257, 784];
const ROWS = [0, 1, 5, 8, 9, 300];

function bytes(n: number, seed: number): Uint8Array {
  const g = rng(seed);
  return new Uint8Array(n).map(() => g() & 255);
}

function sameBytes(got: Float, want: Float): boolean {
  return Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength));
}

describe.skipIf(!nativeAvailable())('native gatherRows', () => {
  for (const dtype of DTYPES) {
    it(`stores what the TypeScript kernel stores (${dtype})`, () => {
      const native = nativeGatherRows(dtype)!;
      expect(native).not.toBeNull();
      for (const d of WIDTHS) {
        const count = 97;
        const src = bytes(count * d, d);
        const g = rng(1000 + d);
        for (const rows of ROWS) {
          const list = Array.from({ length: rows }, () => g() % count);
          list[0] = count - 1; // the last row, read to its last byte
          const want = allocFloat(dtype, rows * d + 3).fill(-1);
          gatherRows(want, src, list, rows, d);
          for (const indices of [list, Uint32Array.from(list)]) {
            const got = allocFloat(dtype, rows * d + 3).fill(-1); // past the batch: untouched
            native(got, src, indices, rows, d);
            expect(sameBytes(got, want), `d ${d}, ${rows} rows, ${indices.constructor.name}`).toBe(true);
          }
        }
      }
    });
  }

  it('checks every index before writing anything', () => {
    const native = nativeGatherRows('float32')!;
    const src = bytes(10 * 4, 7);
    const dst = new Float32Array(3 * 4).fill(-1);
    expect(() => native(dst, src, Uint32Array.from([0, 9, 10]), 3, 4)).toThrow(/indices\[2\] is 10, but src holds 10 rows of 4 values/);
    expect(() => native(dst, src, [0, -1, 2], 3, 4)).toThrow(RangeError);
    expect(() => native(dst, src, [0, 1.5, 2], 3, 4)).toThrow(/indices\[1\] is 1.5/);
    expect(Array.from(dst).every((x) => x === -1)).toBe(true);
    // A row that is only partly in src: the row count is what fits whole.
    expect(() => native(dst, src.subarray(0, 39), [9], 1, 4)).toThrow(/src holds 9 rows/);
  });

  it('refuses a dst too short or sharing memory with src or the indices', () => {
    const native = nativeGatherRows('float32')!;
    const src = bytes(40, 8);
    expect(() => native(new Float32Array(7), src, [0, 1], 2, 4)).toThrow(/dst has 7 elements, needs at least 8/);
    expect(() => native(new Float32Array(8), src, new Uint32Array(1), 2, 4)).toThrow(/indices has 1 elements/);
    const shared = new ArrayBuffer(64);
    expect(() => native(new Float32Array(shared, 0, 8), new Uint8Array(shared, 16, 48), [0, 1], 2, 4)).toThrow(/dst must not overlap src/);
    expect(() => native(new Float32Array(shared, 0, 8), src, new Uint32Array(shared, 16, 2), 2, 4)).toThrow(/dst must not overlap indices/);
  });

  it('leaves sources other than bytes to the TypeScript kernel, with the same result', () => {
    const native = nativeGatherRows('float64')!;
    const src = Float64Array.from({ length: 30 }, (_, i) => i * 0.1 - 1);
    const want = new Float64Array(6);
    gatherRows(want, src, [4, 0], 2, 3);
    const got = new Float64Array(6);
    native(got, src, [4, 0], 2, 3);
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});

describe.skipIf(!nativeAvailable())('native gatherDivided', () => {
  const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];
  const DIVISORS = [255, 3, 65535, 0.1, 1 / 3, 1e-40, 0];
  for (const path of PATHS) {
    for (const dtype of DTYPES) {
      it(`stores what gatherRows then the TypeScript divideInPlace store (${path} path, ${dtype})`, () => {
        const native = nativeGatherDivided(dtype)!;
        expect(native).not.toBeNull();
        const divide = kernelsFor(dtype, 'js').divideInPlace;
        onNativePath(path, () => {
          for (const d of WIDTHS) {
            const count = 97;
            const src = bytes(count * d, d);
            src[0] = 0;
            src[1 % src.length] = 255;
            const g = rng(2000 + d);
            for (const rows of ROWS) {
              const list = Array.from({ length: rows }, () => g() % count);
              list[0] = count - 1;
              for (const divisor of DIVISORS) {
                const want = allocFloat(dtype, rows * d + 3).fill(-1);
                gatherRows(want, src, list, rows, d);
                divide(want, rows * d, divisor);
                for (const indices of [list, Uint32Array.from(list)]) {
                  const got = allocFloat(dtype, rows * d + 3).fill(-1); // past the batch: untouched
                  native(got, src, indices, rows, d, divisor);
                  expect(sameBytes(got, want), `d ${d}, ${rows} rows, divisor ${divisor}, ${indices.constructor.name}`).toBe(true);
                }
              }
            }
          }
        });
      });
    }
  }

  it('checks its indices as gatherRows does, and divides other sources as divideInPlace does', () => {
    const native = nativeGatherDivided('float32')!;
    const dst = new Float32Array(8).fill(-1);
    expect(() => native(dst, bytes(40, 9), Uint32Array.from([0, 10]), 2, 4, 255)).toThrow(/indices\[1\] is 10/);
    expect(Array.from(dst).every((x) => x === -1)).toBe(true);
    const src = Int32Array.from({ length: 12 }, (_, i) => i * 1000);
    const want = new Float32Array(8);
    gatherRows(want, src, [2, 0], 2, 4);
    kernelsFor('float32', 'js').divideInPlace(want, 8, 7);
    native(dst, src, [2, 0], 2, 4, 7);
    expect(sameBytes(dst, want)).toBe(true);
  });
});

describe.skipIf(!nativeAvailable())('native prefetchRows', () => {
  it('reads nothing out of bounds, writes nothing and ignores what it cannot prefetch', () => {
    const prefetch = nativePrefetchRows()!;
    expect(prefetch).not.toBeNull();
    const src = bytes(10 * 784, 5);
    const before = src.slice();
    prefetch(src, Uint32Array.from([0, 9, 10, 2 ** 32 - 1]), 4, 784);
    prefetch(src, Uint32Array.from([3]), 5, 784); // more rows than indices: only the indices
    prefetch(src, [1, 2], 2, 784); // not a Uint32Array: not prefetched
    prefetch(new Float64Array(8), Uint32Array.from([0]), 1, 8);
    expect(src).toEqual(before);
  });
});
