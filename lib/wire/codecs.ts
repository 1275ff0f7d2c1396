// Encode/decode for every top-level message of proto/dpt.proto, between
// bytes and the plain types in types.ts. Encoders check fields (protobufjs
// would coerce silently); decoders check that what arrived is usable (config
// enums, tensor lengths, checksums) and throw WireError naming the message
// otherwise.
//
// Decoded tensors may be views into the input bytes (zero-copy when aligned):
// do not reuse or mutate an input buffer after decoding it.

import { dpt } from '../../proto/gen/dpt.js';
import { DISPATCHES, DTYPES } from '../config.js';
import type { Dataset, Split } from '../data/dataset.js';
import { WireError } from '../errors.js';
import {
  configFromProto, configToProto, datasetRefFromProto, datasetRefToProto, decodeMessage, encodeMessage, encodeTensorMessage,
  epochMetricsFromProto, epochMetricsToProto, oneOf, paramCount, paramsFromBytes, paramsToBytes, present, u32, u64,
} from './fields.js';
import {
  arrayToBytes, bytesToArray, bytesToTensor, crc32, elementTypeOf, isElementType, joinParts, sha256Hex, tensorMessageParts, tensorToBytes,
  type ElementType, type Tensor,
} from './tensors.js';
import type { Checkpoint, DatasetRef, Model, RunSpec, ShardFailure, ShardResult, TensorExpectation, WeightsSnapshot } from './types.js';

// ---- RunSpec

export function encodeRunSpec(s: RunSpec): Uint8Array {
  const what = 'RunSpec';
  return encodeMessage(what, dpt.RunSpec, () => {
    const config = configToProto(s.config, `${what}.config`);
    const expected = paramCount(s.config.structure, what);
    if (s.paramCount !== expected) {
      throw new WireError(what, `paramCount ${s.paramCount} does not match structure (${expected})`);
    }
    const dispatch = oneOf(s.dispatch, DISPATCHES, what, 'dispatch');
    return { runId: s.runId, config, dataset: datasetRefToProto(s.dataset, what), paramCount: expected, createdBy: s.createdBy, dispatch };
  });
}

export function decodeRunSpec(bytes: Uint8Array): RunSpec {
  const what = 'RunSpec';
  return decodeMessage(what, dpt.RunSpec, bytes, (m) => {
    const config = configFromProto(present(m.config, what, 'config'), `${what}.config`);
    const expected = paramCount(config.structure, what);
    if (m.paramCount !== expected) {
      throw new WireError(what, `paramCount ${m.paramCount} does not match structure (${expected})`);
    }
    // A spec written before the field existed means BullMQ, the only dispatch there was.
    const dispatch = oneOf(m.dispatch === '' ? 'bullmq' : m.dispatch, DISPATCHES, what, 'dispatch');
    return { runId: m.runId, config, dataset: datasetRefFromProto(m.dataset, what), paramCount: expected, createdBy: m.createdBy, dispatch };
  });
}

// ---- Tensors with a checksum (ShardResult.gradient, WeightsSnapshot.params)

const hex32 = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** Field numbers of the pad and the tensor, as in proto/dpt.proto (a test decodes the parts with the generated code). */
const SHARD_RESULT_FIELDS = { pad: 11, tensor: 8 };
const WEIGHTS_SNAPSHOT_FIELDS = { pad: 6, tensor: 4 };

function checkedTensor(
  bytes: Uint8Array,
  checksum: number,
  expect: TensorExpectation,
  what: string,
  field: string,
): Tensor {
  const t = bytesToTensor(bytes, expect.dtype, expect.paramCount, `${what}.${field}`);
  const actual = crc32(bytes);
  if (actual !== checksum) {
    throw new WireError(what, `${field} crc32 mismatch: message says ${hex32(checksum)}, bytes give ${hex32(actual)} (damaged or truncated in transit?)`);
  }
  return t;
}

