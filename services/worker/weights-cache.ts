// The worker's copy of the current weights. New versions are pushed by the
// coordinator over pub/sub (no fetch on the critical path); a version the
// worker does not hold (it joined late, or the job beat the message) is
// pulled once by key. Only one version is kept: the last one received,
// which is not always the highest (a coordinator resumed from a checkpoint
// goes back to an earlier version).

import type { Redis } from 'ioredis';
import type { Float } from '../../lib/math/float.js';
import type { Logger } from '../../lib/log.js';
import { decodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import type { RunKeys } from '../../lib/wire/keys.js';
import type { TensorExpectation } from '../../lib/wire/types.js';

export class WeightsCache {
  private version = -1;
  private params: Float | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RunKeys,
    private readonly expect: TensorExpectation,
    private readonly log: Logger,
  ) {}

  /** Handler for the weights channel (subscribe with messageBuffer). */
  onMessage(bytes: Buffer): void {
    try {
      this.offer(bytes);
    } catch (e) {
      this.log.warn({ err: e }, 'ignoring a malformed weights broadcast');
    }
  }

  /**
   * The parameters at `version`, or null when Redis no longer holds them:
   * the coordinator deletes version v once it publishes v+1, and always
   * stores v before it enqueues v's jobs, so a missing version means the
   * job asking for it is stale.
   */
  async get(version: number): Promise<Float | null> {
    if (version === this.version && this.params) return this.params;
    const bytes = await this.redis.getBuffer(this.keys.weights(version));
    if (!bytes) return null;
    this.offer(bytes);
    return version === this.version ? this.params : null;
  }

  private offer(bytes: Buffer): void {
    const s = decodeWeightsSnapshot(bytes, this.expect);
    if (s.runId !== this.keys.runId) return;
    this.version = s.version;
    this.params = s.params;
  }
}
