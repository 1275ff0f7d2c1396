// The worker's copy of the current weights. Versions are pushed by the
// coordinator over pub/sub (no fetch on the critical path); a version the
// worker does not hold is pulled once by key. Only one version is kept: the
// last one received, which is not always the highest (a coordinator resumed
// from a checkpoint goes back to an earlier version).
//
// Jobs are enqueued a step before their weights are broadcast, so a job may
// ask for a version that does not exist yet: it waits for the broadcast, for
// at most `patienceMs` before it is told to come back later (its worker may
// be needed for a retried job of the step in progress). A job whose version
// is older than the run's current one is stale (the coordinator moved on
// after an earlier copy of it answered).

import type { Redis } from 'ioredis';
import type { Float } from '../../lib/math/float.js';
import type { Logger } from '../../lib/log.js';
import type { RunKeys } from '../../lib/redis/keys.js';
import { decodeWeightsSnapshot, type TensorExpectation } from '../step-protocol.js';
import type { LeaseKeys } from './lease-keys.js';

/** How often a job waiting for its weights looks for them by key (the broadcast normally comes first). */
const WEIGHTS_POLL_MS = 200;

/** Resolves when `arrival` does or after `ms`, whichever is first (the timer is cleared). */
async function arrivalOrTimeout(arrival: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([arrival, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export class WeightsCache {
  private version = -1;
  private params: Float | null = null;
  private readonly waiters = new Map<number, (() => void)[]>();
  /** Told of every version taken, pushed (broadcast) or pulled (by key): the worker's metrics count them. */
  onTaken: ((source: 'push' | 'pull') => void) | null = null;
  /** Milliseconds the last broadcast took to open, decode and check (the worker's debug 'shard' line). */
  lastOpenMs = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RunKeys,
    private readonly expect: TensorExpectation,
    private readonly log: Logger,
    /** The run's keys: only weights sealed by its coordinator are taken. */
    private readonly lease: LeaseKeys,
    /** How long a job waits for its weights before failing (and being retried by BullMQ). */
    private readonly waitMs = 60_000,
  ) {}

  /** Handler for the weights channel (subscribe with messageBuffer). */
  onMessage(bytes: Buffer): void {
    const t0 = performance.now();
    try {
      // The keys in hand only: a broadcast under a new lease is fetched by key once a job of that lease arrives.
      this.offer(this.lease.seal.open('weights', bytes, 'a weights broadcast'), 'push');
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'ignoring a weights broadcast that is not this run\'s');
    }
    this.lastOpenMs = performance.now() - t0;
  }

  /**
   * The parameters at `version`; 'stale' when the run is past it; 'later'
   * when it is ahead of the run and has not arrived within `patienceMs`.
   */
  async get(version: number, patienceMs = Infinity): Promise<Float | 'stale' | 'later'> {
    if (version === this.version && this.params) return this.params;
    // Listen before looking, so a broadcast landing in between is not missed.
    const arrival = this.arrival(version);
    try {
      const started = performance.now();
      const deadline = started + this.waitMs;
      // The usual case: the job of the next step, fetched while its weights
      // are being broadcast. Wait for the broadcast before asking Redis: two
      // reads per job, at the moment the broadcast is on its way, slowed it.
      if (this.params && version === this.version + 1) {
        await arrivalOrTimeout(arrival.promise, WEIGHTS_POLL_MS);
        if (version === this.version && this.params) return this.params;
      }
      for (;;) {
        const bytes = await this.redis.getBuffer(this.keys.weights(version));
        if (bytes) await this.offerStored(bytes, version);
        if (version === this.version && this.params) return this.params;
        const current = Number((await this.redis.get(this.keys.version)) ?? -1);
        if (version < current) return 'stale'; // consumed and deleted: the run is past this version
        if (version > current && performance.now() - started > patienceMs) return 'later';
        // Not broadcast yet (or broadcast after we started listening): it is on its way. Look
        // again now and then: a broadcast sent while our subscriber was reconnecting is lost.
        if (performance.now() > deadline) throw new Error(`weights version ${version} did not arrive within ${this.waitMs} ms`);
        await arrivalOrTimeout(arrival.promise, WEIGHTS_POLL_MS);
        if (version === this.version && this.params) return this.params;
      }
    } finally {
      arrival.cancel();
    }
  }

  /** Resolves when a broadcast of `version` is offered. */
  private arrival(version: number): { promise: Promise<void>; cancel(): void } {
    let wake: (() => void) | undefined;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
      const list = this.waiters.get(version) ?? [];
      list.push(resolve);
      this.waiters.set(version, list);
    });
    const cancel = () => {
      const list = this.waiters.get(version)?.filter((f) => f !== wake) ?? [];
      if (list.length) this.waiters.set(version, list);
      else this.waiters.delete(version);
    };
    return { promise, cancel };
  }

  /** Weights read by key: a forged or damaged value is ignored (the coordinator re-sends a stalled step's weights). */
  private async offerStored(bytes: Buffer, version: number): Promise<void> {
    try {
      this.offer(await this.lease.open('weights', bytes, `weights key ${this.keys.weights(version)}`), 'pull');
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'ignoring stored weights that are not this run\'s');
    }
  }

  /** `payload`: an opened WeightsSnapshot message. */
  private offer(payload: Uint8Array, source: 'push' | 'pull'): void {
    const s = decodeWeightsSnapshot(payload, this.expect);
    if (s.runId !== this.keys.runId) return;
    this.onTaken?.(source);
    this.version = s.version;
    this.params = s.params;
    for (const wake of this.waiters.get(s.version) ?? []) wake();
  }
}