// ---- ShardResult

/**
 * The message as [head, gradient bytes] (see tensor-message.ts): the
 * gradient part is a view of `r.gradient`, not a copy, so it must not change
 * until the parts have been sent.
 */
export function encodeShardResultParts(r: ShardResult): Uint8Array[] {
  const what = 'ShardResult';
  return encodeTensorMessage(what, () => {
    const gradient = tensorToBytes(r.gradient);
    const rest = {
      runId: r.runId,
      step: u32(r.step, what, 'step'),
      shard: u32(r.shard, what, 'shard'),
      shardCount: u32(r.shardCount, what, 'shardCount'),
      version: u32(r.version, what, 'version'),
      samples: u32(r.samples, what, 'samples'),
      errorSum: r.errorSum,
      correct: u32(r.correct, what, 'correct'),
      crc32: crc32(gradient),
      worker: r.worker,
      computeSeconds: r.computeSeconds ?? 0,
      host: r.host ?? '',
    };
    return tensorMessageParts((w) => dpt.ShardResult.encode(rest, w), SHARD_RESULT_FIELDS, gradient);
  });
}

export function encodeShardResult(r: ShardResult): Uint8Array {
  return joinParts(encodeShardResultParts(r));
}

/** `expect` is the run's dtype and parameter count: the message alone cannot say how long the gradient must be. */
export function decodeShardResult(bytes: Uint8Array, expect: TensorExpectation): ShardResult {
  const what = 'ShardResult';
  return decodeMessage(what, dpt.ShardResult, bytes, (m) => ({
    runId: m.runId,
    step: m.step,
    shard: m.shard,
    shardCount: m.shardCount === 0 ? 1 : m.shardCount,
    version: m.version,
    samples: m.samples,
    errorSum: m.errorSum,
    correct: m.correct,
    gradient: checkedTensor(m.gradient, m.crc32, expect, what, 'gradient'),
    worker: m.worker,
    computeSeconds: m.computeSeconds,
    host: m.host,
  }));
}

// ---- WeightsSnapshot

/** As encodeShardResultParts: [head, a view of `s.params`]. */
export function encodeWeightsSnapshotParts(s: WeightsSnapshot): Uint8Array[] {
  const what = 'WeightsSnapshot';
  return encodeTensorMessage(what, () => {
    const params = tensorToBytes(s.params);
    const rest = {
      runId: s.runId,
      version: u32(s.version, what, 'version'),
      dtype: elementTypeOf(s.params),
      crc32: crc32(params),
    };
    return tensorMessageParts((w) => dpt.WeightsSnapshot.encode(rest, w), WEIGHTS_SNAPSHOT_FIELDS, params);
  });
}

export function encodeWeightsSnapshot(s: WeightsSnapshot): Uint8Array {
  return joinParts(encodeWeightsSnapshotParts(s));
}

export function decodeWeightsSnapshot(bytes: Uint8Array, expect: TensorExpectation): WeightsSnapshot {
  const what = 'WeightsSnapshot';
  return decodeMessage(what, dpt.WeightsSnapshot, bytes, (m) => {
    const dtype = oneOf(m.dtype, DTYPES, what, 'dtype');
    if (dtype !== expect.dtype) throw new WireError(what, `dtype is ${dtype} but the run uses ${expect.dtype}`);
    return { runId: m.runId, version: m.version, params: checkedTensor(m.params, m.crc32, expect, what, 'params') };
  });
}

// ---- ShardFailure

/** Longest reason kept: a notice is a one-line explanation, not a log dump. */
const MAX_REASON = 1000;

export function encodeShardFailure(f: ShardFailure): Uint8Array {
  const what = 'ShardFailure';
  return encodeMessage(what, dpt.ShardFailure, () => ({
    runId: f.runId,
    step: u32(f.step, what, 'step'),
    shard: u32(f.shard, what, 'shard'),
    reason: f.reason.replace(/\s+/g, ' ').slice(0, MAX_REASON),
    worker: f.worker,
  }));
}

