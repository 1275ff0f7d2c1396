// `npm run bench [-- --quick] [-- --only kernels,floor,e2e,large,accuracy,peers] [-- --worker-phases]`:
// six measurements on this machine, each printed as a table with ratios
// against a reference measured in the same run, all saved to
// bench/results/latest.json. Absolute numbers vary between runs and
// machines (±30 % is normal on a shared 2-core VM); compare the ratios.
// Nothing here passes or fails on a time. See bench/README.md.

import '../lib/accel/register.js';
import { applyRuntimeFlags } from '../cli/node-flags.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { startPrivateRedis } from '../lib/redis/private-redis.js';
import { activeKernels, KERNEL_IMPLS } from '../lib/math/kernels.js';
import { nativeSparseChoices, type SparseChoice } from '../lib/accel/native/native-kernels.js';
import { paramLayout } from '../lib/math/layout.js';
import { benchKernels, BLAS_OVERRIDES, kernelProblem, type CeilingResult, type KernelResult, type NumpyResult, type RoundRatio } from './kernels.js';
import { benchFloor, type FloorResult } from './floor.js';
import { benchEndToEnd, cleanEndToEnd, timeToAccuracy, type EndToEndResult, type TimeToAccuracyResult } from './end-to-end.js';
import type { CpuByRole } from './cpu.js';
import { benchPeersDistributed, benchPeersInProcess, type DistributedComparison, type PeerComparison } from './peers.js';
import { autoShardsPerJob, jobGroups } from '../services/step-protocol.js';
import { treeBlocks } from '../lib/math/pairwise-tree.js';
import type { Summary } from './stats.js';
import { fmt, ms, ratio, table, type Cell } from './table.js';

// This process runs section 3's coordinators: with dpt's V8 settings, as `dpt train`'s would.
applyRuntimeFlags();

