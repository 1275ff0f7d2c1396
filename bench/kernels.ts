// Kernel throughput: training samples per second on one core (forward +
// backward of a whole batch, gradients summed over it, no I/O), for every
// implementation in KERNEL_IMPLS, on the same inputs and parameters in the
// same process, next to numpy doing the same math (bench/numpy_mlp.py), in
// interleaved rounds.
//
// The batch is real MNIST, whose first layer's inputs are 81 % zeros: the
// native and wasm kernels skip those products (their sparse paths, same
// bits), numpy does not. So native and wasm also run on the batch with every
// zero pixel made nonzero (noZeros()): that is their dense speed, what any
// input without zeros gets.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativePath } from '../lib/accel/native/native-kernels.js';
import { activeKernels, KERNEL_IMPLS, kernelsAvailable, kernelsFor, selectKernels, type KernelImpl } from '../lib/math/kernels.js';
import { paramLayout } from '../lib/math/layout.js';
import { backward, Workspace, type NetSpec } from '../lib/math/network.js';
import { initParams } from '../lib/math/init.js';
import { stream } from '../lib/random/streams.js';
import { loadMnist } from '../lib/data/mnist.js';
import { gatherBatch } from '../lib/train/model-context.js';
import { summary } from './stats.js';
import { CeilingProbe, multiplyAddsPerSample } from './ceiling.js';

/** One batch of MNIST and the network's initial parameters: what every implementation (and numpy) computes on. */
export interface KernelProblem {
  net: NetSpec;
  batch: number;
  params: Float32Array;
  input: Float32Array;
  labels: Uint8Array;
}

export function kernelProblem(structure: number[], batch: number): KernelProblem {
  const layout = paramLayout(structure);
  // An ordinary array: each implementation gets its own copy where it computes (benchKernel).
  const params = new Float32Array(layout.size);
  initParams(params, layout, 'xavier', stream(0, 'init', 0));
  const input = new Float32Array(batch * structure[0]);
  const labels = new Uint8Array(batch);
  const mnist = loadMnist();
  gatherBatch(input, labels, mnist.train, 784, Array.from({ length: batch }, (_, i) => i), 'unit', 255);
  return { net: { layout, activation: 'sigmoid', loss: 'squared' }, batch, params, input, labels };
}

/**
 * The same problem with every zero input replaced by 1/1024 (a faint pixel):
 * no product can be skipped, so the kernels run their dense paths.
 */
export function noZeros(p: KernelProblem): KernelProblem {
  return { ...p, input: p.input.map((x) => (x === 0 ? 1 / 1024 : x)) };
}

/** A ratio measured once per round: its median and its spread. */
export interface RoundRatio {
  median: number;
  min: number;
  max: number;
}

export interface KernelResult {
  impl: string;
  /** 'mnist': the MNIST batch; 'no zeros': the same with every zero input made nonzero (noZeros). */
  input: 'mnist' | 'no zeros';
  /** What the implementation reports about how it runs (e.g. the native addon's code path: avx512, avx2, portable). */
  detail?: string;
  /** The median over the rounds. */
  samplesPerSecond: number | null;
  /** Samples per second of this process's CPU time, over all rounds: steadier than wall time when other processes compete for the cores. */
  samplesPerCpuSecond: number | null;
  /** Samples/s in each round. */
  rounds?: number[];
  /** Against numpy's run just after it, in each round (null without numpy). */
  vsNumpy?: RoundRatio | null;
  vsNumpyAsConfigured?: RoundRatio | null;
  /** Whether one pass gives exactly the gradient bits of the naive reference (null: not compared). */
  sameBitsAsNaive: boolean | null;
  skipped?: string;
}

/** An implementation set up to run: its own parameters, gradient and workspace, warmed up. */
interface Prepared {
  impl: KernelImpl;
  input: KernelResult['input'];
  detail?: string;
  gradient: Float32Array;
  /** Runs passes for about `seconds`: samples done, wall and CPU seconds. */
  run(seconds: number): { samples: number; wall: number; cpu: number };
}

function onePass(p: KernelProblem, params: Float32Array, ws: Workspace, grad: Float32Array): Float32Array {
  grad.fill(0);
  backward(p.net, params, grad, ws, p.labels, p.batch);
  return grad.slice();
}

