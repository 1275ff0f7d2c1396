// The step protocol: everything the coordinator and its workers say to each
// other about one step, in one module both import. With proto/dpt.proto it
// defines every byte that crosses Redis during a run:
//
//   coordinator                                   worker
//   WeightsSnapshot  ── PUBLISH + SET weights:v ──> WeightsCache
//   shard jobs       ── RPUSH jobs list ──────────> ShardProcessor    (dispatch 'list', the default)
//                    ── BullMQ queue SHARD_QUEUE ─> ShardProcessor    (dispatch 'bullmq')
//     (ShardJobData as JSON: step, version, shards with sample indices)
//   collect()        <── RPUSH done list ────────── ShardResult per whole subtree of the job's shards
//   collect()        <── RPUSH failed list ──────── ShardFailure per shard
//
// Two ways for jobs to travel, the same jobs and the same bits either way
// (the run spec names the one in use). 'list': each job is one sealed value
// (jobToken) pushed onto the run's jobs list in the same write as its step's
// weights, popped by a worker with BLPOP: two plain commands per job. A job
// lost with its worker is pushed again by the coordinator when its step
// stalls. 'bullmq': a BullMQ job per job (the seal in its data), enqueued a
// step ahead, with BullMQ's locks, retries and stalled-job recovery, at the
// price of a Lua script on each side per job (bench/README.md: the list
// halves Redis's CPU per step; a 2-worker step runs 1.1-1.4x faster).
//
// Job data is JSON on purpose: ids and sample indices only; weights and
// gradients travel as protobuf bytes in their own keys. The run id is not in
// a job: the key prefix (list or queue) carries it.

import type { JobsOptions } from 'bullmq';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AuthError, WireError } from '../lib/errors.js';
import type { StepPlan } from '../lib/train/plan.js';

// Every message is sealed (see "Authentication" below): a party that can
// write to Redis but lacks the run's secret can delete or delay messages,
// never forge one that a coordinator or worker accepts.

