// The keys a worker opens and seals step messages with: those of the run's
// current lease (services/step-protocol.ts, RunSeal). A worker reads the
// lease when it joins; when a message fails to open it reads the lease
// again, once, in case a new coordinator took the run over (a new fence,
// new keys), and opens the message with the new keys if the lease changed.

import type { Redis } from 'ioredis';
import { AuthError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { RunKeys } from '../../lib/redis/keys.js';
import { pollUntil, readLease } from '../../lib/redis/run-store.js';
import { RunSeal, type SealKind, type ShardJobData } from '../step-protocol.js';

export class LeaseKeys {
  private current: RunSeal | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RunKeys,
    private readonly secret: Uint8Array,
    private readonly log: Logger,
  ) {}

  /** The keys of the lease last read (load() first). */
  get seal(): RunSeal {
    if (!this.current) throw new Error('LeaseKeys.load() has not completed');
    return this.current;
  }

  /** Waits until a coordinator holds the run (saying so every few seconds); false when `signal` aborted first. */
  async load(signal: AbortSignal): Promise<boolean> {
    const lease = await pollUntil(() => readLease(this.redis, this.keys), signal, 250, (ms) => {
      this.log.warn({ run: this.keys.runId, waitedS: Math.round(ms / 1000) }, 'no coordinator holds this run (not started yet, or died and its lease expired): waiting');
    });
    if (lease) this.current = new RunSeal(this.secret, this.keys.runId, lease.fence);
    return lease !== null;
  }

  /** Re-reads the lease; true when it names another fence than the keys in use (they are replaced). */
  async refresh(): Promise<boolean> {
    const lease = await readLease(this.redis, this.keys);
    if (!lease || lease.fence === this.current?.fence) return false;
    this.log.info({ fence: lease.fence, holder: lease.holder }, 'the run has a new coordinator: using its keys');
    this.current = new RunSeal(this.secret, this.keys.runId, lease.fence);
    return true;
  }

  /** The payload of a sealed message, trying the lease's newest keys once when the current ones fail. */
  async open(kind: SealKind, bytes: Uint8Array, what: string): Promise<Uint8Array> {
    try {
      return this.seal.open(kind, bytes, what);
    } catch (e) {
      if (!(e instanceof AuthError) || !(await this.refresh())) throw e;
      return this.seal.open(kind, bytes, what);
    }
  }

  /** As open(), for job data. */
  async openJob(data: ShardJobData, what: string): Promise<void> {
    try {
      this.seal.openJob(data, what);
    } catch (e) {
      if (!(e instanceof AuthError) || !(await this.refresh())) throw e;
      this.seal.openJob(data, what);
    }
  }
}
