// The coordinator's Prometheus metrics: every name it exports, defined in one
// place (README "Metrics" lists them with their meaning). Updated by the run
// monitor (monitor.ts) only when metrics are on; a run without them never
// builds this object.

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { newRegistry } from '../../lib/metrics/metrics-server.js';
import type { EpochMetrics } from '../../lib/train/train-loop.js';
import { DROP_REASONS } from './redis-executor.js';

/** Step phases: Redis answering the broadcast, the wait for every shard's result, the reduce and SGD update. */
export type StepPhase = 'broadcast' | 'wait' | 'reduce';

// Step times run from milliseconds (parity, small batches) to seconds (a
// large batch on a loaded machine); Redis round trips from 0.1 ms up.
const STEP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RTT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export class CoordinatorMetrics {
  readonly registry: Registry;
  readonly steps: Counter;
  readonly samples: Counter;
  readonly stepSeconds: Histogram<'phase'>;
  /** dpt_step_seconds by phase, looked up once: labels() hashes its arguments on every call, and this runs every step. */
  readonly phase: Record<StepPhase, { observe(seconds: number): void }>;
  readonly samplesPerSecond: Gauge;
  readonly epoch: Gauge;
  readonly trainError: Gauge;
  readonly trainAccuracy: Gauge;
  readonly testAccuracy: Gauge;
  readonly workersSeen: Gauge;
  readonly shardsRedone: Counter;
  readonly resultsRejected: Counter<'reason'>;
  readonly redisRtt: Histogram;
  readonly checkpointWrites: Counter;
  readonly shardsReceived: Counter<'worker' | 'host'>;
  readonly shardComputeSeconds: Counter<'worker' | 'host'>;

  constructor(labels: Record<string, string> = {}) {
    const registers = [(this.registry = newRegistry({ ...labels, role: 'coordinator' }))];
    this.steps = new Counter({ name: 'dpt_steps_total', help: 'SGD steps applied by this coordinator', registers });
    this.samples = new Counter({ name: 'dpt_samples_total', help: 'training samples those steps covered', registers });
    this.stepSeconds = new Histogram({
      name: 'dpt_step_seconds', help: 'time of one step, by phase: broadcast (weights out, answered by Redis), wait (for every shard result), reduce (the pairwise-tree sum + SGD update)',
      labelNames: ['phase'], buckets: STEP_BUCKETS, registers,
    });
    this.samplesPerSecond = new Gauge({ name: 'dpt_samples_per_second', help: 'training throughput over the last second or more', registers });
    this.epoch = new Gauge({ name: 'dpt_epoch', help: 'epochs completed', registers });
    this.trainError = new Gauge({ name: 'dpt_train_error', help: 'mean training error (loss per sample) of the last epoch', registers });
    this.trainAccuracy = new Gauge({ name: 'dpt_train_accuracy', help: 'training accuracy of the last epoch', registers });
    this.testAccuracy = new Gauge({ name: 'dpt_test_accuracy', help: 'test accuracy after the last epoch', registers });
    this.workersSeen = new Gauge({ name: 'dpt_workers_seen', help: 'distinct workers whose results were accepted', registers });
    this.shardsRedone = new Counter({ name: 'dpt_shards_redone_total', help: 'shards re-queued because their job was lost', registers });
    this.resultsRejected = new Counter({
      name: 'dpt_results_rejected_total', help: 'messages from Redis dropped instead of applied, by reason', labelNames: ['reason'], registers,
    });
    this.redisRtt = new Histogram({ name: 'dpt_redis_rtt_seconds', help: 'Redis round trip (PING) from the coordinator, every 2 s', buckets: RTT_BUCKETS, registers });
    this.checkpointWrites = new Counter({ name: 'dpt_checkpoint_writes_total', help: 'checkpoints written', registers });
    this.shardsReceived = new Counter({
      name: 'dpt_shards_received_total', help: 'shard results accepted, by the worker that computed them', labelNames: ['worker', 'host'], registers,
    });
    this.shardComputeSeconds = new Counter({
      name: 'dpt_shard_compute_seconds_total', help: 'compute time the workers report for accepted shards, by worker', labelNames: ['worker', 'host'], registers,
    });
    // Every reason and phase from the start, at 0: a rate() over a counter that appears late misses its first increase.
    for (const reason of DROP_REASONS) this.resultsRejected.labels(reason).inc(0);
    this.phase = { broadcast: this.stepSeconds.labels('broadcast'), wait: this.stepSeconds.labels('wait'), reduce: this.stepSeconds.labels('reduce') };
  }

  onEpoch(m: EpochMetrics): void {
    this.epoch.set(m.epoch + 1);
    this.trainError.set(m.trainError);
    this.trainAccuracy.set(m.trainAccuracy);
    this.testAccuracy.set(m.testAccuracy);
  }
}