// The step's binary messages: defined by the schema, encoded and checked in lib/wire.
export {
  decodeRunSpec, decodeShardFailure, decodeShardResult, decodeWeightsSnapshot, encodeRunSpec, encodeShardFailure, encodeShardResultParts,
  encodeWeightsSnapshotParts,
} from '../lib/wire/codecs.js';
export type { RunSpec, ShardFailure, ShardResult, TensorExpectation, WeightsSnapshot } from '../lib/wire/types.js';

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
  /** Shards in the whole step: the shape of its reduction tree, which the worker adds its shards along (lib/math/pairwise-tree.ts). */
  shardsInStep: number;
  /** One or more shards, in increasing shard order. */
  shards: ShardWork[];
  /** BullMQ jobs: the seal over the fields above (base64 of sealJob's envelope). Absent from a list's job (its token is sealed whole) and before sealing. */
  seal?: string;
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
  if (!isCount(d.shardsInStep) || d.shardsInStep < 1 || d.shardsInStep > maxShards) {
    throw new WireError(what, `shardsInStep is ${JSON.stringify(d.shardsInStep)}, not a whole number in 1..${maxShards}`);
  }
  const inStep = d.shardsInStep;
  const shards = d.shards;
  if (!Array.isArray(shards) || shards.length === 0 || shards.length > maxShards) {
    throw new WireError(what, `shards must be an array of 1..${maxShards} shards`);
  }
  let previous = -1;
  const parsed = shards.map((s: Partial<ShardWork> | null, k): ShardWork => {
    if (typeof s !== 'object' || s === null) throw new WireError(what, `shards[${k}] is not an object`);
    if (!isCount(s.shard) || s.shard <= previous || s.shard >= inStep) {
      throw new WireError(what, `shards[${k}].shard is ${JSON.stringify(s.shard)}: shard numbers must be whole, increasing and below shardsInStep (${inStep})`);
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
  return { step: d.step!, version: d.version!, shardsInStep: inStep, shards: parsed, ...(typeof d.seal === 'string' ? { seal: d.seal } : {}) };
}

// ---- Shard grouping: how a step's shards are packed into queue jobs. A
// shard is the unit of summation order (each has its own gradient, and the
// step adds them along a fixed tree, lib/math/pairwise-tree.ts), so packing
// changes no bit of the result; it changes how many jobs carry them and how
// many tensors come back: a worker adds its job's shards into whole
// subtrees and sends one result per subtree, one in the common case (2 jobs
// of 4 shards out of 8 are the tree's two halves). Every job costs a full round of queue work (an
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

/** The job of step `plan` at weights version `version` carrying its shards `group` (positions in plan.shards); not sealed yet. */
function stepJob(plan: StepPlan, version: number, group: readonly number[]): ShardJobData {
  return {
    step: plan.step, version, shardsInStep: plan.shards.length,
    shards: group.map((k) => ({ shard: plan.shards[k].index, indices: Array.from(plan.shards[k].indices) })),
  };
}

/** The jobs of one step at weights version `version`: consecutive shards, `perJob` at most per job (not sealed yet). */
export function shardJobs(plan: StepPlan, version: number, perJob: number): ShardJobData[] {
  return jobGroups(plan.shards.length, perJob).map((group) => stepJob(plan, version, group));
}

/** Jobs re-queuing the given shards of a step, one shard each (not sealed yet). */
export function retryJobs(plan: StepPlan, version: number, shards: readonly number[]): ShardJobData[] {
  return shards.map((k) => stepJob(plan, version, [k]));
}

/**
 * A job as BullMQ carries it: sealed, with its id and priority. A retry
 * (`round` > 0) has an id of its own (`s<step>-<shard>-r<round>`): unlike
 * the original it is added even when the first job already completed (its
 * result was lost or dropped).
 */
export function bullJob(seal: RunSeal, data: ShardJobData, round = 0): { name: string; data: ShardJobData; opts: JobsOptions } {
  const id = shardJobId(data.step, data.shards[0].shard);
  return { name: 'shard', data: seal.sealJob(data), opts: { jobId: round > 0 ? `${id}-r${round}` : id, priority: shardJobPriority(data.step) } };
}

/**
 * A job as the jobs list carries it (dispatch 'list'): the job's text, sealed,
 * one Redis value. Read back with parseJobToken once opened.
 */
export function jobToken(seal: RunSeal, data: ShardJobData): Buffer {
  return Buffer.concat(seal.seal('job', [Buffer.from(jobBody(data))]));
}

/** The job in an opened token's payload; WireError when it is not a job (see parseShardJobData). */
export function parseJobToken(payload: Uint8Array, trainCount: number, maxSamples: number, maxShards: number, what: string): ShardJobData {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString());
  } catch {
    throw new WireError(what, 'is not JSON');
  }
  return parseShardJobData(data, trainCount, maxSamples, maxShards, what);
}

// ---- Authentication. Every step message is sealed under a key only the
// run's coordinator and workers can derive:
//
//   runKey  = HMAC-SHA256(secret, "dpt run " + runId + " " + fence)
//   kindKey = HMAC-SHA256(runKey, kind)      kind: spec | weights | job | result | failure | control
//   seal    = "DPS1" | nonce (12 bytes, random) | tag (16 bytes) | payload
//
// where tag is AES-256-GCM's authentication tag over the payload (the
// payload as additional data, nothing encrypted: GMAC). The fence is the
// coordinator's fencing token (lib/redis/run-store.ts): a coordinator that
// lost its lease signs under a key the workers no longer accept. Per-kind
// keys keep a genuine message of one kind from passing as another. GMAC
// rather than HMAC-SHA256 because the payloads are whole tensors: it costs a
// fifth as much per 100 KB here (bench/README.md). The 32-byte header keeps
// the payload 8-aligned, so tensors are still read in place.

export type SealKind = 'spec' | 'weights' | 'job' | 'result' | 'failure' | 'control';

const SEAL_MAGIC = Buffer.from('DPS1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes before the payload: magic, nonce, tag. */
const SEAL_BYTES = SEAL_MAGIC.length + NONCE_BYTES + TAG_BYTES;

/**
 * Random bytes drawn a few hundred nonces at a time: one randomBytes call per
 * seal cost ~13 us of CPU (a system call and a buffer each), a few percent of
 * a step's. Every nonce is still 12 fresh bytes from the CSPRNG, used once
 * and never handed out twice, so GCM's nonce uniqueness holds exactly as
 * with a call per seal.
 */
const NONCE_POOL = 256;
let noncePool = Buffer.alloc(0);
let nonceAt = 0;
function freshNonce(): Buffer {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * NONCE_POOL);
    nonceAt = 0;
  }
  const nonce = noncePool.subarray(nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return nonce;
}

