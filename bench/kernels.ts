// Kernel throughput: training samples per second on one core (forward +
// backward of a whole batch, gradients summed over it, no I/O), for every
// implementation in KERNEL_IMPLS, on the same inputs and parameters in the
// same process, next to numpy doing the same math (bench/numpy_mlp.py).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativePath } from '../lib/accel/native/native-kernels.js';
import { activeKernels, KERNEL_IMPLS, kernelsAvailable, kernelsFor, selectKernels, type KernelImpl } from '../lib/math/kernels.js';
import { paramLayout } from '../lib/math/layout.js';
import { backward, Workspace, type NetSpec } from '../lib/math/network.js';
import { initParams } from '../lib/math/init.js';
import { stream } from '../lib/random/streams.js';
import { loadMnist } from '../lib/data/mnist.js';
import { gatherBatch } from '../lib/train/gather.js';

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

export interface KernelResult {
  impl: string;
  /** What the implementation reports about how it runs (e.g. the native addon's code path: avx512, avx2, portable). */
  detail?: string;
  samplesPerSecond: number | null;
  /** Samples per second of this process's CPU time: steadier than wall time when other processes compete for the cores. */
  samplesPerCpuSecond: number | null;
  /** Whether one pass gives exactly the gradient bits of the naive reference (null: not compared). */
  sameBitsAsNaive: boolean | null;
  skipped?: string;
}

function onePass(p: KernelProblem, params: Float32Array, ws: Workspace, grad: Float32Array): Float32Array {
  grad.fill(0);
  backward(p.net, params, grad, ws, p.labels, p.batch);
  return grad.slice();
}

/** Samples/s of forward+backward with `impl`, and its gradient bits against `reference` (naive's). */
export async function benchKernel(impl: string, p: KernelProblem, seconds: number, reference: Float32Array | null): Promise<KernelResult & { gradient?: Float32Array }> {
  const before = activeKernels();
  try {
    if (!kernelsAvailable(impl as KernelImpl)) {
      return { impl, samplesPerSecond: null, samplesPerCpuSecond: null, sameBitsAsNaive: null, skipped: 'kernelsAvailable() is false (not built?)' };
    }
    const path = impl === 'native' ? nativePath() : null;
    const detail = path ? { detail: path } : {};
    selectKernels(impl as KernelImpl);
    // Parameters, gradient and workspace where the trainer puts them with these kernels (kernelsFor().alloc:
    // WebAssembly memory for wasm, used in place; ordinary arrays otherwise).
    const k = kernelsFor('float32', impl as KernelImpl);
    const params = k.alloc(p.params.length) as Float32Array;
    params.set(p.params);
    const grad = k.alloc(p.net.layout.size) as Float32Array;
    const ws = new Workspace(p.net.layout, p.batch, params);
    ws.input.set(p.input);
    const gradient = onePass(p, params, ws, grad); // also the warm-up: compiles the kernels
    const sameBitsAsNaive = reference ? Buffer.from(gradient.buffer).equals(Buffer.from(reference.buffer)) : null;
    onePass(p, params, ws, grad);
    let samples = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      backward(p.net, params, grad, ws, p.labels, p.batch);
      samples += p.batch;
    }
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return { impl, ...detail, samplesPerSecond: samples / wall, samplesPerCpuSecond: samples / cpuSeconds, sameBitsAsNaive, gradient };
  } catch (e) {
    return { impl, samplesPerSecond: null, samplesPerCpuSecond: null, sameBitsAsNaive: null, skipped: e instanceof Error ? e.message : String(e) };
  } finally {
    selectKernels(before);
  }
}

/** Every implementation in KERNEL_IMPLS, naive first (the bit reference); also returns naive's gradient. */
export async function benchAllKernels(p: KernelProblem, seconds: number): Promise<{ results: KernelResult[]; reference: Float32Array | null }> {
  const impls = [...KERNEL_IMPLS].sort((a, b) => Number(b === 'naive') - Number(a === 'naive'));
  const results: KernelResult[] = [];
  let reference: Float32Array | null = null;
  for (const impl of impls) {
    const { gradient, ...r } = await benchKernel(impl, p, seconds, reference);
    if (impl === 'naive' && gradient) {
      reference = gradient;
      r.sameBitsAsNaive = true;
    }
    results.push(r);
  }
  return { results, reference };
}

export interface NumpyResult {
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
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

/** OpenBLAS settings this machine's environment may carry; they force a slower kernel here. */
export const BLAS_OVERRIDES = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

/**
 * The same network, batch and parameters in numpy float32 on one thread.
 * Every BLAS threading variable is set to 1. BLAS_OVERRIDES are removed
 * from the child's environment (the best numpy can do here), unless
 * `asConfigured` (numpy as a user of this machine's environment gets it).
 * Returns a reason string when python3 or numpy is missing.
 */
export function benchNumpy(p: KernelProblem, seconds: number, dptGradient: Float32Array | null, asConfigured = false): NumpyResult | string {
  const dir = mkdtempSync(join(tmpdir(), 'dpt-bench-numpy-'));
  try {
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ structure: p.net.layout.structure, batch: p.batch }));
    writeFileSync(join(dir, 'inputs.f32'), p.input);
    writeFileSync(join(dir, 'labels.u8'), p.labels);
    writeFileSync(join(dir, 'params.f32'), p.params);
    const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    if (!asConfigured) for (const k of BLAS_OVERRIDES) delete env[k];
    const script = fileURLToPath(new URL('./numpy_mlp.py', import.meta.url));
    const r = spawnSync('python3', [script, dir, String(seconds)], { env, encoding: 'utf8', timeout: (seconds + 60) * 1000 });
    if (r.error) return `python3 could not be run (${r.error.message})`;
    const last = r.stdout.trim().split('\n').pop() ?? '';
    let out: Record<string, unknown>;
    try {
      out = JSON.parse(last) as Record<string, unknown>;
    } catch {
      return `python3 exited with ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`;
    }
    if (typeof out.error === 'string') return out.error;
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
    const r0 = out as unknown as Omit<NumpyResult, 'gradientRelDiff' | 'samplesPerCpuSecond'>;
    return { ...r0, samplesPerCpuSecond: r0.samplesPerSecond / r0.cpuPerWall, gradientRelDiff };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