const SECTIONS = ['kernels', 'floor', 'e2e', 'large', 'accuracy', 'peers'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** Workers log per-job timings for the "where a step goes" table; off by default, it costs them CPU. */
const workerPhases = args.includes('--worker-phases');
const onlyArg = args.find((a, i) => a.startsWith('--only=') || args[i - 1] === '--only');
const only = onlyArg ? new Set(onlyArg.replace(/^--only=/, '').split(',')) : null;
if (only) for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) {
  console.error(`bench: unknown section "${s}" in --only; sections: ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const wanted = (s: Section) => !only || only.has(s);

/**
 * Per-run sizes: here --quick takes under a minute and the full run about two.
 *
 * The floor and every end-to-end run get the same warm-up and the same
 * timed window, in steps. A step's cost falls for its first ~2,000 steps
 * while V8 optimizes code that runs once a step (ioredis, BullMQ, the wire
 * codecs): dpt's step at batch 32 with 2 workers went 2.0 -> 0.75 ms over
 * them, the floor's 0.69 -> 0.50 ms. Timing 900 steps after 100 compared
 * dpt's warm-up with the floor's steady state. --quick times its steps
 * before V8 is done: its overhead ratios read high.
 */
const PLAN = quick
  ? { kernelSeconds: 1, kernelRounds: 3, warmupSteps: 300, timedSteps: 300, largeSteps: 4, largeFloorSteps: 10, accuracyCap: 2000, peerEpochs: 3, peerRounds: 1, peerDistEpochs: 3 }
  : { kernelSeconds: 3, kernelRounds: 5, warmupSteps: 2000, timedSteps: 2000, largeSteps: 8, largeFloorSteps: 20, accuracyCap: 3000, peerEpochs: 4, peerRounds: 3, peerDistEpochs: 12 };
const MNIST = [784, 32, 10];
const LARGE = [784, 1024, 1024, 10];
const E2E_SHAPES = [[32, 16], [256, 64], [1024, 256]] as const;
const ARTICLE_ACCURACY = 0.9259;
const EVAL_EVERY = 100;

/** overhead/floor; a negative overhead (the workers' parallel compute won more than Redis cost) has no ratio. */
const overRatio = (r: number) => (r > 0 ? ratio(r) : 'none');
/** CPU per step split by process, as "a / b / c" ms. */
const cpuSplit = (c: CpuByRole | null): string | null => (c ? `${ms(c.self)} / ${ms(c.workers)} / ${ms(c.redis)}` : null);
const modeName = (workers: number) => (workers === 0 ? 'in-process' : `${workers} worker${workers > 1 ? 's' : ''}`);

interface Results {
  date: string;
  quick: boolean;
  machine: Record<string, unknown>;
  kernels?: {
    /** seconds: each implementation's total over `rounds` interleaved rounds. */
    structure: number[]; batch: number; seconds: number; rounds: number; impls: KernelResult[]; numpy: NumpyResult | { skipped: string };
    /** numpy with this machine's OpenBLAS overrides left in place (only when there are some). */
    numpyAsConfigured?: NumpyResult & { overrides: Record<string, string> };
    /** The bound for any 128-bit SIMD kernel (bench/ceiling.ts), or why it was not measured. */
    ceiling128: CeilingResult | { skipped: string };
  };
  /** Section 2; with section 3, each floor carries the batch of the run it was measured right before. */
  floor?: (FloorResult & { beforeBatch?: number })[];
  endToEnd?: (EndToEndResult & { overheadMs?: { median: number; p99: number }; floorStepMs?: Summary; overheadOverFloor?: { median: number; p99: number } | null })[];
  largeNetwork?: EndToEndResult[];
  /** The floor of section 2 with blobs of the large network's size. */
  largeFloor?: FloorResult[];
  timeToAccuracy?: TimeToAccuracyResult[];
  /** Section 6: whole training loops, steady-state epochs, against numpy and PyTorch DDP. */
  peers?: { inProcess: PeerComparison[]; distributed?: DistributedComparison };
  errors: { section: string; message: string }[];
  /** Section 1: the native tuner's choices for MNIST's first layer. */
  sparseChoices?: SparseChoice[];
  /** 1-minute load average when each section started: other processes competing for the cores make every number noisier. */
  loadAtSectionStart: Record<string, number>;
  seconds?: number;
}

function redisVersion(): string | null {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (/v=(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.trim()) : null;
}

/**
 * What the native addon's tuner chose in this process for MNIST's first
 * layer (native/tune.h: sparse-input kernels or the dense GEMM, timed per
 * shape; the same bits either way), printed and kept in the record.
 */
function tunerNote(res: Results): void {
  const first = nativeSparseChoices().filter((c) => c.C === MNIST[0] && c.OC === MNIST[1] && c.elem === 4 && c.choice !== 'undecided');
  if (first.length === 0) return;
  res.sparseChoices = first;
  const us = (ns: number) => (ns / 1000).toFixed(1);
  console.log(`  native sparse/dense choice on this machine (timed per shape, same bits): ${first.map((c) =>
    `${c.kind} at ${c.B} rows ${c.choice} (dense ${us(c.denseNs)} us, sparse ${us(c.sparseNs)} us)`).join('; ')}`);
}

async function sectionKernels(res: Results): Promise<void> {
  const batch = 256;
  console.log(`1. Kernels: MNIST ${MNIST.join('-')}, batch ${batch}, float32, forward + backward (gradient summed over the batch), one core`);
  const problem = kernelProblem(MNIST, batch);
  // numpy as this machine's environment configures OpenBLAS too, when it overrides the kernel choice.
  const overrides = BLAS_OVERRIDES.filter((k) => process.env[k] !== undefined);
  const { results, numpy, numpyAsConfigured: asConfigured, ceiling } = await benchKernels(problem, PLAN.kernelSeconds, PLAN.kernelRounds, overrides.length > 0);
  const np = typeof numpy === 'string' ? null : numpy;
  const npc = asConfigured && typeof asConfigured !== 'string' ? asConfigured : null;
  res.kernels = {
    structure: MNIST, batch, seconds: PLAN.kernelSeconds, rounds: PLAN.kernelRounds, impls: results, numpy: np ?? { skipped: numpy as string },
    ...(npc ? { numpyAsConfigured: { ...npc, overrides: Object.fromEntries(overrides.map((k) => [k, process.env[k] ?? ''])) } } : {}),
    ceiling128: typeof ceiling === 'string' ? { skipped: ceiling } : ceiling,
  };
  const naive = results.find((r) => r.impl === 'naive')?.samplesPerSecond ?? null;
  const vs = (x: RoundRatio | null | undefined) => (x ? `${ratio(x.median)} (${x.min.toFixed(2)}-${x.max.toFixed(2)})` : null);
  const rows: Cell[][] = results.map((r) => r.samplesPerSecond === null
    ? [r.impl, null, null, null, null, null, `skipped: ${r.skipped}`]
    : [`${r.detail ? `${r.impl} (${r.detail})` : r.impl}${r.input === 'no zeros' ? ', no zero inputs' : ''}`, fmt(r.samplesPerSecond), fmt(r.samplesPerCpuSecond), vs(r.vsNumpy),
      vs(r.vsNumpyAsConfigured), naive ? ratio(r.samplesPerSecond / naive) : null, r.sameBitsAsNaive === null ? null : r.sameBitsAsNaive ? 'yes' : 'NO']);
  for (const [ref, label] of [[np, ''], [npc, `, as configured: ${overrides.map((k) => `${k}=${process.env[k]}`).join(' ')}`]] as const) {
    if (!ref) continue;
    const blas = ref.blas as { library?: string; coreType?: string; threads?: number };
    rows.push([`numpy float32 (${blas.library ?? 'BLAS'} ${blas.coreType ?? '?'}, ${blas.threads ?? '?'} thread${label})`, fmt(ref.samplesPerSecond),
      fmt(ref.samplesPerCpuSecond), null, null, naive ? ratio(ref.samplesPerSecond / naive) : null,
      `no: float32 rel. diff ${ref.gradientRelDiff?.toExponential(1) ?? '?'}`]);
  }
  if (typeof ceiling !== 'string') {
    rows.push(['bound for any dense 128-bit kernel (C probe)', fmt(ceiling.samplesPerSecondBound), null, vs(ceiling.vsNumpy), vs(ceiling.vsNumpyAsConfigured),
      naive ? ratio(ceiling.samplesPerSecondBound / naive) : null, `${(ceiling.multiplyAddsPerSecond / 1e9).toFixed(1)} G multiply-adds/s, nothing else`]);
  }
  console.log(table(['implementation', 'samples/s', 'per CPU-second', 'vs numpy (range)', 'vs numpy as configured', 'vs naive', 'same bits as naive / note'], rows));
  console.log(`  ${PLAN.kernelRounds} rounds; in each, every implementation runs ${(PLAN.kernelSeconds / PLAN.kernelRounds).toFixed(1)} s, then numpy as long:`
    + ' samples/s are medians over the rounds, "vs numpy" the median (and range) of the ratios to the numpy run right after');
  console.log('  the batch is real MNIST: 81 % of the first layer\'s inputs are zeros, whose products native and wasm may skip (same bits; numpy computes them);'
    + ' "no zero inputs": the same batch with every zero pixel set to 1/1024, their dense speed');
  tunerNote(res);
  if (typeof ceiling === 'string') console.log(`  128-bit bound skipped: ${ceiling}`);
  else {
    const wasm = results.find((r) => r.impl === 'wasm' && r.input === 'no zeros')?.samplesPerSecond ?? null;
    console.log(`  bound for any dense 128-bit kernel: the ${fmt(ceiling.multiplyAddsPerSample)} multiply-adds of a sample at the rate this CPU sustains for separate 128-bit`
      + ` multiplies and adds (bench/simd128-ceiling.c, ${ceiling.compiler} ${ceiling.flags.join(' ')}), with no other cost (a WebAssembly kernel that computes every product`
      + ' would have to beat that C loop to pass it)'
      + (wasm ? `; wasm with no zero inputs runs at ${ratio(wasm / ceiling.samplesPerSecondBound)} of it` : ''));
  }
  if (!np) console.log(`  numpy column skipped: ${numpy as string}`);
  else {
    console.log(`  numpy ${np.numpy} on Python ${np.python}; BLAS detected by ${String(np.blas.source)}`);
    console.log(overrides.length
      ? `  vs numpy: without ${overrides.join(', ')} (the best numpy can do here); vs numpy as configured: with this machine's setting`
      : '  no OpenBLAS kernel override in this environment: one numpy run');
    if (typeof asConfigured === 'string') console.log(`  numpy as configured failed: ${asConfigured}`);
  }
}

