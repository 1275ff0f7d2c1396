// Converters for the messages that only appear nested in others
// (DatasetRef, EpochMetrics) and for parameter tensors, whose length and
// dtype are implied by the config they travel with.
import type { dpt } from '../../proto/gen/dpt.js';
import { WireError } from '../errors.js';
import type { TrainConfig } from '../config.js';
import { present, u32, u64 } from './field-checks.js';
import { paramCount } from './param-count.js';
import { bytesToTensor, elementTypeOf, tensorToBytes, type Tensor } from './tensor-bytes.js';
import type { DatasetRef, EpochMetrics } from './types.js';

const HEX64 = /^[0-9a-f]{64}$/;

export function datasetRefToProto(r: DatasetRef, what: string): dpt.DatasetRef.$Properties {
  if (!HEX64.test(r.sha256)) throw new WireError(what, `dataset.sha256 must be 64 lowercase hex digits, got ${JSON.stringify(r.sha256)}`);
  return {
    name: r.name,
    sha256: r.sha256,
    bytes: u64(r.bytes, what, 'dataset.bytes'),
    chunks: u32(r.chunks, what, 'dataset.chunks'),
    inputSize: u32(r.inputSize, what, 'dataset.inputSize'),
    numClasses: u32(r.numClasses, what, 'dataset.numClasses'),
    trainCount: u32(r.trainCount, what, 'dataset.trainCount'),
    testCount: u32(r.testCount, what, 'dataset.testCount'),
  };
}

export function datasetRefFromProto(p: dpt.DatasetRef.$Properties | null | undefined, what: string): DatasetRef {
  const r = present(p, what, 'dataset');
  const sha = r.sha256 ?? '';
  if (!HEX64.test(sha)) throw new WireError(what, `dataset.sha256 must be 64 lowercase hex digits, got ${JSON.stringify(sha)}`);
  return {
    name: r.name ?? '',
    sha256: sha,
    bytes: u64(r.bytes ?? 0, what, 'dataset.bytes'),
    chunks: r.chunks ?? 0,
    inputSize: r.inputSize ?? 0,
    numClasses: r.numClasses ?? 0,
    trainCount: r.trainCount ?? 0,
    testCount: r.testCount ?? 0,
  };
}

export function epochMetricsToProto(m: EpochMetrics, what: string): dpt.EpochMetrics.$Properties {
  return {
    epoch: u32(m.epoch, what, 'history.epoch'),
    trainError: m.trainError,
    trainAccuracy: m.trainAccuracy,
    testAccuracy: m.testAccuracy,
    seconds: m.seconds,
    samplesPerSecond: m.samplesPerSecond,
    steps: u32(m.steps, what, 'history.steps'),
    samples: m.samples,
  };
}

export function epochMetricsFromProto(p: dpt.EpochMetrics.$Properties): EpochMetrics {
  return {
    epoch: p.epoch ?? 0,
    trainError: p.trainError ?? 0,
    trainAccuracy: p.trainAccuracy ?? 0,
    testAccuracy: p.testAccuracy ?? 0,
    seconds: p.seconds ?? 0,
    samplesPerSecond: p.samplesPerSecond ?? 0,
    steps: p.steps ?? 0,
    samples: u64(p.samples ?? 0, 'EpochMetrics', 'samples'),
  };
}

/** Checks that `params` is the typed array and length `config` implies, then returns its bytes (zero-copy). */
export function paramsToBytes(params: Tensor, config: TrainConfig, what: string): Uint8Array {
  const expected = paramCount(config.structure, what);
  const dtype = elementTypeOf(params);
  if (dtype !== config.dtype) throw new WireError(what, `params are ${dtype} but config.dtype is ${config.dtype}`);
  if (params.length !== expected) {
    throw new WireError(
      what,
      `params has ${params.length} values but structure [${config.structure.join(', ')}] needs ${expected}`,
    );
  }
  return tensorToBytes(params);
}

export function paramsFromBytes(bytes: Uint8Array | null | undefined, config: TrainConfig, what: string): Tensor {
  const expected = paramCount(config.structure, what);
  const b = bytes ?? new Uint8Array(0);
  const size = config.dtype === 'float32' ? 4 : 8;
  if (b.byteLength !== expected * size) {
    throw new WireError(
      what,
      `params has ${b.byteLength} bytes but structure [${config.structure.join(', ')}] in ${config.dtype} ` +
        `needs ${expected} values (${expected * size} bytes)`,
    );
  }
  return bytesToTensor(b, config.dtype, expected, `${what}.params`);
}
