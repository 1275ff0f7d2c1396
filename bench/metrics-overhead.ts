// `npm run bench:metrics [-- --quick] [-- --scrape-every S]`: what monitoring costs a step. The
// 2-worker batch-256 run of bench/run.ts (784-32-10, shard 64, real worker
// processes, a private Redis), three ways in one run, interleaved round by
// round so that the machine's drift falls on all three alike:
//
//   none  no run monitor at all (the code path before monitoring existed)
//   off   the default: the run monitor keeps per-worker totals, no metrics, no dashboard
//   on    metrics and the dashboard served, /metrics scraped every SCRAPE_S seconds
//         (default 5: 3x as often as Prometheus' usual 15 s) and one dashboard
//         page's event stream open (what a watched run pays)
//
// Prints step times (median and mean, ms; the mean carries the per-epoch
// work: heatmaps and digits) and the ratios off/none and on/off; the
// coordinator's CPU per step; and the time spent in monitoring's own code
// per step (hooks, observer calls, scrapes, dashboard ticks; the HTTP
// server's parsing aside), which stays readable on a busy machine where
// step times move by 10-30 % from run to run. Saved to
// bench/results/metrics-overhead.json. Nothing passes or fails on a time.

import '../lib/accel/register.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { LocalWorkers } from '../cli/local-workers.js';
import { Monitoring } from '../cli/monitoring.js';
import { trainSecret } from '../cli/secret.js';
import { freePort, startPrivateRedis } from '../lib/redis/private-redis.js';
import { prepareRun, runTraining } from '../lib/train/run-training.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
import { deltas, summary, type Summary } from './stats.js';
import { table } from './table.js';

const CASES = ['none', 'off', 'on'] as const;
type Case = (typeof CASES)[number];

const quick = process.argv.includes('--quick');
const PLAN = quick ? { rounds: 2, warmup: 300, timed: 500 } : { rounds: 3, warmup: 1000, timed: 2000 };
const BATCH = 256;
const SHARD = 64;
const WORKERS = 2;
/** `--scrape-every S`: how often the 'on' case scrapes /metrics. */
const scrapeArg = process.argv.indexOf('--scrape-every');
const SCRAPE_S = scrapeArg > 0 ? Number(process.argv[scrapeArg + 1]) : 5;

const tempRoot = mkdtempSync(join(tmpdir(), 'dpt-bench-metrics-'));
const log = pino({ level: 'warn' });
let runs = 0;

/** Scrapes /metrics every SCRAPE_S seconds and keeps one /events stream open, until stopped. */
function watch(port: number): () => void {
  const get = (path: string, keep: boolean) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
    });
    req.on('error', () => {});
    req.end();
    return keep ? req : null;
  };
  const stream = get('/events', true);
  const timer = setInterval(() => get('/metrics', false), SCRAPE_S * 1000);
  return () => {
    clearInterval(timer);
    stream?.destroy();
  };
}

/**
 * Replaces `names` on `obj` with wrappers that add their own run time (ms)
 * to `spent.ms` while `spent.on`: monitoring's own work, measured where it
 * runs, which a busy machine's noise does not drown (the step times do).
 */
function timeMethods(obj: object, names: string[], spent: { ms: number; on: boolean }): void {
  const o = obj as Record<string, unknown>;
  for (const name of names) {
    const f = o[name] as (...a: unknown[]) => unknown;
    o[name] = function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      const r = f.apply(this, a);
      if (r instanceof Promise) return r.finally(() => spent.on && (spent.ms += performance.now() - t));
      if (spent.on) spent.ms += performance.now() - t;
      return r;
    };
  }
}

/**
 * One 2-worker run of warmup + timed steps: the timed steps' intervals, this
 * process's CPU per timed step, and the time spent in monitoring's own code
 * per timed step (ms).
 */
async function runCase(redisUrl: string, which: Case): Promise<{ intervals: number[]; cpuMsPerStep: number; monitorMsPerStep: number }> {
  const steps = PLAN.warmup + PLAN.timed + 1;
  const run = prepareRun({ preset: 'mnist', batchSize: String(BATCH), shardSize: String(SHARD), maxSteps: String(steps), epochs: '1000', testLimit: '1' });
  const runId = `bench-metrics-${which}-${Date.now().toString(36)}-${runs++}`;
  const secret = trainSecret(undefined);
  const crash = new AbortController();
  const workers = new LocalWorkers(WORKERS, redisUrl, 'dpt-bench', runId, 'warn', (e) => crash.abort(e), undefined, secret);
  // 'off' is what every distributed run has by default; 'on' serves metrics and the dashboard on a free port.
  const m = which === 'none' ? null
    : await Monitoring.start({ metrics: { port: which === 'on' ? await freePort() : 0, asked: true }, dashboard: 0 }, run.ctx, runId, log);
  const stop = which === 'on' ? watch(m!.ports[0]) : () => {};
  const spent = { ms: 0, on: false };
  if (m) {
    timeMethods(m.monitor, ['phases', 'result', 'dropped', 'redone'], spent);
    if (m.monitor.metrics) timeMethods(m.monitor.metrics.registry, ['metrics'], spent);
    if (m.monitor.feed) timeMethods(m.monitor.feed, ['tick', 'route'], spent);
  }
  const times: number[] = [];
  let cpuStart: NodeJS.CpuUsage | null = null;
  let cpuEnd: NodeJS.CpuUsage | null = null;
  try {
    m?.monitor.watchRedis(redisUrl, log);
    const executor = await openCoordinator({
      redisUrl, secret, prefix: 'dpt-bench', runId, ctx: run.ctx, log, workers: WORKERS, signal: crash.signal, observer: m?.monitor,
    });
    m?.monitor.runOpened(runId);
    const hooks = m?.hooks(false) ?? {};
    if (m) timeMethods(hooks, ['observe', 'observeEpoch'].filter((k) => (hooks as Record<string, unknown>)[k]), spent);
    await runTraining(run, executor, {
      outDir: join(tempRoot, runId), print: () => {}, ...hooks,
      observe: async (plan, state) => {
        await hooks.observe?.(plan, state);
        if (times.length === PLAN.warmup) {
          cpuStart = process.cpuUsage();
          spent.on = true;
        }
        times.push(performance.now());
        if (times.length === steps) {
          cpuEnd = process.cpuUsage(cpuStart!);
          spent.on = false;
        }
      },
    });
    await workers.stop();
  } catch (e) {
    await workers.kill();
    throw e;
  } finally {
    stop();
    await m?.close('finished');
  }
  return { intervals: deltas(times).slice(PLAN.warmup), cpuMsPerStep: (cpuEnd!.user + cpuEnd!.system) / 1000 / PLAN.timed, monitorMsPerStep: spent.ms / PLAN.timed };
}