/** Section 6: dpt's whole loop against numpy's (in-process) and PyTorch DDP's (2 workers), best epochs, training time only. */
async function sectionPeers(res: Results, url: string): Promise<void> {
  console.log(`6. Against the peers: MNIST ${MNIST.join('-')} (the mnist preset), whole training loops, steady state: each run's best epoch of`
    + ` ${PLAN.peerEpochs} (${PLAN.peerDistEpochs} distributed), training time only (no evaluation, no start-up), as the peers report;`
    + ` ${PLAN.peerRounds} round(s) back to back, medians`);
  const inProcess = await benchPeersInProcess([64, 256], PLAN.peerEpochs, PLAN.peerRounds);
  res.peers = { inProcess };
  const batch = 256;
  const shard = 32;
  const shards = batch / shard;
  // What a step sends back: one tensor per whole subtree of each job's shards (services/worker/shard-processor.ts).
  const gradients = jobGroups(shards, autoShardsPerJob(shards, 2)).reduce((n, g) => n + treeBlocks(g[0], g[g.length - 1] + 1, shards).length, 0);
  const distributed = await benchPeersDistributed(url, batch, shard, PLAN.peerDistEpochs, PLAN.peerRounds, PLAN.timedSteps, gradients, MNIST_BYTES);
  res.peers.distributed = distributed;
  const rows: Cell[][] = inProcess.map((c) => [`${c.what}, batch ${c.batch} (shard ${c.shard})`, fmt(c.dptSamplesPerSecond), c.peer, fmt(c.peerSamplesPerSecond), ratio(c.ratio)]);
  const d = distributed;
  rows.push([`${d.what}, batch ${d.batch} (shard ${d.shard})`, fmt(d.dptSamplesPerSecond), d.peer, fmt(d.peerSamplesPerSecond), ratio(d.ratio)]);
  rows.push([`${d.what}, batch ${d.batch} (shard ${d.shard})`, fmt(d.dptSamplesPerSecond), `Redis floor, ${d.floor.workers} workers, ${d.floor.shards} shards in ${d.floor.jobs} tokens, ${d.floor.blobs} blobs`,
    fmt(d.floorSamplesPerSecond), ratio(d.ofFloor)]);
  console.log(table(['dpt', 'samples/s', 'against', 'samples/s', 'dpt / it'], rows));
  console.log(`  distributed step at batch ${batch}: ${shards} shards in ${d.floor.jobs} jobs; ${d.gradientsPerStep} gradient tensors (${fmt(d.gradientBytesPerStep)} bytes) back to the coordinator`
    + ` (one per whole subtree of a job's shards; ${shards} with one per shard); the floor: ${ms(d.floor.stepMs.median)} ms median step, no compute`);
  for (const c of [...inProcess, d]) if (c.skipped) console.log(`  ${c.peer} skipped: ${c.skipped}`);
  console.log(`  rounds (dpt / peer): ${[...inProcess, d].map((c) => `batch ${c.batch}${c.workers ? ` ${c.workers} workers` : ''}: ${c.rounds.map((r) => `${fmt(r.dpt)} / ${fmt(r.peer)}`).join(', ')}`).join('; ')}`);
}

