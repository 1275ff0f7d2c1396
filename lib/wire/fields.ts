// The field level of the schema's codecs: checked scalars, the two wrappers
// every codec goes through, and the converters of the messages that only
// appear nested in others (TrainConfig, DatasetRef, EpochMetrics) and of
// parameter tensors, whose length and dtype the config implies.
//
// protobufjs silently coerces on encode (NaN or -1 into a uint32 becomes 0
// or 4294967295) and fills absent fields with defaults on decode, so both
// directions check here and fail with a WireError naming the message and
// field instead; no raw protobufjs error ever escapes a codec.

import { dpt } from '../../proto/gen/dpt.js';
import { ACTIVATIONS, DTYPES, INITS, INPUT_SCALINGS, LOSSES, structureProblem, type TrainConfig } from '../config.js';
import { WireError } from '../errors.js';
import { paramLayout } from '../math/layout.js';
import { bytesToTensor, elementTypeOf, tensorToBytes, type Tensor } from './tensors.js';
import type { DatasetRef, EpochMetrics } from './types.js';

const U32_MAX = 0xffff_ffff;

export function u32(value: number, what: string, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new WireError(what, `${field} must be an unsigned 32-bit integer, got ${value}`);
  }
  return value;
}

export function u32s(values: readonly number[], what: string, field: string): number[] {
  return values.map((v, i) => u32(v, what, `${field}[${i}]`));
}

/** uint64 as a JS number: exact only up to 2^53, so larger values are refused rather than rounded. */
export function u64(value: unknown, what: string, field: string): number {
  // The generated code is post-processed to decode uint64 as numbers; a Long
  // (low/high halves) is still accepted in case protobufjs gets reconfigured.
  let n = value;
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    const { low, high } = value as { low: number; high: number };
    n = (high >>> 0) * 2 ** 32 + (low >>> 0);
  }
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new WireError(what, `${field} must be a non-negative integer below 2^53, got ${String(n)}`);
  }
  return n;
}

export function present<T>(value: T | null | undefined, what: string, field: string): T {
  if (value === null || value === undefined) throw new WireError(what, `${field} is missing`);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new WireError(what, `unknown ${field} ${JSON.stringify(value)} (expected ${allowed.join(' | ')})`);
  }
  return value as T;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---- The parameter count implied by a layer structure: the wire checks a
// params or gradient buffer's length against it before anyone reads it as
// weights. The structure rule is lib/config.ts's, the count the math
// layout's: one check, one computation.

export function paramCount(structure: readonly number[], what = 'structure'): number {
  const problem = structureProblem(structure);
  if (problem) throw new WireError(what, `structure ${problem}`);
  return paramLayout(structure).size;
}

// ---- The two wrappers every codec goes through, so that no raw protobufjs error
// (RangeError "index out of range", "invalid wire type"...) or converter
// TypeError ever escapes: callers only ever see WireError naming the message.

interface Encodable<P> {
  encode(message: P): { finish(): Uint8Array };
}

interface Decodable<M> {
  decode(bytes: Uint8Array): M;
}

export function encodeMessage<P>(what: string, type: Encodable<P>, build: () => P): Uint8Array {
  // build() runs the field checks; its WireErrors pass through unchanged.
  const message = build();
  try {
    return type.encode(message).finish();
  } catch (e) {
    throw new WireError(what, `cannot encode: ${errorMessage(e)}`);
  }
}

/** As encodeMessage for a message built as parts (tensor-message.ts). */
export function encodeTensorMessage(what: string, build: () => Uint8Array[]): Uint8Array[] {
  try {
    return build();
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError(what, `cannot encode: ${errorMessage(e)}`);
  }
}

export function decodeMessage<M, T>(what: string, type: Decodable<M>, bytes: Uint8Array, convert: (m: M) => T): T {
  if (!(bytes instanceof Uint8Array)) throw new WireError(what, `expected bytes, got ${typeof bytes}`);
  let message: M;
  try {
    message = type.decode(bytes);
  } catch (e) {
    throw new WireError(what, `not a valid ${what} message (${bytes.byteLength} bytes): ${errorMessage(e)}`);
  }
  try {
    return convert(message);
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError(what, `invalid ${what} message: ${errorMessage(e)}`);
  }
}

// ---- TrainConfig (lib/config.ts) <-> the proto TrainConfig. The proto
// carries the enums as strings, so both directions check them against the
// allowed lists: an unknown activation from a newer or buggy peer must stop
// the run, not silently train something else.

export function configToProto(c: TrainConfig, what = 'TrainConfig'): dpt.TrainConfig {
  // paramCount rejects structures that cannot describe a network.
  paramCount(c.structure, what);
  return dpt.TrainConfig.create({
    dataset: c.dataset,
    structure: u32s(c.structure, what, 'structure'),
    epochs: u32(c.epochs, what, 'epochs'),
    batchSize: u32(c.batchSize, what, 'batchSize'),
    shardSize: u32(c.shardSize, what, 'shardSize'),
    eta: c.eta,
    seed: u32(c.seed, what, 'seed'),
    activation: oneOf(c.activation, ACTIVATIONS, what, 'activation'),
    loss: oneOf(c.loss, LOSSES, what, 'loss'),
    init: oneOf(c.init, INITS, what, 'init'),
    dtype: oneOf(c.dtype, DTYPES, what, 'dtype'),
    inputScaling: oneOf(c.inputScaling, INPUT_SCALINGS, what, 'inputScaling'),
    trainLimit: u32(c.trainLimit, what, 'trainLimit'),
    testLimit: u32(c.testLimit, what, 'testLimit'),
    maxSteps: u32(c.maxSteps, what, 'maxSteps'),
  });
}

/** Accepts a decoded message or a plain properties object; absent fields take proto3 defaults. */
export function configFromProto(p: dpt.TrainConfig.$Properties, what = 'TrainConfig'): TrainConfig {
  // Copy: a decoded message's default is a shared frozen array.
  const structure = u32s(p.structure ?? [], what, 'structure');
  paramCount(structure, what);
  return {
    dataset: p.dataset ?? '',
    structure,
    epochs: u32(p.epochs ?? 0, what, 'epochs'),
    batchSize: u32(p.batchSize ?? 0, what, 'batchSize'),
    shardSize: u32(p.shardSize ?? 0, what, 'shardSize'),
    eta: p.eta ?? 0,
    seed: u32(p.seed ?? 0, what, 'seed'),
    activation: oneOf(p.activation ?? '', ACTIVATIONS, what, 'activation'),
    loss: oneOf(p.loss ?? '', LOSSES, what, 'loss'),
    init: oneOf(p.init ?? '', INITS, what, 'init'),
    dtype: oneOf(p.dtype ?? '', DTYPES, what, 'dtype'),
    inputScaling: oneOf(p.inputScaling ?? '', INPUT_SCALINGS, what, 'inputScaling'),
    trainLimit: u32(p.trainLimit ?? 0, what, 'trainLimit'),
    testLimit: u32(p.testLimit ?? 0, what, 'testLimit'),
    maxSteps: u32(p.maxSteps ?? 0, what, 'maxSteps'),
  };
}

// ---- Converters for the messages that only appear nested in others
// (DatasetRef, EpochMetrics) and for parameter tensors, whose length and
// dtype are implied by the config they travel with.

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
