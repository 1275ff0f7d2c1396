import { randomBytes } from 'node:crypto';
import $protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { dpt } from '../../proto/gen/dpt.js';
import {
  decodeShardResult,
  decodeWeightsSnapshot,
  encodeShardResult,
  encodeShardResultParts,
  encodeWeightsSnapshot,
  encodeWeightsSnapshotParts,
} from '../../lib/wire/codecs.js';
import { crc32, crc32Table, joinParts, TENSOR_ALIGN, varintLength, tensorToBytes } from '../../lib/wire/tensors.js';
import type { ShardResult } from '../../lib/wire/types.js';
import { specialTensor } from './fixtures.js';

/** The tensor's byte offset in an encoded message: where its bytes are found (they are unique random bytes). */
function offsetOf(message: Uint8Array, tensor: Uint8Array): number {
  return Buffer.from(message.buffer, message.byteOffset, message.byteLength).indexOf(Buffer.from(tensor.buffer, tensor.byteOffset, tensor.byteLength));
}

function randomTensor(dtype: 'float32' | 'float64', n: number): Float32Array | Float64Array {
  const bytes = randomBytes(n * (dtype === 'float64' ? 8 : 4));
  return dtype === 'float64' ? new Float64Array(bytes.buffer, bytes.byteOffset, n) : new Float32Array(bytes.buffer, bytes.byteOffset, n);
}

describe('tensor messages in two parts', () => {
  it('varintLength agrees with protobufjs at every length boundary', () => {
    for (const n of [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 32 - 1]) {
      expect(varintLength(n), String(n)).toBe($protobuf.Writer.create().uint32(n).finish().length);
    }
  });

  it('the parts join into a ShardResult the generated decoder reads, the tensor last and 8-aligned, for any head size', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const [nameLen, step, n] of [[0, 0, 1], [1, 127, 3], [7, 128, 31], [40, 16384, 257], [200, 2 ** 31, 25450]]) {
        const gradient = randomTensor(dtype, n);
        const r: ShardResult = {
          runId: 'r'.repeat(nameLen), step, shard: nameLen, shardCount: 1, version: step, samples: 16, errorSum: 1.5, correct: 3,
          gradient, worker: 'w'.repeat(nameLen + 3),
        };
        const parts = encodeShardResultParts(r);
        expect(parts).toHaveLength(2);
        // The second part is the caller's tensor memory itself: nothing copied.
        expect(parts[1].buffer).toBe(gradient.buffer);
        const joined = joinParts(parts);
        expect(offsetOf(joined, parts[1])).toBe(parts[0].length);
        expect(parts[0].length % TENSOR_ALIGN, `${dtype} head ${parts[0].length}`).toBe(0);
        const m = dpt.ShardResult.decode(joined);
        expect(Buffer.from(m.gradient).equals(Buffer.from(tensorToBytes(gradient)))).toBe(true);
        expect(m.pad.every((b) => b === 0)).toBe(true);
        expect({ runId: m.runId, step: m.step, worker: m.worker, crc32: m.crc32 }).toEqual({
          runId: r.runId, step: r.step, worker: r.worker, crc32: crc32Table(tensorToBytes(gradient)),
        });
        expect(Buffer.from(encodeShardResult(r)).equals(Buffer.from(joined))).toBe(true);
      }
    }
  });

  it('WeightsSnapshot parts: the same, and a decoder reading an aligned buffer views the params in place', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const params = specialTensor(dtype, 1001);
      const parts = encodeWeightsSnapshotParts({ runId: 'run-x', version: 300, params });
      expect(parts[1].buffer).toBe(params.buffer);
      expect(parts[0].length % TENSOR_ALIGN).toBe(0);
      const joined = joinParts(parts); // a fresh Uint8Array: offset 0 of its own buffer
      const back = decodeWeightsSnapshot(joined, { dtype, paramCount: 1001 });
      expect(back.params.buffer).toBe(joined.buffer); // no copy
      expect(Buffer.from(tensorToBytes(back.params)).equals(Buffer.from(tensorToBytes(params)))).toBe(true);
      expect(Buffer.from(encodeWeightsSnapshot({ runId: 'run-x', version: 300, params })).equals(Buffer.from(joined))).toBe(true);
    }
  });

  it('a ShardResult read from a misaligned buffer is copied, and still exact', () => {
    const gradient = specialTensor('float64', 9);
    const joined = encodeShardResult({ runId: 'r', step: 1, shard: 0, shardCount: 1, version: 1, samples: 1, errorSum: 0, correct: 0, gradient, worker: 'w' });
    const shifted = new Uint8Array(joined.length + 3).subarray(3);
    shifted.set(joined);
    const back = decodeShardResult(shifted, { dtype: 'float64', paramCount: 9 });
    expect(back.gradient.buffer).not.toBe(shifted.buffer);
    expect(Buffer.from(tensorToBytes(back.gradient)).equals(Buffer.from(tensorToBytes(gradient)))).toBe(true);
  });
});

describe('crc32', () => {
  it('is the IEEE CRC-32 (check value of "123456789" is 0xcbf43926)', () => {
    const check = new TextEncoder().encode('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(crc32Table(check)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('the fast path equals the table reference on random data of awkward lengths', () => {
    for (const n of [1, 3, 15, 16, 17, 255, 4096, 101800]) {
      const b = randomBytes(n);
      expect(crc32(b), String(n)).toBe(crc32Table(b));
    }
  });
});