/** `impl` ready to run with the trainer's allocation, or why it cannot. Leaves `impl` selected. */
function prepare(impl: KernelImpl, p: KernelProblem, input: KernelResult['input'] = 'mnist'): Prepared | string {
  if (!kernelsAvailable(impl)) return 'kernelsAvailable() is false (not built?)';
  try {
    const path = impl === 'native' ? nativePath() : null;
    selectKernels(impl);
    // Parameters, gradient and workspace where the trainer puts them with these kernels (kernelsFor().alloc:
    // WebAssembly memory for wasm, used in place; ordinary arrays otherwise).
    const k = kernelsFor('float32', impl);
    const params = k.alloc(p.params.length) as Float32Array;
    params.set(p.params);
    const grad = k.alloc(p.net.layout.size) as Float32Array;
    const ws = new Workspace(p.net.layout, p.batch, params);
    ws.input.set(p.input);
    const gradient = onePass(p, params, ws, grad); // also the warm-up: compiles the kernels
    onePass(p, params, ws, grad);
    const run = (seconds: number) => {
      selectKernels(impl);
      let samples = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      while (performance.now() - started < seconds * 1000) {
        backward(p.net, params, grad, ws, p.labels, p.batch);
        samples += p.batch;
      }
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      return { samples, wall, cpu: (used.user + used.system) / 1e6 };
    };
    return { impl, input, ...(path ? { detail: path } : {}), gradient, run };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export interface NumpyResult {
  /** The median over the rounds. */
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  rounds: number[];
  cpuPerWall: number;
  python: string;
  numpy: string;
  blas: Record<string, unknown>;
  env: Record<string, string | null>;
  /** max |g_numpy - g_dpt| / max |g_dpt| over the summed gradient of one pass. */
  gradientRelDiff: number | null;
  errorSum: number;
  correct: number;
}

/** What numpy's setup line and gradient tell, before any round. */
type NumpySetup = Omit<NumpyResult, 'samplesPerSecond' | 'samplesPerCpuSecond' | 'rounds' | 'cpuPerWall'>;

/** OpenBLAS settings this machine's environment may carry; they force a slower kernel here. */
export const BLAS_OVERRIDES = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

/**
 * The same network, batch and parameters in numpy float32 on one thread
 * (bench/numpy_mlp.py), as a child process that trains for as long as each
 * round() asks. Every BLAS threading variable is set to 1. BLAS_OVERRIDES
 * are removed from its environment (the best numpy can do here), unless
 * `asConfigured` (numpy as a user of this machine's environment gets it).
 */
class NumpyRunner {
  private readonly lines: AsyncIterator<string>;
  private constructor(private readonly child: ChildProcessWithoutNullStreams, private readonly dir: string) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  private stderr = '';

  /** Started and set up, with its setup line and its gradient against dpt's; or why it could not. */
  static async start(p: KernelProblem, dptGradient: Float32Array | null, asConfigured: boolean): Promise<{ runner: NumpyRunner; setup: NumpySetup } | string> {
    const dir = mkdtempSync(join(tmpdir(), 'dpt-bench-numpy-'));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ structure: p.net.layout.structure, batch: p.batch }));
    writeFileSync(join(dir, 'inputs.f32'), p.input);
    writeFileSync(join(dir, 'labels.u8'), p.labels);
    writeFileSync(join(dir, 'params.f32'), p.params);
    const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    if (!asConfigured) for (const k of BLAS_OVERRIDES) delete env[k];
    const script = fileURLToPath(new URL('./numpy_mlp.py', import.meta.url));
    const child = spawn('python3', [script, dir], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const runner = new NumpyRunner(child, dir);
    child.stderr.on('data', (d: Buffer) => { runner.stderr = (runner.stderr + d.toString()).slice(-2000); });
    const failed = new Promise<string>((resolve) => {
      child.once('error', (e) => resolve(`python3 could not be run (${e.message})`));
    });
    const first = await Promise.race([runner.next(), failed]);
    if (typeof first === 'string') {
      runner.close();
      return first;
    }
    if (typeof first.error === 'string') {
      runner.close();
      return first.error;
    }
    let gradientRelDiff: number | null = null;
    if (dptGradient) {
      const bytes = readFileSync(join(dir, 'grad.f32'));
      const g = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      if (g.length === dptGradient.length) {
        let diff = 0;
        let scale = 0;
        for (let i = 0; i < g.length; i++) {
          diff = Math.max(diff, Math.abs(g[i] - dptGradient[i]));
          scale = Math.max(scale, Math.abs(dptGradient[i]));
        }
        gradientRelDiff = diff / scale;
      }
    }
    const setup = first as unknown as Omit<NumpySetup, 'gradientRelDiff'>;
    return { runner, setup: { ...setup, gradientRelDiff } };
  }

  /** The next JSON line, or a JSON object { error } when the child ended or printed something else. */
  private async next(): Promise<Record<string, unknown>> {
    const r = await this.lines.next();
    if (r.done) return { error: `python3 exited: ${this.stderr.trim().split('\n').slice(-3).join(' | ') || 'no output'}` };
    try {
      return JSON.parse(r.value) as Record<string, unknown>;
    } catch {
      return { error: `python3 printed: ${r.value.slice(0, 200)}` };
    }
  }

  /** Trains for about `seconds`; samples/s and CPU seconds per wall second. */
  async round(seconds: number): Promise<{ samplesPerSecond: number; cpuPerWall: number }> {
    this.child.stdin.write(`${seconds}\n`);
    const r = await this.next();
    if (typeof r.error === 'string') throw new Error(r.error);
    return r as unknown as { samplesPerSecond: number; cpuPerWall: number };
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => summary(xs).median;
const roundRatio = (xs: number[]): RoundRatio => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/** The 128-bit bound (bench/ceiling.ts), measured in the same rounds. */
export interface CeilingResult {
  /** Median over the rounds. */
  multiplyAddsPerSecond: number;
  rounds: number[];
  multiplyAddsPerSample: number;
  /** multiplyAddsPerSecond / multiplyAddsPerSample: samples/s of a 128-bit kernel with no cost but its multiply-adds. */
  samplesPerSecondBound: number;
  vsNumpy: RoundRatio | null;
  vsNumpyAsConfigured: RoundRatio | null;
  compiler: string;
  flags: string[];
}

export interface KernelBench {
  results: KernelResult[];
  numpy: NumpyResult | string;
  /** Only when `numpyAsConfigured` was asked for. */
  numpyAsConfigured: NumpyResult | string | null;
  /** The 128-bit bound, or why it was not measured. */
  ceiling: CeilingResult | string;
}

/**
 * Every implementation in KERNEL_IMPLS (naive first: the bit reference)
 * and numpy, in `rounds` interleaved rounds of seconds / rounds each:
 * every round runs each implementation once, each followed by numpy, and
 * an implementation's ratio in that round is against the numpy run right
 * after it, so a ratio compares two runs under a second apart. Samples/s
 * are medians over the rounds (numpy's over all its runs), ratios the
 * medians of the per-round ratios (with their range). native and wasm
 * take a second turn on noZeros(p), their dense speed. The 128-bit bound
 * (bench/ceiling.ts) takes a turn in every round too, after the
 * implementations, also followed by numpy.
 */
export async function benchKernels(p: KernelProblem, seconds: number, rounds: number, numpyAsConfigured: boolean): Promise<KernelBench> {
  const before = activeKernels();
  const impls = [...KERNEL_IMPLS].sort((a, b) => Number(b === 'naive') - Number(a === 'naive'));
  const runners: { name: 'numpy' | 'asConfigured'; runner: NumpyRunner; setup: NumpySetup }[] = [];
  const probe = CeilingProbe.build();
  /** A run of the probe that failed: the bound is dropped, the kernels' numbers stand. */
  let probeFailure: string | null = null;
  try {
    const prepared: Prepared[] = [];
    const skipped = new Map<string, string>();
    let reference: Float32Array | null = null;
    for (const impl of impls) {
      const r = prepare(impl, p);
      if (typeof r === 'string') skipped.set(impl, r);
      else {
        prepared.push(r);
        if (impl === 'naive') reference = r.gradient;
      }
    }
    const dense = noZeros(p);
    const denseImpls = (['native', 'wasm'] as const).filter((impl) => prepared.some((k) => k.impl === impl));
    const denseReference = denseImpls.length > 0 ? prepare('naive', dense, 'no zeros') : null;
    for (const impl of denseImpls) {
      const r = prepare(impl, dense, 'no zeros');
      if (typeof r !== 'string') prepared.push(r);
    }
    let numpy: NumpyResult | string = '';
    let asConfigured: NumpyResult | string | null = null;
    for (const name of numpyAsConfigured ? ['numpy', 'asConfigured'] as const : ['numpy'] as const) {
      const started = await NumpyRunner.start(p, reference, name === 'asConfigured');
      if (typeof started === 'string') {
        if (name === 'numpy') numpy = started;
        else asConfigured = started;
      } else runners.push({ name, ...started });
    }

    const per = seconds / rounds;
    const totals = prepared.map(() => ({ rounds: [] as number[], samples: 0, cpu: 0 }));
    // numpyRounds[runner].after[turn][round]: numpy's run right after that turn's: an
    // implementation's, or (turn prepared.length) the 128-bit probe's.
    const turns = prepared.length + 1;
    const numpyRounds = runners.map(() => ({ all: [] as number[], cpuPerWall: [] as number[], after: Array.from({ length: turns }, () => [] as number[]) }));
    const numpyAfter = async (i: number) => {
      for (const [j, { runner }] of runners.entries()) {
        const got = await runner.round(per);
        numpyRounds[j].all.push(got.samplesPerSecond);
        numpyRounds[j].cpuPerWall.push(got.cpuPerWall);
        numpyRounds[j].after[i].push(got.samplesPerSecond);
      }
    };
    const probeRounds: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, k] of prepared.entries()) {
        const { samples, wall, cpu } = k.run(per);
        totals[i].rounds.push(samples / wall);
        totals[i].samples += samples;
        totals[i].cpu += cpu;
        await numpyAfter(i);
      }
      if (typeof probe !== 'string' && probeFailure === null) {
        try {
          probeRounds.push(probe.run(per));
        } catch (e) {
          probeFailure = e instanceof Error ? e.message : String(e);
          continue;
        }
        await numpyAfter(prepared.length);
      }
    }

    const numpyResults = runners.map(({ setup }, i): NumpyResult => {
      const sps = median(numpyRounds[i].all);
      const cpuPerWall = median(numpyRounds[i].cpuPerWall);
      return { ...setup, samplesPerSecond: sps, samplesPerCpuSecond: sps / cpuPerWall, rounds: numpyRounds[i].all, cpuPerWall };
    });
    /** Per-round ratios of `perRound` (samples/s) to the numpy run right after turn `turn`. */
    const ratioTo = (name: 'numpy' | 'asConfigured', turn: number, perRound: number[]): RoundRatio | null => {
      const j = runners.findIndex((x) => x.name === name);
      return j < 0 ? null : roundRatio(perRound.map((v, r) => v / numpyRounds[j].after[turn][r]));
    };
    const against = (name: 'numpy' | 'asConfigured', impl: number) => ratioTo(name, impl, totals[impl].rounds);
    for (const [i, { name }] of runners.entries()) {
      if (name === 'numpy') numpy = numpyResults[i];
      else asConfigured = numpyResults[i];
    }

    const sameBits = (a: Float32Array, b: Float32Array | null) => b === null ? null
      : Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    const results: KernelResult[] = impls.map((impl): KernelResult => {
      if (!prepared.some((k) => k.impl === impl)) {
        return { impl, input: 'mnist', samplesPerSecond: null, samplesPerCpuSecond: null, sameBitsAsNaive: null, skipped: skipped.get(impl) };
      }
      return resultOf(prepared.findIndex((k) => k.impl === impl && k.input === 'mnist'));
    });
    function resultOf(i: number): KernelResult {
      const k = prepared[i];
      const t = totals[i];
      const ref = k.input === 'mnist' ? reference : typeof denseReference === 'string' || denseReference === null ? null : denseReference.gradient;
      return {
        impl: k.impl, input: k.input, ...(k.detail ? { detail: k.detail } : {}),
        samplesPerSecond: median(t.rounds), samplesPerCpuSecond: t.samples / t.cpu, rounds: t.rounds,
        vsNumpy: against('numpy', i), vsNumpyAsConfigured: against('asConfigured', i),
        sameBitsAsNaive: sameBits(k.gradient, ref),
      };
    }
    for (const [i, k] of prepared.entries()) if (k.input === 'no zeros') results.push(resultOf(i));
    const bound = (built: CeilingProbe): CeilingResult => {
      const perSample = multiplyAddsPerSample(p.net.layout.structure);
      const bounds = probeRounds.map((m) => m / perSample);
      const madds = median(probeRounds);
      return {
        multiplyAddsPerSecond: madds, rounds: probeRounds, multiplyAddsPerSample: perSample, samplesPerSecondBound: madds / perSample,
        vsNumpy: ratioTo('numpy', prepared.length, bounds), vsNumpyAsConfigured: ratioTo('asConfigured', prepared.length, bounds),
        compiler: built.compiler, flags: built.flags,
      };
    };
    const ceiling = typeof probe === 'string' ? probe : probeFailure ?? bound(probe);
    return { results, numpy, numpyAsConfigured: numpyAsConfigured ? asConfigured : null, ceiling };
  } finally {
    for (const { runner } of runners) runner.close();
    if (typeof probe !== 'string') probe.close();
    selectKernels(before);
  }
}
