// End-to-end training: the real training loop, in-process and through the
// real coordinator with 1 or 2 real worker processes on a private Redis,
// timing every step where the coordinator sees it (the observe hook).
// The per-step overhead is (distributed step time) - (in-process step time).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from '../lib/log.js';
import { InProcessExecutor, type LoopState } from '../lib/train/train-loop.js';
import { prepareRun, runTraining, type PreparedRun } from '../lib/train/run-training.js';
import type { ConfigFlags, Dispatch } from '../lib/config.js';
import type { StepPlan } from '../lib/train/plan.js';
import { trainSecret } from '../cli/secret.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
import { LocalWorkers } from '../cli/local-workers.js';
import { deltas, summary, type Summary } from './stats.js';
import { cpuByRole, cpuPerStep, type CpuByRole } from './cpu.js';

const tempRoot = mkdtempSync(join(tmpdir(), 'dpt-bench-'));
let outCount = 0;
const out = () => join(tempRoot, `out-${outCount++}`);

/** Removes the run folders the benchmarks wrote. */
export function cleanEndToEnd(): void {
  rmSync(tempRoot, { recursive: true, force: true });
}

/** A step that waits this long for a shard fails the run (dpt's default, 5 min, is for real clusters). */
const STEP_TIMEOUT_MS = 60_000;

type Observe = (plan: StepPlan, state: LoopState) => void | Promise<void>;

/** Per-step timing fields (`*Ms`) of the coordinator's debug 'step' lines, one record per step, in order. */
export type StepPhases = Record<string, number>[];

/** A log line's timing fields (`*Ms`, and `ms`), or null for a line that is not JSON; warnings and errors are printed. */
function timingFields(line: string, msg: string): Record<string, number> | null {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
    return null;
  }
  if (typeof rec.level === 'number' && rec.level >= 40) process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
  if (rec.msg !== msg) return null;
  const timing: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec)) if (typeof v === 'number' && (/(^ms|Ms)$/.test(k) || k === 'step')) timing[k] = v;
  return timing;
}

/**
 * The coordinator's logger: warnings and errors printed as usual, and its
 * per-step debug line (how long publishing, enqueueing, collecting took)
 * captured into `phases`, whatever fields it has today.
 */
function benchLogger(phases: StepPhases | undefined): Logger {
  // Without `phases`, the level `dpt train` runs its coordinator at (warn): building and parsing a debug line per step cost ~0.1 ms of CPU.
  return pino({ name: 'bench', level: phases ? 'debug' : 'warn' }, {
    write(line: string) {
      const timing = timingFields(line, 'step');
      if (timing && phases) {
        delete timing.step;
        phases.push(timing);
      }
    },
  });
}

/** Per-job timing fields (`*Ms`) of the workers' debug 'shard' lines, with the job's step. */
export type JobPhases = (Record<string, number> & { step: number })[];

/** A worker output handler: warnings and errors printed, 'shard' timing lines kept in `jobs`. */
function workerLines(jobs: JobPhases): (line: string) => void {
  return (line) => {
    const timing = timingFields(line, 'shard');
    if (timing && typeof timing.step === 'number') jobs.push(timing as Record<string, number> & { step: number });
  };
}

/**
 * One training run with `workers` processes (0 = in-process), calling
 * `observe` after every step. Distributed runs start their workers here, so
 * the first steps include worker start-up.
 */
export async function train(
  redisUrl: string, run: PreparedRun, workers: number, observe: Observe, phases?: StepPhases, workerPhases?: JobPhases, dispatch?: Dispatch,
): Promise<void> {
  if (workers === 0) {
    await runTraining(run, new InProcessExecutor(run.ctx), { outDir: out(), print: () => {}, observe });
    return;
  }
  const runId = `bench-${workers}w-${Date.now().toString(36)}-${outCount}`;
  const crash = new AbortController();
  // The run's own secret, as `dpt train` makes one for the workers it forks.
  const secret = trainSecret(undefined);
  // Worker debug lines cost CPU (~0.1 ms a job here, formatting and piping): only when their timings are wanted.
  const local = workerPhases
    ? new LocalWorkers(workers, redisUrl, 'dpt-bench', runId, 'debug', (e) => crash.abort(e), workerLines(workerPhases), secret)
    : new LocalWorkers(workers, redisUrl, 'dpt-bench', runId, 'warn', (e) => crash.abort(e), undefined, secret);
  try {
    const executor = await openCoordinator({
      redisUrl, secret, prefix: 'dpt-bench', runId, ctx: run.ctx, log: benchLogger(phases), workers, signal: crash.signal, stepTimeoutMs: STEP_TIMEOUT_MS, dispatch,
    });
    await runTraining(run, executor, { outDir: out(), print: () => {}, observe });
    await local.stop();
  } catch (e) {
    await local.kill();
    throw e;
  }
}

export interface EndToEndResult {
  structure: number[];
  batch: number;
  shard: number;
  workers: number;
  /** Steps run, and the steps timed (the rest are warm-up: worker start-up, JIT). */
  steps: number;
  timedSteps: number;
  samplesPerSecond: number;
  stepMs: Summary;
  /** CPU time per timed step of this process, the workers and redis-server together (null without /proc). */
  cpuMsPerStep: number | null;
  /** The same split by process: the coordinator (or in-process trainer), the worker processes, redis-server. */
  cpuMsPerStepByRole: CpuByRole | null;
  /** Distributed runs: median of each timing field of the coordinator's per-step debug line, over the timed steps. */
  phaseMedianMs?: Record<string, number>;
  /** Distributed runs: the same for the workers' per-job debug line (weightsMs, computeMs, pushMs), over the jobs of the timed steps. */
  jobPhaseMedianMs?: Record<string, number>;
}

