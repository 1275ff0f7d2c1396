// The plain TypeScript shapes of the wire messages, as the rest of dpt sees
// them: tensors as typed arrays, configs as TrainConfig, no protobuf classes,
// no optional-or-null fields. Messages of plain scalars (DatasetRef,
// EpochMetrics) are derived from the generated classes; the others are
// written out because their fields differ from the proto's on purpose
// (typed tensors instead of bytes, a checked TrainConfig, no checksums).
// Checksums (ShardResult.crc32, WeightsSnapshot.crc32) are not here: the
// codecs compute them on encode and verify them on decode, so no caller can
// forget either.
import type { dpt } from '../../proto/gen/dpt.js';
import type { Dispatch, TrainConfig } from '../config.js';
import type { Tensor } from './tensors.js';

/**
 * The scalar fields of a generated message class: what a message whose
 * fields are all plain numbers and strings looks like to the rest of dpt.
 */
type Fields<T> = { [K in keyof T as K extends `$${string}` ? never : T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/** A dataset by content: name, hex SHA-256 and size of its encoded DatasetBlob, chunk count, shape (proto/dpt.proto). */
export type DatasetRef = Fields<dpt.DatasetRef>;

export interface RunSpec {
  runId: string;
  config: TrainConfig;
  dataset: DatasetRef;
  /** Always equals paramCount(config.structure); checked on encode and decode. */
  paramCount: number;
  createdBy: string;
  /** How the run's shard jobs reach its workers: a worker takes them from where the coordinator puts them. */
  dispatch: Dispatch;
}

export interface ShardResult {
  runId: string;
  step: number;
  /** The first shard covered. */
  shard: number;
  /** Shards covered from `shard` on: a whole subtree of the step's reduction tree (1 on the wire when absent). */
  shardCount: number;
  version: number;
  samples: number;
  errorSum: number;
  correct: number;
  /** Parameter-shaped, in the run's dtype. */
  gradient: Tensor;
  worker: string;
  /** Seconds the worker spent computing the gradient, and its host: for monitoring, never part of the bits (0 and '' when not sent). */
  computeSeconds?: number;
  host?: string;
}

export interface ShardFailure {
  runId: string;
  step: number;
  shard: number;
  /** One line, at most 1000 characters (longer reasons are cut on encode). */
  reason: string;
  worker: string;
}

export interface WeightsSnapshot {
  runId: string;
  version: number;
  /** In the run's dtype; the message's dtype field is derived from it. */
  params: Tensor;
}

/** Per-epoch record: what metrics.jsonl, models and checkpoints hold (proto/dpt.proto). */
export type EpochMetrics = Fields<dpt.EpochMetrics>;

export interface Model {
  config: TrainConfig;
  /** Float32Array or Float64Array per config.dtype, paramCount(config.structure) long. */
  params: Tensor;
  dataset: DatasetRef;
  history: EpochMetrics[];
  /** How shard gradients were added (lib/math/pairwise-tree.ts REDUCTION); '' in files written before it was recorded. */
  reduction: string;
}

export interface Checkpoint {
  runId: string;
  config: TrainConfig;
  dataset: DatasetRef;
  nextEpoch: number;
  nextStep: number;
  version: number;
  params: Tensor;
  history: EpochMetrics[];
  seconds: number;
  /** uint64 on the wire; a plain number here (exact up to 2^53). */
  samples: number;
  /** As Model.reduction. */
  reduction: string;
  /** The --init-from file the run started from, null for a fresh start. */
  initFrom: { file: string; sha256: string } | null;
}

/** What a decoder must know to check a tensor it cannot size from the message itself. */
export interface TensorExpectation {
  dtype: TrainConfig['dtype'];
  paramCount: number;
}
