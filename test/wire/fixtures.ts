// Shared test values for the wire tests: a tiny config and tensors holding
// the values most likely to be mangled by a lossy path (-0, NaN payloads,
// subnormals, infinities).
import type { TrainConfig } from '../../lib/config.js';
import { paramCount } from '../../lib/wire/fields.js';
import type { Checkpoint, DatasetRef, EpochMetrics, Model } from '../../lib/wire/types.js';

export function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    dataset: 'parity',
    structure: [4, 3, 2],
    epochs: 3,
    batchSize: 8,
    shardSize: 4,
    eta: 0.5,
    seed: 4_000_000_000,
    activation: 'sigmoid',
    loss: 'cross-entropy',
    init: 'xavier',
    dtype: 'float64',
    inputScaling: 'unit',
    trainLimit: 0,
    testLimit: 100,
    maxSteps: 0,
    ...overrides,
  };
}

/** [4, 3, 2]: 3*4 + 3 + 2*3 + 2. */
export const PARAMS = 23;

/** Bit patterns that must survive byte-exactly. */
const F64_BITS = [
  0x8000000000000000n, // -0
  0x7ff8000000000123n, // quiet NaN with a payload
  0x7ff0000000000001n, // signalling NaN
  0xfff8000000000000n, // negative NaN
  0x0000000000000001n, // smallest subnormal
  0x000fffffffffffffn, // largest subnormal
  0x7ff0000000000000n, // +Infinity
  0xfff0000000000000n, // -Infinity
];
const F32_BITS = [0x80000000, 0x7fc00123, 0x7f800001, 0xffc00000, 0x00000001, 0x007fffff, 0x7f800000, 0xff800000];

export function specialTensor(dtype: 'float32' | 'float64', n = PARAMS): Float32Array | Float64Array {
  const t = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const dv = new DataView(t.buffer);
  for (let i = 0; i < n; i++) {
    if (i < F64_BITS.length) {
      // Set bits through a DataView: assigning a NaN element could canonicalize it.
      if (dtype === 'float64') dv.setBigUint64(i * 8, F64_BITS[i], true);
      else dv.setUint32(i * 4, F32_BITS[i], true);
    } else {
      t[i] = (i - 11.25) / 7;
    }
  }
  return t;
}

export function hex(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

export const DATASET_REF: DatasetRef = {
  name: 'parity',
  sha256: 'ab'.repeat(32),
  bytes: 2 ** 40 + 7, // above 2^32: must survive as uint64
  chunks: 3,
  inputSize: 4,
  numClasses: 2,
  trainCount: 1000,
  testCount: 100,
};

export const HISTORY: EpochMetrics[] = [
  { epoch: 0, trainError: 0.25, trainAccuracy: 0.5, testAccuracy: 0.625, seconds: 1.5, samplesPerSecond: 666.5, steps: 125, samples: 1000 },
  { epoch: 1, trainError: 0.125, trainAccuracy: 0.75, testAccuracy: 0.875, seconds: 1.25, samplesPerSecond: 800, steps: 125, samples: 1000 },
];

export function model(dtype: 'float32' | 'float64' = 'float64'): Model {
  const c = config({ dtype });
  return { config: c, params: specialTensor(dtype, paramCount(c.structure)), dataset: DATASET_REF, history: HISTORY, reduction: 'pairwise-tree-v1' };
}

export function checkpoint(dtype: 'float32' | 'float64' = 'float32'): Checkpoint {
  const c = config({ dtype });
  return {
    runId: 'run-1',
    config: c,
    dataset: DATASET_REF,
    nextEpoch: 2,
    nextStep: 250,
    version: 250,
    params: specialTensor(dtype, paramCount(c.structure)),
    history: HISTORY,
    reduction: 'pairwise-tree-v1',
    seconds: 2.75,
    samples: 2 ** 45 + 1,
    initFrom: { file: 'runs/first/model.safetensors', sha256: 'ab'.repeat(32) },
  };
}