async function withRedis<T>(f: (url: string) => Promise<T>): Promise<T> {
  const redis = await startPrivateRedis();
  try {
    // Its unix socket, as `dpt train` uses a private server (resolveBroker): the floor and dpt alike.
    return await f(redis.socketUrl);
  } finally {
    await redis.stop();
  }
}

/** Shards per step of the end-to-end shapes: the floor is measured for each, so it moves the same bytes. */
const shardCounts = (): number[] => [...new Set(E2E_SHAPES.map(([batch, shard]) => batch / shard))];
const MNIST_BYTES = paramLayout(MNIST).size * 4;

/** The floor alone (--only floor): each shard count of section 3 with 1 and 2 workers. */
async function sectionFloor(res: Results, url: string): Promise<void> {
  res.floor = [];
  for (const shards of shardCounts()) {
    for (const workers of [1, 2]) res.floor.push(await benchFloor(url, workers, shards, MNIST_BYTES, PLAN.timedSteps, PLAN.warmupSteps));
  }
  printFloor(res.floor);
}

function printFloor(floors: (FloorResult & { beforeBatch?: number })[]): void {
  const paired = floors.some((f) => f.beforeBatch !== undefined);
  console.log(`2. Redis floor: one synchronous step with no dpt work, moving a real step's bytes in as many messages (SET weights + LPUSH J tokens of consecutive shards, J = dpt's jobs per step: one per worker; a worker per token: BLPOP, GET weights once a step, MSET one gradient per whole subtree of its shards, LPUSH done; BLPOP J + MGET the blobs), ${fmt(MNIST_BYTES)}-byte blobs (${MNIST.join('-')} float32), S = shards per step, private redis-server`);
  if (paired) console.log('   each measured right before the section 3 run it is compared with (same workers, same shards), so that both see the machine in the same state');
  console.log(table([...(paired ? ['before batch'] : []), 'shards', 'workers', 'tokens', 'blobs', 'steps', 'step median', 'p99', 'mean', 'CPU ms/step: driver / workers / redis'],
    floors.map((f) => [...(paired ? [f.beforeBatch ?? null] : []), f.shards, f.workers, f.jobs, f.blobs, f.steps, `${ms(f.stepMs.median)} ms`, `${ms(f.stepMs.p99)} ms`, `${ms(f.stepMs.mean)} ms`, cpuSplit(f.cpuMsPerStepByRole)])));
}

