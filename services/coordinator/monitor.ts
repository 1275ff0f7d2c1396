// What the coordinator knows about its run while it trains, for people and
// for Prometheus: per-worker totals (always, for summary.json: a map update
// per result), and, only when asked for, the metrics (metrics.ts) and the
// live dashboard (dashboard/dashboard-feed.ts).
//
// It hears the run three ways: the distributed executor's StepObserver
// (phase times, each accepted result with its worker, drops, re-queued
// shards), the training loop's per-step and per-epoch hooks
// (TrainingOptions.observe / observeEpoch), and, with metrics on, a PING on
// a connection of its own every 2 s (Redis round trip, /readyz).
//
// Nothing here changes a result: it reads the loop's state, never writes it.

import type { Redis } from 'ioredis';
import type { Logger } from '../../lib/log.js';
import { connectRedis } from '../../lib/redis/connect.js';
import type { StepPlan } from '../../lib/train/plan.js';
import { totalSteps } from '../../lib/train/plan.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import type { TrainingOptions, WorkerTotal } from '../../lib/train/run-training.js';
import type { EpochMetrics, LoopState } from '../../lib/train/train-loop.js';
import type { ShardResult } from '../step-protocol.js';
import type { DashboardFeed, WorkerView } from './dashboard/dashboard-feed.js';
import type { CoordinatorMetrics } from './metrics.js';
import type { DropReason, StepObserver } from './redis-executor.js';

const PING_MS = 2000;
/** Throughput is measured over at least this long (one step can take a few milliseconds). */
const RATE_WINDOW_MS = 1000;

export class RunMonitor implements StepObserver {
  private readonly workerViews = new Map<string, WorkerView>();
  /** Each worker's labelled counters, looked up once (labels() hashes its arguments on every call). */
  private readonly workerCounters = new Map<string, { shards: { inc(n?: number): void }; seconds: { inc(n?: number): void } }>();
  /** When the last run() returned: the reduce phase runs from there to the step hook. */
  private runEnded = -1;
  private rateMark: { t: number; samples: number } | null = null;
  /** Samples of the steps this coordinator ran (a resumed run's earlier ones not counted). */
  private samplesSeen = 0;
  private started = performance.now();
  private firstVersion = -1;
  private probe: Redis | null = null;
  private pinger: NodeJS.Timeout | undefined;
  private runId: string | null = null;
  readonly totalSteps: number;

  constructor(
    ctx: ModelContext,
    readonly metrics: CoordinatorMetrics | null = null,
    readonly feed: DashboardFeed | null = null,
  ) {
    const { config } = ctx;
    this.totalSteps = totalSteps(ctx.trainCount, config.batchSize, config.epochs, config.maxSteps);
  }

  /**
   * With metrics on: a connection of its own to ping Redis (round-trip
   * histogram; /readyz asks whether it is up). Its errors are the
   * coordinator's connections' errors too, reported there: not logged twice.
   */
  watchRedis(url: string, log: Logger): void {
    if (!this.metrics) return;
    const probe = (this.probe = connectRedis(url, 'dpt-coordinator-metrics', (err) => log.debug({ err: err.message }, 'metrics probe: redis error')));
    const rtt = this.metrics.redisRtt;
    const ping = () => {
      if (probe.status !== 'ready') return;
      const t = performance.now();
      probe.ping().then(() => rtt.observe((performance.now() - t) / 1000), () => {});
    };
    ping();
    this.pinger = setInterval(ping, PING_MS);
    this.pinger.unref();
  }

  /** The run is published on Redis (or, in-process, has started): /readyz turns ready. */
  runOpened(runId: string): void {
    this.runId = runId;
    this.started = performance.now();
    this.feed?.setStatus('running');
  }

  /** null when ready; else why not (the body of /readyz's 503). */
  readonly ready = (): string | null => {
    if (this.runId === null) return 'the run is not open yet';
    if (this.probe && this.probe.status !== 'ready') return `not connected to Redis (${this.probe.status})`;
    return null;
  };

  // ---- StepObserver (the distributed executor)

  phases(broadcastSeconds: number, waitSeconds: number): void {
    this.runEnded = performance.now();
    if (!this.metrics) return;
    this.metrics.phase.broadcast.observe(broadcastSeconds);
    this.metrics.phase.wait.observe(waitSeconds);
  }

