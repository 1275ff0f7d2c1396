import { describe, expect, it } from 'vitest';
import { WireError } from '../../lib/errors.js';
import { bytesToArray, bytesToTensor, sha256, tensorToBytes } from '../../lib/wire/tensors.js';
import { hex, specialTensor } from './fixtures.js';

describe('tensorToBytes', () => {
  it('is a zero-copy little-endian view', () => {
    const t = new Float32Array([1, -2]);
    const b = tensorToBytes(t);
    expect(b.buffer).toBe(t.buffer);
    expect(hex(b)).toBe('0000803f000000c0');
  });

  it('views only the sub-range of a subarray', () => {
    const big = new Float64Array([1, 2, 3, 4]);
    const b = tensorToBytes(big.subarray(1, 3));
    expect(b.byteOffset).toBe(8);
    expect(b.byteLength).toBe(16);
  });
});

describe('bytesToTensor', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`round-trips -0, NaN payloads, subnormals and infinities byte-exactly (${dtype})`, () => {
      const t = specialTensor(dtype);
      const back = bytesToTensor(Buffer.from(tensorToBytes(t)), dtype, t.length, 'x');
      expect(back).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
      expect(hex(back)).toBe(hex(t));
      expect(Object.is(back[0], -0)).toBe(true);
    });

    it(`copies from a misaligned Buffer offset and views an aligned one (${dtype})`, () => {
      const t = specialTensor(dtype);
      const size = t.BYTES_PER_ELEMENT;
      for (let offset = 0; offset < 9; offset++) {
        const backing = Buffer.alloc(offset + t.byteLength + 3, 0xee);
        backing.set(tensorToBytes(t), offset);
        const bytes = backing.subarray(offset, offset + t.byteLength);
        const back = bytesToTensor(bytes, dtype, t.length, 'x');
        expect(hex(back)).toBe(hex(t));
        const aligned = (bytes.byteOffset % size) === 0;
        expect(back.buffer === bytes.buffer).toBe(aligned);
      }
    });
  }

  it('throws WireError naming `what` when the length is wrong', () => {
    const bytes = new Uint8Array(12);
    expect(() => bytesToTensor(bytes, 'float64', 2, 'ShardResult.gradient')).toThrow(WireError);
    expect(() => bytesToTensor(bytes, 'float64', 2, 'ShardResult.gradient')).toThrow(
      /^ShardResult\.gradient: expected 2 float64 values \(16 bytes\), got 12 bytes$/,
    );
    expect(() => bytesToTensor(new Uint8Array(7), 'float32', 2, 'x')).toThrow(WireError);
    expect(() => bytesToTensor(new Uint8Array(0), 'float32', -1, 'x')).toThrow(WireError);
  });

  it('reads every dataset element type, copying when misaligned', () => {
    const src = new Int16Array([-1, 2, -32768]);
    const backing = Buffer.alloc(7);
    backing.set(new Uint8Array(src.buffer), 1);
    const back = bytesToArray(backing.subarray(1), 'int16', 3, 'x');
    expect(Array.from(back)).toEqual([-1, 2, -32768]);
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-2 "abc" vector and returns a plain 32-byte Uint8Array', () => {
    const d = sha256(new TextEncoder().encode('abc'));
    expect(d.byteLength).toBe(32);
    expect(hex(d)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