async function main(): Promise<void> {
  const redis = await startPrivateRedis();
  const all: Record<Case, number[]> = { none: [], off: [], on: [] };
  const cpu: Record<Case, number[]> = { none: [], off: [], on: [] };
  const own: Record<Case, number[]> = { none: [], off: [], on: [] };
  try {
    for (let round = 0; round < PLAN.rounds; round++) {
      // Rotated, so no case always runs first (on a cold machine) or last.
      const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]);
      for (const which of order) {
        const { intervals, cpuMsPerStep, monitorMsPerStep } = await runCase(redis.socketUrl, which);
        all[which].push(...intervals);
        cpu[which].push(cpuMsPerStep);
        own[which].push(monitorMsPerStep);
        const t = summary(intervals);
        console.log(`round ${round + 1}/${PLAN.rounds} ${which}: step median ${t.median.toFixed(3)} ms, mean ${t.mean.toFixed(3)} ms; coordinator CPU ${cpuMsPerStep.toFixed(3)} ms/step; in monitoring ${(monitorMsPerStep * 1000).toFixed(1)} µs/step`);
      }
    }
  } finally {
    await redis.stop();
    rmSync(tempRoot, { recursive: true, force: true });
  }
  const s = Object.fromEntries(CASES.map((c) => [c, summary(all[c])])) as Record<Case, Summary>;
  console.log(`\nmonitoring cost, 784-32-10, batch ${BATCH}, shard ${SHARD}, ${WORKERS} workers, ${PLAN.rounds} rounds x ${PLAN.timed} timed steps each, ` +
    `'on' scraped every ${SCRAPE_S} s`);
  // The coordinator's CPU per step, the median of the rounds: what monitoring adds to the process that runs the step.
  const cpuMs = Object.fromEntries(CASES.map((c) => [c, summary(cpu[c]).median])) as Record<Case, number>;
  const ownMs = Object.fromEntries(CASES.map((c) => [c, summary(own[c]).median])) as Record<Case, number>;
  console.log(table(['case', 'step median ms', 'step mean ms', 'step p99 ms', 'coordinator CPU ms/step', 'in monitoring µs/step'],
    CASES.map((c) => [c, s[c].median.toFixed(3), s[c].mean.toFixed(3), s[c].p99.toFixed(3), cpuMs[c].toFixed(4), (ownMs[c] * 1000).toFixed(1)])));
  const ratios = {
    offOverNone: { median: s.off.median / s.none.median, mean: s.off.mean / s.none.mean },
    onOverOff: { median: s.on.median / s.off.median, mean: s.on.mean / s.off.mean },
    /** Coordinator CPU that monitoring adds per step, as a fraction of the step time (of 'off'). */
    addedCpuOverStep: { off: (cpuMs.off - cpuMs.none) / s.none.median, on: (cpuMs.on - cpuMs.off) / s.off.median },
    /** Time in monitoring's own code per step, over the step time (the step median of 'none'). */
    monitoringOverStep: { off: ownMs.off / s.none.median, on: ownMs.on / s.none.median },
  };
  const pct = (r: number) => `${r.toFixed(4)} (${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(2)} %)`;
  console.log(`off / none: ${pct(ratios.offOverNone.median)} median, ${pct(ratios.offOverNone.mean)} mean`);
  console.log(`on / off:   ${pct(ratios.onOverOff.median)} median, ${pct(ratios.onOverOff.mean)} mean`);
  const share = (x: number) => `${(x * 100).toFixed(2)} %`;
  console.log(`coordinator CPU added per step, over the step time: off ${share(ratios.addedCpuOverStep.off)}, on ${share(ratios.addedCpuOverStep.on)}`);
  console.log(`time in monitoring's own code, over the step time:  off ${share(ratios.monitoringOverStep.off)}, on ${share(ratios.monitoringOverStep.on)}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/metrics-overhead.json', JSON.stringify({ date: new Date().toISOString(), quick, plan: PLAN, scrapeEverySeconds: SCRAPE_S, stepMs: s, coordinatorCpuMsPerStep: cpuMs, monitoringMsPerStep: ownMs, ratios }, null, 2) + '\n');
}

await main();