/**
 * Section 3, and section 2 with it: each distributed run is compared with
 * a floor of the same workers and shards measured right before it, not
 * minutes earlier (the floor's median moved 0.47 -> 0.64 ms between two
 * runs a minute apart here).
 */
async function sectionEndToEnd(res: Results, url: string): Promise<void> {
  res.endToEnd = [];
  res.floor = [];
  const rows: Cell[][] = [];
  for (const [batch, shard] of E2E_SHAPES) {
    // Intervals between steps are timed: one more step than intervals.
    const warmup = PLAN.warmupSteps;
    const steps = warmup + PLAN.timedSteps + 1;
    const base = await benchEndToEnd(url, { batch, shard, workers: 0, steps, warmup });
    res.endToEnd.push(base);
    rows.push([`${batch} (${shard})`, modeName(0), fmt(base.samplesPerSecond), '1.00x', `${ms(base.stepMs.median)} / ${ms(base.stepMs.p99)}`, null, null, null,
      ms(base.cpuMsPerStep), '1.00x', cpuSplit(base.cpuMsPerStepByRole)]);
    for (const workers of [1, 2]) {
      const floor = { ...await benchFloor(url, workers, batch / shard, MNIST_BYTES, PLAN.timedSteps, PLAN.warmupSteps), beforeBatch: batch };
      res.floor.push(floor);
      const r = await benchEndToEnd(url, { batch, shard, workers, steps, warmup, workerPhases });
      const overheadMs = { median: r.stepMs.median - base.stepMs.median, p99: r.stepMs.p99 - base.stepMs.p99 };
      const overheadOverFloor = { median: overheadMs.median / floor.stepMs.median, p99: overheadMs.p99 / floor.stepMs.p99 };
      res.endToEnd.push({ ...r, overheadMs, floorStepMs: floor.stepMs, overheadOverFloor });
      rows.push([`${batch} (${shard})`, modeName(workers), fmt(r.samplesPerSecond), ratio(r.samplesPerSecond / base.samplesPerSecond),
        `${ms(r.stepMs.median)} / ${ms(r.stepMs.p99)}`, `${ms(overheadMs.median)} / ${ms(overheadMs.p99)}`,
        `${ms(floor.stepMs.median)} / ${ms(floor.stepMs.p99)}`,
        `${overRatio(overheadOverFloor.median)} / ${overRatio(overheadOverFloor.p99)}`,
        ms(r.cpuMsPerStep), r.cpuMsPerStep && base.cpuMsPerStep ? ratio(r.cpuMsPerStep / base.cpuMsPerStep) : null, cpuSplit(r.cpuMsPerStepByRole)]);
    }
  }
  printFloor(res.floor);
  console.log('');
  console.log(`3. End to end: dpt train, mnist preset network (${MNIST.join('-')}, float32), private redis-server, steady-state steps timed in the coordinator`);
  console.log('   overhead = distributed step - in-process step (median; p99); floor = section 2, measured right before the run, same workers and shards;');
  console.log('   CPU ms/step = CPU time of this process, the workers and redis-server together per timed step (steadier than wall time on a busy machine)');
  console.log(`   every run (and the floor's) times ${fmt(PLAN.timedSteps)} steps after ${fmt(PLAN.warmupSteps)} untimed ones, the steps V8 takes to optimize the per-step code${quick ? ' (--quick: not all of them)' : ''}`);
  console.log(table(['batch (shard)', 'mode', 'samples/s', 'vs in-process', 'step ms median / p99', 'overhead ms', 'floor ms', 'overhead / floor', 'CPU ms/step', 'CPU vs in-process', 'coordinator / workers / redis'], rows));
  printPhases(res.endToEnd);
}

