// The worker's copy of the current weights. Versions are pushed by the
// coordinator over pub/sub (no fetch on the critical path); a version the
// worker does not hold is pulled once by key. Only one version is kept: the
// last one received, which is not always the highest (a coordinator resumed
// from a checkpoint goes back to an earlier version).
//
// Jobs are enqueued before their weights are broadcast, so a job may ask for
// a version that does not exist yet: it waits for the broadcast. A job whose
// version is older than the run's current one is stale (the coordinator
// moved on after an earlier copy of it answered) and gets null.

import type { Redis } from 'ioredis';
import type { Float } from '../../lib/math/float.js';
import type { Logger } from '../../lib/log.js';
import { decodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import type { RunKeys } from '../../lib/wire/keys.js';
import type { TensorExpectation } from '../../lib/wire/types.js';

export class WeightsCache {
  private version = -1;
  private params: Float | null = null;
  private readonly waiters = new Map<number, (() => void)[]>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: RunKeys,
    private readonly expect: TensorExpectation,
    private readonly log: Logger,
    /** How long a job waits for its weights before failing (and being retried by BullMQ). */
    private readonly waitMs = 60_000,
  ) {}

  /** Handler for the weights channel (subscribe with messageBuffer). */
  onMessage(bytes: Buffer): void {
    try {
      this.offer(bytes);
    } catch (e) {
      this.log.warn({ err: e }, 'ignoring a malformed weights broadcast');
    }
  }

  /** The parameters at `version`; null when the job asking is stale. */
  async get(version: number): Promise<Float | null> {
    if (version === this.version && this.params) return this.params;
    // Listen before looking, so a broadcast landing in between is not missed.
    const arrived = this.arrival(version);
    try {
      const fetch = async () => {
        const bytes = await this.redis.getBuffer(this.keys.weights(version));
        if (bytes) this.offer(bytes);
        return version === this.version ? this.params : null;
      };
      const held = await fetch();
      if (held) return held;
      const current = Number((await this.redis.get(this.keys.version)) ?? -1);
      if (version < current) return null; // consumed and deleted: the run is past this version
      // Not broadcast yet, or broadcast after we started listening: either way it is on its way.
      if (!(await arrived.wait) && version === this.version) return this.params;
      const late = await fetch();
      if (late) return late;
      throw new Error(`weights version ${version} did not arrive within ${this.waitMs} ms`);
    } finally {
      arrived.cancel();
    }
  }

  private arrival(version: number): { wait: Promise<boolean>; cancel(): void } {
    let timer: NodeJS.Timeout | undefined;
    let done: (() => void) | undefined;
    const wait = new Promise<boolean>((resolve) => {
      done = () => resolve(false);
      timer = setTimeout(() => resolve(true), this.waitMs);
      const list = this.waiters.get(version) ?? [];
      list.push(done);
      this.waiters.set(version, list);
    });
    const cancel = () => {
      clearTimeout(timer);
      const list = this.waiters.get(version)?.filter((f) => f !== done) ?? [];
      if (list.length) this.waiters.set(version, list);
      else this.waiters.delete(version);
    };
    return { wait, cancel };
  }

  private offer(bytes: Buffer): void {
    const s = decodeWeightsSnapshot(bytes, this.expect);
    if (s.runId !== this.keys.runId) return;
    this.version = s.version;
    this.params = s.params;
    for (const wake of this.waiters.get(s.version) ?? []) wake();
  }
}