export function decodeShardFailure(bytes: Uint8Array): ShardFailure {
  const what = 'ShardFailure';
  return decodeMessage(what, dpt.ShardFailure, bytes, (m) => ({ runId: m.runId, step: m.step, shard: m.shard, reason: m.reason, worker: m.worker }));
}

// ---- Model

export function encodeModel(model: Model): Uint8Array {
  const what = 'Model';
  return encodeMessage(what, dpt.Model, () => ({
    config: configToProto(model.config, `${what}.config`),
    params: paramsToBytes(model.params, model.config, what),
    dataset: datasetRefToProto(model.dataset, what),
    history: model.history.map((h) => epochMetricsToProto(h, what)),
    reduction: model.reduction,
  }));
}

export function decodeModel(bytes: Uint8Array): Model {
  const what = 'Model';
  return decodeMessage(what, dpt.Model, bytes, (m) => {
    const config = configFromProto(present(m.config, what, 'config'), `${what}.config`);
    return {
      config,
      params: paramsFromBytes(m.params, config, what),
      dataset: datasetRefFromProto(m.dataset, what),
      history: m.history.map(epochMetricsFromProto),
      reduction: m.reduction,
    };
  });
}

// ---- Checkpoint

export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const what = 'Checkpoint';
  return encodeMessage(what, dpt.Checkpoint, () => ({
    runId: c.runId,
    config: configToProto(c.config, `${what}.config`),
    dataset: datasetRefToProto(c.dataset, what),
    nextEpoch: u32(c.nextEpoch, what, 'nextEpoch'),
    nextStep: u32(c.nextStep, what, 'nextStep'),
    version: u32(c.version, what, 'version'),
    params: paramsToBytes(c.params, c.config, what),
    history: c.history.map((h) => epochMetricsToProto(h, what)),
    seconds: c.seconds,
    samples: u64(c.samples, what, 'samples'),
    reduction: c.reduction,
    initSha256: c.initFrom?.sha256 ?? '',
    initFile: c.initFrom?.file ?? '',
  }));
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const what = 'Checkpoint';
  return decodeMessage(what, dpt.Checkpoint, bytes, (m) => {
    const config = configFromProto(present(m.config, what, 'config'), `${what}.config`);
    return {
      runId: m.runId,
      config,
      dataset: datasetRefFromProto(m.dataset, what),
      nextEpoch: m.nextEpoch,
      nextStep: m.nextStep,
      version: m.version,
      params: paramsFromBytes(m.params, config, what),
      history: m.history.map(epochMetricsFromProto),
      seconds: m.seconds,
      samples: u64(m.samples, what, 'samples'),
      reduction: m.reduction,
      initFrom: m.initSha256 ? { file: m.initFile, sha256: m.initSha256 } : null,
    };
  });
}

// ---- DatasetBlob <-> Dataset (lib/data/dataset.ts). Inputs keep their stored
// element type (bytes for MNIST) so the blob is as small as the source; the
// input_type field says how to read them back.

const WHAT = 'DatasetBlob';

function checkSplit(split: Split, name: string, inputSize: number, numClasses: number, inputType: ElementType): void {
  if (split.labels.length !== split.count) {
    throw new WireError(WHAT, `${name}: ${split.labels.length} labels for ${split.count} samples`);
  }
  if (split.inputs.length !== split.count * inputSize) {
    throw new WireError(WHAT, `${name}: ${split.inputs.length} input values, expected ${split.count} x ${inputSize}`);
  }
  if (elementTypeOf(split.inputs) !== inputType) {
    throw new WireError(WHAT, `${name} inputs are ${elementTypeOf(split.inputs)} but train inputs are ${inputType}`);
  }
  for (let i = 0; i < split.labels.length; i++) {
    if (split.labels[i] >= numClasses) {
      throw new WireError(WHAT, `${name} label ${i} is ${split.labels[i]}, not below numClasses ${numClasses}`);
    }
  }
}