/** Where a distributed step's time goes, from the coordinator's per-step debug line (medians; field names are the executor's). */
function printPhases(runs: EndToEndResult[]): void {
  const distributed = runs.filter((r) => r.phaseMedianMs && Object.keys(r.phaseMedianMs).length > 0);
  if (distributed.length === 0) return;
  const keys = [...new Set(distributed.flatMap((r) => Object.keys(r.phaseMedianMs ?? {})))];
  const jobKeys = [...new Set(distributed.flatMap((r) => Object.keys(r.jobPhaseMedianMs ?? {})))];
  console.log('  where a distributed step goes (median ms; coordinator: its per-step debug fields; worker: its per-job debug fields)');
  console.log(table(['batch (shard)', 'mode', ...keys.map((k) => `coordinator ${k}`), ...jobKeys.map((k) => `worker ${k}`)], distributed.map((r) => [
    `${r.batch} (${r.shard})`, modeName(r.workers), ...keys.map((k) => ms(r.phaseMedianMs?.[k])), ...jobKeys.map((k) => ms(r.jobPhaseMedianMs?.[k])),
  ])));
}

async function sectionLarge(res: Results, url: string): Promise<void> {
  const batch = 256;
  const shard = 64;
  const params = paramLayout(LARGE).size;
  console.log(`4. Larger network, compute dominates: ${LARGE.join('-')} (${fmt(params)} parameters, ${fmt(params * 4 / 1e6, 1)} MB float32), batch ${batch} (shard ${shard}), ${PLAN.largeSteps} steps, the first not timed`);
  console.log(`   ${cpus().length} cores: the workers, the coordinator and Redis share them`);
  res.largeNetwork = [];
  res.largeFloor = [];
  for (const workers of [0, 1, 2]) {
    res.largeNetwork.push(await benchEndToEnd(url, { structure: LARGE, batch, shard, workers, steps: PLAN.largeSteps, warmup: 0, workerPhases }));
    if (workers > 0) res.largeFloor.push(await benchFloor(url, workers, batch / shard, params * 4, PLAN.largeFloorSteps, 3));
  }
  const base = res.largeNetwork[0];
  console.log(table(['mode', 'samples/s', 'vs in-process', 'step ms median', 'overhead ms', 'floor ms (same bytes)', 'overhead / floor', 'CPU ms/step', 'CPU vs in-process', 'coordinator / workers / redis', 'timed steps'],
    res.largeNetwork.map((r) => {
      const floor = res.largeFloor?.find((f) => f.workers === r.workers);
      const over = r.stepMs.median - base.stepMs.median;
      return [modeName(r.workers), fmt(r.samplesPerSecond), ratio(r.samplesPerSecond / base.samplesPerSecond), ms(r.stepMs.median),
        r.workers ? ms(over) : null, floor ? ms(floor.stepMs.median) : null, floor ? overRatio(over / floor.stepMs.median) : null,
        ms(r.cpuMsPerStep), r.cpuMsPerStep && base.cpuMsPerStep ? ratio(r.cpuMsPerStep / base.cpuMsPerStep) : null, cpuSplit(r.cpuMsPerStepByRole), r.timedSteps];
    })));
  printPhases(res.largeNetwork);
}

