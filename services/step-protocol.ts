// The JSON data of a BullMQ shard job: consecutive shards of one step (see
// lib/train/job-groups.ts), each to be computed and pushed as its own
// ShardResult. The run id is not in it: the queue's key prefix carries it.
// Small on purpose: ids and sample indices only; weights and gradients
// travel as binary in their own keys.

import { WireError } from '../lib/errors.js';

/** One shard of a job: its index in the step and its training-sample indices, in summation order. */
export interface ShardWork {
  shard: number;
  indices: number[];
}

export interface ShardJobData {
  step: number;
  /** Weights version the gradients must be computed at. */
  version: number;
  /** One or more shards, in increasing shard order. */
  shards: ShardWork[];
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;

/**
 * Checks job data from the queue: a malformed job throws WireError (never
 * worth retrying). `maxSamples` bounds each shard, `maxShards` the shards of one job.
 */
export function parseShardJobData(data: unknown, trainCount: number, maxSamples: number, maxShards: number, what: string): ShardJobData {
  const d = data as Partial<ShardJobData> | null;
  if (typeof d !== 'object' || d === null) throw new WireError(what, 'job data is not an object');
  for (const f of ['step', 'version'] as const) {
    if (!isCount(d[f])) throw new WireError(what, `${f} is ${JSON.stringify(d[f])}, not a whole number`);
  }
  const shards = d.shards;
  if (!Array.isArray(shards) || shards.length === 0 || shards.length > maxShards) {
    throw new WireError(what, `shards must be an array of 1..${maxShards} shards`);
  }
  let previous = -1;
  const parsed = shards.map((s: Partial<ShardWork> | null, k): ShardWork => {
    if (typeof s !== 'object' || s === null) throw new WireError(what, `shards[${k}] is not an object`);
    if (!isCount(s.shard) || s.shard <= previous) {
      throw new WireError(what, `shards[${k}].shard is ${JSON.stringify(s.shard)}: shard numbers must be whole and increasing`);
    }
    previous = s.shard;
    const indices = s.indices;
    if (!Array.isArray(indices) || indices.length === 0 || indices.length > maxSamples) {
      throw new WireError(what, `shard ${s.shard}: indices must be an array of 1..${maxSamples} sample indices`);
    }
    for (const i of indices) {
      if (!Number.isInteger(i) || i < 0 || i >= trainCount) throw new WireError(what, `shard ${s.shard}: sample index ${JSON.stringify(i)} is outside 0..${trainCount - 1}`);
    }
    return { shard: s.shard, indices };
  });
  return { step: d.step!, version: d.version!, shards: parsed };
}

/** The shard numbers a job's data names, as far as they can be read (for reporting a job that failed). */
export function jobShardNumbers(data: unknown): number[] {
  const shards = (data as Partial<ShardJobData> | null)?.shards;
  return Array.isArray(shards) ? shards.map((s: Partial<ShardWork> | null) => s?.shard).filter((n): n is number => Number.isInteger(n)) : [];
}
