// `npm run bench:metrics [-- --quick]`: what monitoring costs a step. The
// 2-worker batch-256 run of bench/run.ts (784-32-10, shard 64, real worker
// processes, a private Redis), three ways in one run, interleaved round by
// round so that the machine's drift falls on all three alike:
//
//   none  no run monitor at all (the code path before monitoring existed)
//   off   the default: the run monitor keeps per-worker totals, no metrics, no dashboard
//   on    metrics and the dashboard served, /metrics scraped every second and one
//         dashboard page's event stream open (what a watched run pays)
//
// Prints step times (median and mean, ms; the mean carries the per-epoch
// work: heatmaps and digits) and the ratios off/none and on/off. Saved to
// bench/results/metrics-overhead.json. Nothing passes or fails on a time.

import '../lib/accel/register.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { LocalWorkers } from '../cli/local-workers.js';
import { Monitoring } from '../cli/monitoring.js';
import { trainSecret } from '../cli/secret.js';
import { startPrivateRedis } from '../lib/redis/private-redis.js';
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

const tempRoot = mkdtempSync(join(tmpdir(), 'dpt-bench-metrics-'));
const log = pino({ level: 'warn' });
let runs = 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Scrapes /metrics every second and keeps one /events stream open, until stopped. */
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
  const timer = setInterval(() => get('/metrics', false), 1000);
  return () => {
    clearInterval(timer);
    stream?.destroy();
  };
}

/** One 2-worker run of warmup + timed steps: the timed steps' intervals, and this process's CPU per timed step, in ms. */
async function runCase(redisUrl: string, which: Case): Promise<{ intervals: number[]; cpuMsPerStep: number }> {
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
    await runTraining(run, executor, {
      outDir: join(tempRoot, runId), print: () => {}, ...hooks,
      observe: async (plan, state) => {
        await hooks.observe?.(plan, state);
        if (times.length === PLAN.warmup) cpuStart = process.cpuUsage();
        times.push(performance.now());
        if (times.length === steps) cpuEnd = process.cpuUsage(cpuStart!);
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
  return { intervals: deltas(times).slice(PLAN.warmup), cpuMsPerStep: (cpuEnd!.user + cpuEnd!.system) / 1000 / PLAN.timed };
}

async function main(): Promise<void> {
  const redis = await startPrivateRedis();
  const all: Record<Case, number[]> = { none: [], off: [], on: [] };
  const cpu: Record<Case, number[]> = { none: [], off: [], on: [] };
  try {
    for (let round = 0; round < PLAN.rounds; round++) {
      // Rotated, so no case always runs first (on a cold machine) or last.
      const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]);
      for (const which of order) {
        const { intervals, cpuMsPerStep } = await runCase(redis.socketUrl, which);
        all[which].push(...intervals);
        cpu[which].push(cpuMsPerStep);
        const t = summary(intervals);
        console.log(`round ${round + 1}/${PLAN.rounds} ${which}: step median ${t.median.toFixed(3)} ms, mean ${t.mean.toFixed(3)} ms; coordinator CPU ${cpuMsPerStep.toFixed(3)} ms/step`);
      }
    }
  } finally {
    await redis.stop();
    rmSync(tempRoot, { recursive: true, force: true });
  }
  const s = Object.fromEntries(CASES.map((c) => [c, summary(all[c])])) as Record<Case, Summary>;
  console.log(`\nmonitoring cost, 784-32-10, batch ${BATCH}, shard ${SHARD}, ${WORKERS} workers, ${PLAN.rounds} rounds x ${PLAN.timed} timed steps each`);
  // The coordinator's CPU per step, the median of the rounds: what monitoring adds to the process that runs the step.
  const cpuMs = Object.fromEntries(CASES.map((c) => [c, summary(cpu[c]).median])) as Record<Case, number>;
  console.log(table(['case', 'step median ms', 'step mean ms', 'step p99 ms', 'coordinator CPU ms/step'],
    CASES.map((c) => [c, s[c].median.toFixed(3), s[c].mean.toFixed(3), s[c].p99.toFixed(3), cpuMs[c].toFixed(4)])));
  const ratios = {
    offOverNone: { median: s.off.median / s.none.median, mean: s.off.mean / s.none.mean },
    onOverOff: { median: s.on.median / s.off.median, mean: s.on.mean / s.off.mean },
    /** Coordinator CPU that monitoring adds per step, as a fraction of the step time (of 'off'). */
    addedCpuOverStep: { off: (cpuMs.off - cpuMs.none) / s.none.median, on: (cpuMs.on - cpuMs.off) / s.off.median },
  };
  const pct = (r: number) => `${r.toFixed(4)} (${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(2)} %)`;
  console.log(`off / none: ${pct(ratios.offOverNone.median)} median, ${pct(ratios.offOverNone.mean)} mean`);
  console.log(`on / off:   ${pct(ratios.onOverOff.median)} median, ${pct(ratios.onOverOff.mean)} mean`);
  const share = (x: number) => `${(x * 100).toFixed(2)} %`;
  console.log(`coordinator CPU added per step, over the step time: off ${share(ratios.addedCpuOverStep.off)}, on ${share(ratios.addedCpuOverStep.on)}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/metrics-overhead.json', JSON.stringify({ date: new Date().toISOString(), quick, plan: PLAN, stepMs: s, coordinatorCpuMsPerStep: cpuMs, ratios }, null, 2) + '\n');
}

await main();