/** Median of every field over the records (a field missing in a record is skipped there). */
function medians(records: Record<string, number>[], skip: string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of new Set(records.flatMap((p) => Object.keys(p)))) {
    if (skip.includes(key)) continue;
    out[key] = summary(records.map((p) => p[key]).filter((v) => v !== undefined)).median;
  }
  return out;
}

export interface EndToEndOptions {
  structure?: number[];
  batch: number;
  shard: number;
  workers: number;
  steps: number;
  /** Step intervals to drop at the start (the first step is never timed: there is no interval before it). */
  warmup: number;
  /** Also collect the workers' per-job timings (they then log at debug level, which costs them CPU). */
  workerPhases?: boolean;
  /** How jobs reach the workers (default: the coordinator's, 'list'). */
  dispatch?: Dispatch;
}

export async function benchEndToEnd(redisUrl: string, o: EndToEndOptions): Promise<EndToEndResult> {
  const structure = o.structure ?? [784, 32, 10];
  const flags: ConfigFlags = {
    preset: 'mnist', structure: structure.join(','), batchSize: String(o.batch), shardSize: String(o.shard),
    maxSteps: String(o.steps), epochs: '1000', testLimit: '1',
  };
  const times: number[] = [];
  const phases: StepPhases = [];
  const jobPhases: JobPhases | undefined = o.workerPhases ? [] : undefined;
  // CPU is read at the first and last timestamps of the timed window (the
  // workers are still alive then), outside the timed intervals: before the
  // first timestamp, after the last.
  let cpuStart: CpuByRole | null = null;
  let cpuEnd: CpuByRole | null = null;
  await train(redisUrl, prepareRun(flags), o.workers, () => {
    if (times.length === o.warmup) cpuStart = cpuByRole();
    times.push(performance.now());
    if (times.length === o.steps) cpuEnd = cpuByRole();
  }, phases, jobPhases, o.dispatch);
  const steady = deltas(times).slice(o.warmup);
  const byRole = cpuStart !== null && cpuEnd !== null ? cpuPerStep(cpuStart, cpuEnd, steady.length) : null;
  const stepMs = summary(steady);
  // deltas()[i] ends at step i + 2: keep the phases of the same steps.
  const phaseMedianMs = medians(phases.slice(o.warmup + 1));
  const jobPhaseMedianMs = jobPhases ? medians(jobPhases.filter((j) => j.step >= o.warmup + 1), ['step']) : undefined;
  return {
    structure, batch: o.batch, shard: o.shard, workers: o.workers, steps: o.steps, timedSteps: steady.length,
    samplesPerSecond: o.batch / (stepMs.mean / 1000), stepMs, cpuMsPerStep: byRole === null ? null : byRole.self + byRole.workers + byRole.redis, cpuMsPerStepByRole: byRole,
    ...(o.workers > 0 ? { phaseMedianMs, ...(jobPhaseMedianMs ? { jobPhaseMedianMs } : {}) } : {}),
  };
}

export interface AccuracyPoint {
  step: number;
  accuracy: number;
  /** Seconds since the run started, evaluation time excluded. */
  seconds: number;
}

export interface TimeToAccuracyResult {
  workers: number;
  target: number;
  reached: boolean;
  /** First evaluated step at or above the target, and the clock then (evaluations excluded, start-up included). */
  steps: number | null;
  seconds: number | null;
  /** Seconds from the start to the end of step 1: process start-up, dataset upload/download. */
  startupSeconds: number;
  evalSeconds: number;
  curve: AccuracyPoint[];
}

class TargetReached extends Error {}

/**
 * Trains the `mnist` preset, evaluating test accuracy on the full test set
 * every `every` steps with the clock stopped, until it reaches `target` or
 * `maxSteps`. In-process runs stop by throwing from the hook; distributed
 * runs are given maxSteps (pass the in-process answer: the runs are
 * bit-identical, so they cross the target at the same step).
 */
export async function timeToAccuracy(redisUrl: string, workers: number, target: number, every: number, maxSteps: number): Promise<TimeToAccuracyResult> {
  const flags: ConfigFlags = { preset: 'mnist', maxSteps: String(maxSteps), epochs: '1000', testLimit: '1' };
  const curve: AccuracyPoint[] = [];
  let evalMs = 0;
  let startupMs = 0;
  let reached: AccuracyPoint | null = null;
  const run = prepareRun(flags);
  const started = performance.now();
  const observe: Observe = (_plan, state) => {
    const now = performance.now();
    if (state.version === 1) startupMs = now - started;
    if (state.version % every !== 0 || reached) return;
    const accuracy = run.ctx.accuracy(state.params, run.dataset.test, 0);
    const point = { step: state.version, accuracy, seconds: (now - started - evalMs) / 1000 };
    curve.push(point);
    evalMs += performance.now() - now;
    if (accuracy >= target) {
      reached = point;
      if (workers === 0) throw new TargetReached();
    }
  };
  try {
    await train(redisUrl, run, workers, observe);
  } catch (e) {
    if (!(e instanceof TargetReached)) throw e;
  }
  const hit = reached as AccuracyPoint | null;
  return {
    workers, target, reached: hit !== null, steps: hit?.step ?? null, seconds: hit?.seconds ?? null,
    startupSeconds: startupMs / 1000, evalSeconds: evalMs / 1000, curve,
  };
}