export function encodeDatasetBlob(d: Dataset): Uint8Array {
  return encodeMessage(WHAT, dpt.DatasetBlob, () => {
    const inputType = elementTypeOf(d.train.inputs);
    checkSplit(d.train, 'train', d.inputSize, d.numClasses, inputType);
    checkSplit(d.test, 'test', d.inputSize, d.numClasses, inputType);
    return {
      name: d.name,
      inputSize: u32(d.inputSize, WHAT, 'inputSize'),
      numClasses: u32(d.numClasses, WHAT, 'numClasses'),
      maxValue: d.maxValue,
      inputType,
      trainInputs: arrayToBytes(d.train.inputs),
      trainLabels: d.train.labels,
      testInputs: arrayToBytes(d.test.inputs),
      testLabels: d.test.labels,
    };
  });
}

function splitFrom(inputs: Uint8Array, labels: Uint8Array, name: string, m: dpt.DatasetBlob, type: ElementType): Split {
  const count = labels.byteLength;
  const split: Split = {
    count,
    inputs: bytesToArray(inputs, type, count * m.inputSize, `${WHAT}.${name}Inputs`),
    // A plain Uint8Array view, not the Buffer protobufjs hands out (Buffer's
    // slice/toString semantics differ from what the rest of dpt expects).
    labels: bytesToArray(labels, 'uint8', count, `${WHAT}.${name}Labels`),
  };
  checkSplit(split, name, m.inputSize, m.numClasses, type);
  return split;
}

export function decodeDatasetBlob(bytes: Uint8Array): Dataset {
  return decodeMessage(WHAT, dpt.DatasetBlob, bytes, (m) => {
    if (!isElementType(m.inputType)) throw new WireError(WHAT, `unknown inputType ${JSON.stringify(m.inputType)}`);
    if (m.inputSize < 1 || m.numClasses < 1) {
      throw new WireError(WHAT, `inputSize (${m.inputSize}) and numClasses (${m.numClasses}) must be positive`);
    }
    return {
      name: m.name,
      inputSize: m.inputSize,
      numClasses: m.numClasses,
      maxValue: m.maxValue,
      train: splitFrom(m.trainInputs, m.trainLabels, 'train', m, m.inputType),
      test: splitFrom(m.testInputs, m.testLabels, 'test', m, m.inputType),
    };
  });
}

// ---- A dataset's identity is the SHA-256 of its encoded DatasetBlob: what the
// coordinator uploads, what workers verify, what a model file records. The
// blob is encoded with an empty name, so the identity is the content alone:
// the embedded MNIST and a folder holding the same IDX files are one dataset.
// Encoding MNIST (55 MB) and hashing it takes a fraction of a second, so the
// result is cached per Dataset object.

/** Upload chunk size: large enough for few round trips, small enough to stay far below Redis's 512 MB value limit. */
export const DATASET_CHUNK_BYTES = 4 * 1024 * 1024;

export interface EncodedDataset {
  ref: DatasetRef;
  blob: Uint8Array;
}

const cache = new WeakMap<Dataset, EncodedDataset>();

export function encodeDataset(ds: Dataset): EncodedDataset {
  let e = cache.get(ds);
  if (!e) {
    const blob = encodeDatasetBlob({ ...ds, name: '' });
    const ref: DatasetRef = {
      name: ds.name,
      sha256: sha256Hex(blob),
      bytes: blob.byteLength,
      chunks: Math.max(1, Math.ceil(blob.byteLength / DATASET_CHUNK_BYTES)),
      inputSize: ds.inputSize,
      numClasses: ds.numClasses,
      trainCount: ds.train.count,
      testCount: ds.test.count,
    };
    cache.set(ds, (e = { ref, blob }));
  }
  return e;
}