/** The keys of one run under one fencing token. */
export class RunSeal {
  private readonly keys: Record<SealKind, Buffer>;

  constructor(secret: Uint8Array, runId: string, readonly fence: number) {
    if (secret.byteLength < 16) throw new AuthError('the run secret', `is ${secret.byteLength} bytes; at least 16 are needed`);
    const runKey = createHmac('sha256', secret).update(`dpt run ${runId} ${fence}`).digest();
    const kind = (k: SealKind) => createHmac('sha256', runKey).update(k).digest();
    this.keys = { spec: kind('spec'), weights: kind('weights'), job: kind('job'), result: kind('result'), failure: kind('failure'), control: kind('control') };
  }

  /** [header, ...parts]: the parts untouched (they may be views of live tensors), the header authenticating them all. */
  seal(kind: SealKind, parts: readonly Uint8Array[]): Uint8Array[] {
    const nonce = freshNonce();
    const gcm = createCipheriv('aes-256-gcm', this.keys[kind], nonce, { authTagLength: TAG_BYTES });
    // One AAD update per part (GCM accepts several before the first data): no joined copy of a tensor.
    for (const part of parts) gcm.setAAD(part);
    gcm.final();
    return [Buffer.concat([SEAL_MAGIC, nonce, gcm.getAuthTag()]), ...parts];
  }

  /** The payload of sealed `bytes` (a view, no copy); AuthError when it is not sealed under this run's key for `kind`. */
  open(kind: SealKind, bytes: Uint8Array, what: string): Uint8Array {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (b.byteLength < SEAL_BYTES || !b.subarray(0, SEAL_MAGIC.length).equals(SEAL_MAGIC)) throw new AuthError(what, 'is not a sealed dpt message');
    const nonce = b.subarray(SEAL_MAGIC.length, SEAL_MAGIC.length + NONCE_BYTES);
    const tag = b.subarray(SEAL_MAGIC.length + NONCE_BYTES, SEAL_BYTES);
    const payload = b.subarray(SEAL_BYTES);
    const gcm = createDecipheriv('aes-256-gcm', this.keys[kind], nonce, { authTagLength: TAG_BYTES });
    gcm.setAAD(payload);
    gcm.setAuthTag(tag);
    try {
      gcm.final();
    } catch {
      throw new AuthError(what, `fails authentication (not written by this run's coordinator or workers under lease ${this.fence}, or altered)`);
    }
    return payload;
  }

  /** Job data with its seal (over the JSON of step, version and shards, in that order). */
  sealJob(data: ShardJobData): ShardJobData {
    const body = Buffer.from(jobBody(data));
    const [header] = this.seal('job', [body]);
    return { ...data, seal: Buffer.from(header).toString('base64') };
  }

  /** Throws AuthError unless `data` carries a valid seal of this run (call after parseShardJobData). */
  openJob(data: ShardJobData, what: string): void {
    if (typeof data.seal !== 'string') throw new AuthError(what, 'job data carries no seal');
    const header = Buffer.from(data.seal, 'base64');
    this.open('job', Buffer.concat([header, Buffer.from(jobBody(data))]), what);
  }
}

/** The run-over notice published to workers on the control channel: the final status, sealed. */
export function controlNotice(seal: RunSeal, status: 'finished' | 'failed' | 'stopped'): Buffer {
  return Buffer.concat(seal.seal('control', [Buffer.from(status)]));
}

/** The status a control notice announces, or null when it is not an authentic notice. */
export function readControlNotice(seal: RunSeal, bytes: Uint8Array): 'finished' | 'failed' | 'stopped' | null {
  try {
    const s = Buffer.from(seal.open('control', bytes, 'a control notice')).toString();
    return s === 'finished' || s === 'failed' || s === 'stopped' ? s : null;
  } catch {
    return null;
  }
}

/** The signed text of a job: its fields in a fixed order, as parsed (so a worker recomputes the same bytes). */
function jobBody(d: ShardJobData): string {
  return JSON.stringify({ step: d.step, version: d.version, shardsInStep: d.shardsInStep, shards: d.shards.map((s) => ({ shard: s.shard, indices: s.indices })) });
}
