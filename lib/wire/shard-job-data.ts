// The JSON data of a BullMQ shard job: the fields of the ShardJob message
// (proto/dpt.proto) minus the run id, which the queue's key prefix already
// carries. Small on purpose: ids and sample indices only; weights and
// gradients travel as binary in their own keys.

import { WireError } from '../errors.js';

export interface ShardJobData {
  step: number;
  shard: number;
  /** Weights version the gradient must be computed at. */
  version: number;
  /** Training-sample indices, in summation order. */
  indices: number[];
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;

/** Checks job data from the queue; a malformed job throws WireError (never worth retrying). */
export function parseShardJobData(data: unknown, trainCount: number, maxSamples: number, what: string): ShardJobData {
  const d = data as Partial<ShardJobData> | null;
  if (typeof d !== 'object' || d === null) throw new WireError(what, 'job data is not an object');
  for (const f of ['step', 'shard', 'version'] as const) {
    if (!isCount(d[f])) throw new WireError(what, `${f} is ${JSON.stringify(d[f])}, not a whole number`);
  }
  const indices = d.indices;
  if (!Array.isArray(indices) || indices.length === 0 || indices.length > maxSamples) {
    throw new WireError(what, `indices must be an array of 1..${maxSamples} sample indices`);
  }
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= trainCount) throw new WireError(what, `sample index ${JSON.stringify(i)} is outside 0..${trainCount - 1}`);
  }
  return { step: d.step!, shard: d.shard!, version: d.version!, indices };
}
