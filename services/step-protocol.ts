// The step protocol: everything the coordinator and its workers say to each
// other about one step, in one module both import. With proto/dpt.proto it
// defines every byte that crosses Redis during a run:
//
//   coordinator                                   worker
//   WeightsSnapshot  ── PUBLISH + SET weights:v ──> WeightsCache
//   shard jobs       ── BullMQ queue SHARD_QUEUE ─> ShardProcessor
//     (JSON ShardJobData: step, version, shards with sample indices;
//      job id shardJobId, priority shardJobPriority)
//   collect()        <── RPUSH done list ────────── ShardResult per shard
//   collect()        <── RPUSH failed list ──────── ShardFailure per shard
//
// Job data is JSON on purpose (BullMQ stores it so): ids and sample indices
// only; weights and gradients travel as protobuf bytes in their own keys.
// The run id is not in a job: the queue's key prefix carries it.

import type { JobsOptions } from 'bullmq';
import { WireError } from '../lib/errors.js';
import type { StepPlan } from '../lib/train/plan.js';

// The step's binary messages: defined by the schema, encoded and checked in lib/wire.
export {
  decodeShardFailure, decodeShardResult, decodeWeightsSnapshot, encodeShardFailure, encodeShardResultParts, encodeWeightsSnapshotParts,
} from '../lib/wire/codecs.js';
export type { ShardFailure, ShardResult, TensorExpectation, WeightsSnapshot } from '../lib/wire/types.js';

/** BullMQ queue name of the shard jobs (its keys live under RunKeys.bullPrefix). */
export const SHARD_QUEUE = 'shards';

// ---- Job data

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

/** The step a job's data names, or null when it names none (for reporting a job that failed). */
export function jobStep(data: unknown): number | null {
  const step = (data as Partial<ShardJobData> | null)?.step;
  return isCount(step) ? step : null;
}

/** The shard numbers a job's data names, as far as they can be read (for reporting a job that failed). */
export function jobShardNumbers(data: unknown): number[] {
  const shards = (data as Partial<ShardJobData> | null)?.shards;
  return Array.isArray(shards) ? shards.map((s: Partial<ShardWork> | null) => s?.shard).filter(isCount) : [];
}

// ---- Shard grouping: how a step's shards are packed into queue jobs. A
// shard is the unit of summation order (each has its own gradient, and the
// coordinator adds them in shard order), so packing changes no bit of the
// result; it only changes how many jobs carry them. Every job costs a full round of queue work (an
// add script on the coordinator, a completion script and two round trips on
// a worker), so with 4 shards on 2 workers, 2 jobs of 2 shards finish a
// step sooner than 4 jobs of one (bench/README.md).
//
// With W workers and S shards, jobs of ceil(S / W) shards keep the step's
// length (in shards computed one after another) what single-shard jobs give
// equal workers: ceil(S / W). Unequal or failing workers are where single
// shards balance better: the coordinator's --shards-per-job 1.

/** `shards` shard indices 0..shards-1 cut into consecutive groups of at most `perJob`, near-equal in size. */
export function jobGroups(shards: number, perJob: number): number[][] {
  if (!Number.isInteger(shards) || shards < 0) throw new RangeError(`shard count must be a whole number, got ${shards}`);
  if (!Number.isInteger(perJob) || perJob < 1) throw new RangeError(`shards per job must be a whole number of at least 1, got ${perJob}`);
  const jobs = Math.ceil(shards / perJob);
  const groups: number[][] = [];
  let next = 0;
  for (let j = 0; j < jobs; j++) {
    const size = Math.ceil((shards - next) / (jobs - j));
    groups.push(Array.from({ length: size }, (_, i) => next + i));
    next += size;
  }
  return groups;
}

/** Shards per job for `workers` workers (0: not known yet, one shard per job): ceil(shards / workers). */
export function autoShardsPerJob(shards: number, workers: number): number {
  return workers > 0 ? Math.max(1, Math.ceil(shards / workers)) : 1;
}

// ---- Job ids and priorities

/** BullMQ job id of a shard: adding the same shard twice is a no-op. */
export function shardJobId(step: number, shard: number): string {
  return `s${step}-${shard}`;
}

/** BullMQ's lowest priority (its priorities run from 1, served first, to this; 0 means none). */
const LOWEST_PRIORITY = 2_097_151;

/**
 * BullMQ priority of a step's jobs: earlier steps first. Jobs are queued a
 * step ahead, so a job of the step in progress that comes back to the queue
 * (a retry, a give-back) must be served before the next step's jobs, or a
 * worker would hold a job whose weights cannot come. The count wraps after
 * ~2.1 M steps; at the wrap one step is out of order, which the give-back
 * (services/worker/shard-processor.ts) sorts out.
 */
export function shardJobPriority(step: number): number {
  return 1 + (step % LOWEST_PRIORITY);
}

/**
 * The queue jobs of one step at weights version `version`: consecutive
 * shards, `perJob` at most per job, each job with its id and priority.
 */
export function shardJobs(plan: StepPlan, version: number, perJob: number): { name: string; data: ShardJobData; opts: JobsOptions }[] {
  return jobGroups(plan.shards.length, perJob).map((group) => ({
    name: 'shard',
    data: { step: plan.step, version, shards: group.map((k) => ({ shard: plan.shards[k].index, indices: Array.from(plan.shards[k].indices) })) },
    opts: { jobId: shardJobId(plan.step, plan.shards[group[0]].index), priority: shardJobPriority(plan.step) },
  }));
}
