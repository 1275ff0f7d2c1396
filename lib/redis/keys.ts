// Every Redis key, channel and queue name dpt uses, in one place. Run keys
// carry the prefix and the run id, so two runs never see each other and a
// whole run (BullMQ's keys included) can be deleted by the pattern
// `<prefix>:run:<id>:*`. Datasets are content-addressed and shared by runs.

import { ConfigError } from '../errors.js';

export const DEFAULT_PREFIX = 'dpt';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkRunId(runId: string, flag = '--run-id'): string {
  if (!RUN_ID.test(runId)) throw new ConfigError(flag, `"${runId}" is not a valid run id (1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit)`);
  return runId;
}

export class RunKeys {
  readonly base: string;

  constructor(
    readonly prefix: string,
    readonly runId: string,
  ) {
    this.base = `${prefix}:run:${runId}`;
  }

  /** RunSpec bytes: all a worker needs to join. */
  get spec(): string {
    return `${this.base}:spec`;
  }
  /** 'running' | 'finished' | 'failed' | 'stopped'. */
  get status(): string {
    return `${this.base}:status`;
  }
  /**
   * The coordinator's lease on the run: "<fence> <holder>", with a TTL the
   * coordinator renews. While it lives no other coordinator may take the run.
   */
  get lease(): string {
    return `${this.base}:lease`;
  }
  /** Counter of leases granted: each new holder gets the next value, its fencing token. */
  get fence(): string {
    return `${this.base}:fence`;
  }
  /** WeightsSnapshot bytes of version v (expires). */
  weights(version: number): string {
    return `${this.base}:weights:${version}`;
  }
  /** Pub/sub channel carrying every new WeightsSnapshot to subscribed workers. */
  get weightsChannel(): string {
    return `${this.base}:weights`;
  }
  /** Pub/sub channel for run-wide control messages ('finished', 'failed'). */
  get controlChannel(): string {
    return `${this.base}:control`;
  }
  /** The weights version being trained on now (set with each broadcast): tells a worker whether a job is stale. */
  get version(): string {
    return `${this.base}:version`;
  }
  /**
   * List of ShardResult bytes, pushed by workers; the coordinator blocks on it,
   * so a result arrives with its notice in one round trip. Duplicates (a job
   * run twice) are dropped by (step, shard).
   */
  get done(): string {
    return `${this.base}:done`;
  }
  /**
   * List of sealed shard jobs (dispatch 'list', services/step-protocol.ts):
   * the coordinator pushes a step's jobs, workers pop them; a job is gone
   * once popped, and a lost one is pushed again by the stalled step.
   */
  get jobs(): string {
    return `${this.base}:jobs`;
  }
  /** List of ShardFailure bytes: shards a worker cannot compute (services/step-protocol.ts). */
  get failed(): string {
    return `${this.base}:failed`;
  }
  /** BullMQ prefix: puts the queue's keys under the run. */
  get bullPrefix(): string {
    return `${this.base}:bull`;
  }
  /** Pattern matching every key of the run. */
  get pattern(): string {
    return `${this.base}:*`;
  }
}

/** Set of run ids whose coordinator is running: workers started without --run-id pick from it. */
export function activeRunsKey(prefix: string): string {
  return `${prefix}:runs:active`;
}

export class DatasetKeys {
  readonly base: string;

  constructor(prefix: string, sha256: string) {
    this.base = `${prefix}:data:${sha256}`;
  }

  /** Written last, after every chunk: its presence means the upload is complete. */
  get ref(): string {
    return `${this.base}:ref`;
  }
  chunk(i: number): string {
    return `${this.base}:chunk:${i}`;
  }
}
