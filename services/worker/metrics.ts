// A worker's Prometheus metrics (README "Metrics"), served on its own port
// when `dpt worker --metrics-port` (or DPT_METRICS_PORT) asks for it. Workers
// forked by `dpt train` serve none: their coordinator exports what their
// results tell it (dpt_shards_received_total and the like).

import { Counter, Histogram, type Registry } from 'prom-client';
import { newRegistry } from '../../lib/metrics/metrics-server.js';
import type { ShardMetrics } from './shard-processor.js';

/** What can go wrong in a worker, as counted by dpt_worker_errors_total{kind}. */
export type WorkerErrorKind = 'job-failed' | 'job-dropped' | 'redis' | 'queue';

const COMPUTE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export class WorkerMetrics implements ShardMetrics {
  readonly registry: Registry;
  private readonly shards: Counter;
  private readonly compute: Histogram;
  /** dpt_worker_weights_fetches_total{source}, one child per source looked up once: labels() hashes its arguments on every call. */
  private readonly fetches: Record<'push' | 'pull', Counter.Internal>;
  private readonly givenBack: Counter;
  private readonly errors: Counter<'kind'>;

  constructor() {
    const registers = [(this.registry = newRegistry({ role: 'worker' }))];
    this.shards = new Counter({ name: 'dpt_worker_shards_total', help: 'shard gradients computed (a job carries one or more shards)', registers });
    this.compute = new Histogram({ name: 'dpt_worker_compute_seconds', help: 'compute time of one shard gradient', buckets: COMPUTE_BUCKETS, registers });
    const weightsFetches = new Counter({
      name: 'dpt_worker_weights_fetches_total', help: 'weights versions taken: push (the broadcast) or pull (read by key)', labelNames: ['source'], registers,
    });
    this.givenBack = new Counter({ name: 'dpt_worker_jobs_given_back_total', help: 'jobs handed back to the queue because their weights were slow to come', registers });
    this.errors = new Counter({ name: 'dpt_worker_errors_total', help: 'errors by kind: job-failed, job-dropped (not this run\'s), redis, queue', labelNames: ['kind'], registers });
    this.fetches = { push: weightsFetches.labels('push'), pull: weightsFetches.labels('pull') };
    for (const c of Object.values(this.fetches)) c.inc(0);
    for (const kind of ['job-failed', 'job-dropped', 'redis', 'queue'] satisfies WorkerErrorKind[]) this.errors.labels(kind).inc(0);
  }

  computed(seconds: number): void {
    this.shards.inc();
    this.compute.observe(seconds);
  }

  /** A weights version taken: pushed by the broadcast or pulled by key (once per step). */
  weightsTaken(source: 'push' | 'pull'): void {
    this.fetches[source].inc();
  }

  gaveBack(): void {
    this.givenBack.inc();
  }

  error(kind: WorkerErrorKind): void {
    this.errors.labels(kind).inc();
  }
}