async function sectionAccuracy(res: Results, url: string): Promise<void> {
  console.log(`5. Time to the article's MNIST test accuracy (${ARTICLE_ACCURACY}), mnist preset (batch 64, shard 32), full test set evaluated every ${EVAL_EVERY} steps with the clock stopped`);
  res.timeToAccuracy = [];
  const inProcess = await timeToAccuracy(url, 0, ARTICLE_ACCURACY, EVAL_EVERY, PLAN.accuracyCap);
  res.timeToAccuracy.push(inProcess);
  // Bit-identical runs cross the target at the same step: stop the distributed run there.
  const twoWorkers = await timeToAccuracy(url, 2, ARTICLE_ACCURACY, EVAL_EVERY, inProcess.steps ?? PLAN.accuracyCap);
  res.timeToAccuracy.push(twoWorkers);
  const sameCurve = twoWorkers.curve.every((p, i) => inProcess.curve[i]?.step === p.step && inProcess.curve[i]?.accuracy === p.accuracy);
  console.log(table(['mode', 'steps', 'seconds', 'vs in-process', 'of which start-up', 'test accuracy then'], res.timeToAccuracy.map((r) => [
    modeName(r.workers), r.steps ?? `not in ${PLAN.accuracyCap}`, r.seconds === null ? null : `${fmt(r.seconds, 2)} s`,
    r.seconds === null || inProcess.seconds === null ? null : ratio(r.seconds / inProcess.seconds),
    `${fmt(r.startupSeconds, 2)} s`, r.curve.at(-1)?.accuracy.toFixed(4)])));
  console.log(`  accuracy at every evaluated step identical in both modes: ${sameCurve ? 'yes' : 'NO'}` +
    `; evaluation time excluded: ${fmt(inProcess.evalSeconds, 1)} s and ${fmt(twoWorkers.evalSeconds, 1)} s`);
}

async function main(): Promise<number> {
  // The training loop draws a progress bar when stderr is a terminal; keep the report clean.
  Object.defineProperty(process.stderr, 'isTTY', { value: false });
  // Every process of sections 3-5 (this one and the workers it forks, which
  // inherit the environment) computes with the same kernels, chosen once here.
  process.env.DPT_KERNELS = activeKernels();
  const started = performance.now();
  const res: Results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
      platform: `${platform()} ${release()}`, node: process.version, redis: redisVersion(), loadavgAtStart: loadavg(),
      kernelImpls: [...KERNEL_IMPLS], defaultKernels: activeKernels(),
    },
    errors: [],
    loadAtSectionStart: {},
  };
  console.log(`dpt bench: ${res.machine.cpu} x${res.machine.cores}, Node ${process.version}, redis-server ${res.machine.redis ?? 'not found'}` +
    `, kernels '${activeKernels()}' in every process (DPT_KERNELS)${quick ? ' (quick)' : ''}`);
  const load = loadavg()[0];
  console.log(`load average ${load.toFixed(2)} on ${cpus().length} cores at start${load > 0.5 ? ': other processes are competing for the CPUs, expect noisier numbers' : ''}\n`);
  const attempt = async (section: Section, f: () => Promise<void>) => {
    if (!wanted(section)) return;
    res.loadAtSectionStart[section] = +loadavg()[0].toFixed(2);
    try {
      await f();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      res.errors.push({ section, message });
      console.log(`  section failed: ${message}`);
    }
    console.log('');
  };
  await attempt('kernels', () => sectionKernels(res));
  if (SECTIONS.slice(1).some(wanted)) {
    try {
      await withRedis(async (url) => {
        // Section 3 measures the floor next to each of its runs (and prints it as section 2).
        if (!wanted('e2e')) await attempt('floor', () => sectionFloor(res, url));
        await attempt('e2e', () => sectionEndToEnd(res, url));
        await attempt('large', () => sectionLarge(res, url));
        await attempt('accuracy', () => sectionAccuracy(res, url));
        await attempt('peers', () => sectionPeers(res, url));
      });
    } finally {
      cleanEndToEnd();
    }
  }
  res.seconds = (performance.now() - started) / 1000;
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  // A partial run (--only) or a short one (--quick) must not replace the full record.
  const file = new URL(only ? 'partial.json' : quick ? 'quick.json' : 'latest.json', dir);
  writeFileSync(file, JSON.stringify(res, null, 2) + '\n');
  console.log(`bench: ${fmt(res.seconds, 0)} s; saved ${file.pathname}${res.errors.length ? `; ${res.errors.length} section(s) failed` : ''}`);
  return res.errors.length ? 1 : 0;
}

process.exitCode = await main();