  result(r: ShardResult): void {
    let w = this.workerViews.get(r.worker);
    if (!w) {
      w = { id: r.worker, host: r.host ?? '', shards: 0, computeSeconds: 0, lastSeen: 0 };
      this.workerViews.set(r.worker, w);
      if (this.metrics) {
        this.metrics.workersSeen.set(this.workerViews.size);
        this.workerCounters.set(r.worker, {
          shards: this.metrics.shardsReceived.labels(w.id, w.host), seconds: this.metrics.shardComputeSeconds.labels(w.id, w.host),
        });
      }
    }
    // One result covers a whole subtree of the step's shards (pairwise-tree reduction).
    const seconds = r.computeSeconds ?? 0;
    w.shards += r.shardCount;
    w.computeSeconds += seconds;
    w.lastSeen = Date.now();
    const counters = this.workerCounters.get(r.worker);
    if (counters) {
      counters.shards.inc(r.shardCount);
      counters.seconds.inc(seconds);
    }
  }

  dropped(reason: DropReason): void {
    this.metrics?.resultsRejected.labels(reason).inc();
  }

  redone(shards: number): void {
    this.metrics?.shardsRedone.inc(shards);
  }

  // ---- The training loop's hooks

  /** observe / observeEpoch / workerTotals for runTraining. */
  hooks(checkpointing: boolean): Pick<TrainingOptions, 'observe' | 'observeEpoch' | 'workerTotals'> {
    const watching = this.metrics !== null || this.feed !== null;
    return {
      // Without metrics or dashboard, the loop is not called back per step at all.
      observe: watching ? (plan, state) => this.step(plan, state) : undefined,
      observeEpoch: watching ? (m, state) => this.epoch(m, state, checkpointing) : undefined,
      workerTotals: () => this.workerTotals(),
    };
  }

  private step(plan: StepPlan, state: LoopState): void {
    const now = performance.now();
    if (this.firstVersion < 0) this.firstVersion = state.version - 1;
    if (this.metrics) {
      this.metrics.steps.inc();
      this.metrics.samples.inc(plan.size);
      if (this.runEnded >= 0) this.metrics.phase.reduce.observe((now - this.runEnded) / 1000);
    }
    this.runEnded = -1;
    const samples = (this.samplesSeen += plan.size);
    // Measured from the first step on: the time before it (workers starting up) is no throughput.
    if (!this.rateMark) this.rateMark = { t: now, samples };
    if (now - this.rateMark.t >= RATE_WINDOW_MS) {
      const rate = ((samples - this.rateMark.samples) * 1000) / (now - this.rateMark.t);
      this.rateMark = { t: now, samples };
      this.metrics?.samplesPerSecond.set(rate);
      this.feed?.throughput((now - this.started) / 1000, rate);
    }
    if (this.feed) {
      const done = state.version - this.firstVersion;
      const elapsed = (now - this.started) / 1000;
      this.feed.progress({ step: state.version, totalSteps: this.totalSteps, epoch: plan.epoch, elapsedSeconds: elapsed,
        etaSeconds: done > 0 ? ((this.totalSteps - state.version) * elapsed) / done : null });
    }
  }

  private epoch(m: EpochMetrics, state: LoopState, checkpointed: boolean): void {
    if (this.metrics) {
      this.metrics.onEpoch(m);
      if (checkpointed) this.metrics.checkpointWrites.inc();
    }
    this.feed?.epoch(state, this.workers());
  }

  /** Workers by id, for the dashboard's table. */
  workers(): WorkerView[] {
    return [...this.workerViews.values()];
  }

  /** What summary.json records per worker. */
  workerTotals(): WorkerTotal[] {
    return this.workers().map(({ id, host, shards, computeSeconds }) => ({ id, host, shards, computeSeconds: +computeSeconds.toFixed(6) }));
  }

  /** Ends the probe; the run's outcome goes to the dashboard. */
  async close(outcome: string): Promise<void> {
    clearInterval(this.pinger);
    this.feed?.setStatus(outcome);
    await this.probe?.quit().catch(() => {});
  }
}
