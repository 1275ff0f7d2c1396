// Section 6: dpt against its peers, whole training loops, steady-state
// epochs. The `mnist` preset's network (784-32-10, float32, sigmoid,
// squared error, SGD) on the 60,000 MNIST training images:
//
//   in-process:  `dpt train --workers 0` against numpy's whole loop on one
//                thread (numpy_loop.py), at batch 64 (the preset) and 256;
//   distributed: `dpt train --workers 2` at batch 256 in the preset's
//                shards of 32 against the Redis floor of the same step
//                (floor.ts: 2 workers, 8 shards, the same blobs and
//                tokens) and against PyTorch DDP with 2 ranks of one thread
//                (torch_ddp.py), skipped with a message where torch does
//                not import.
//
// Every run times its epochs' training loops only (no evaluation, no
// start-up), as the peers report, and gives its best epoch; each pair is
// measured back to back, several rounds, and a ratio is the median of the
// rounds' ratios: a shared VM's speed drifts by tens of percent in a minute.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../lib/data/load-dataset.js';
import { prepareRun } from '../lib/train/run-training.js';
import { BLAS_OVERRIDES } from './kernels.js';
import { NODE_FLAGS } from '../cli/node-flags.js';
import { benchFloor, type FloorResult } from './floor.js';

const here = fileURLToPath(new URL('.', import.meta.url));
/**
 * Where `pip install --no-index --no-deps --target` put torch: outside the
 * repository (its own .js files would meet the lint); DPT_TORCH_PATH overrides.
 */
const TORCH_PATH = process.env.DPT_TORCH_PATH ?? join(homedir(), '.cache', 'dpt-torch');

export interface PeerRound {
  /** Best epoch's samples/s of each side, and their ratio. */
  dpt: number;
  peer: number | null;
  ratio: number | null;
}

export interface PeerComparison {
  what: string;
  batch: number;
  shard: number;
  workers: number;
  epochs: number;
  peer: string;
  rounds: PeerRound[];
  /** Median over rounds of dpt's best epoch, the peer's, and of the rounds' ratios. */
  dptSamplesPerSecond: number;
  peerSamplesPerSecond: number | null;
  ratio: number | null;
  skipped?: string;
}

export interface DistributedComparison extends PeerComparison {
  floor: FloorResult;
  /** Samples/s if a step cost no more than the floor's median step. */
  floorSamplesPerSecond: number;
  /** dpt's samples/s over the floor's: how close to the floor dpt's whole step is. */
  ofFloor: number;
  /** Gradient tensors (messages) and their bytes per step, worker to coordinator. */
  gradientsPerStep: number;
  gradientBytesPerStep: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The MNIST training set as numpy_loop.py and torch_ddp.py read it. */
function writeDataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dpt-bench-peers-'));
  const ds = loadDataset('mnist');
  const t = ds.train;
  if (!(t.inputs instanceof Uint8Array)) throw new Error('the MNIST training set is not bytes');
  writeFileSync(join(dir, 'images.u8'), t.inputs.subarray(0, t.count * ds.inputSize));
  writeFileSync(join(dir, 'labels.u8'), t.labels.subarray(0, t.count));
  const preset = prepareRun({ preset: 'mnist' }).config;
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ count: t.count, inputSize: ds.inputSize, classes: ds.numClasses, hidden: preset.structure[1], eta: preset.eta }));
  return dir;
}

/** A peer script's per-epoch samples/s, or why it did not run. */
function python(script: string, args: string[], env: NodeJS.ProcessEnv): { epochs: number[]; setup: unknown } | { skipped: string } {
  const r = spawnSync('python3', [join(here, script), ...args], { env, encoding: 'utf8', timeout: 300_000 });
  if (r.error) return { skipped: `python3 could not be run (${r.error.message})` };
  const lines = (r.stdout ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const skip = lines.find((l) => typeof l.skipped === 'string' || typeof l.error === 'string');
  if (skip) return { skipped: String(skip.skipped ?? skip.error) };
  if (r.status !== 0) return { skipped: `${script} exited with ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return { epochs: lines.filter((l) => typeof l.samplesPerSecond === 'number').map((l) => l.samplesPerSecond as number), setup: lines[0] };
}

const blasEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  for (const k of BLAS_OVERRIDES) delete env[k];
  return env;
};

/**
 * dpt's per-epoch training samples/s (the loop's own epoch timing: training
 * steps only), from `dpt train` run as a user runs it: a fresh process (as
 * each peer is), its metrics.jsonl read back. In the bench's own process the
 * loop ran ~20 % slower after section 4's large network (its heap and
 * buffers stay behind), which no user's run sees. `dpt train --workers N`
 * starts its own private redis-server, on a unix socket, as users get it.
 */
function dptEpochs(batch: number, shard: number, workers: number, epochs: number): number[] {
  const out = mkdtempSync(join(tmpdir(), 'dpt-bench-peer-run-'));
  try {
    const args = [
      ...NODE_FLAGS, '--import', 'tsx', join(here, '..', 'scripts', 'dpt-dev.ts'), 'train', '--preset', 'mnist', '--batch-size', String(batch),
      '--shard-size', String(shard), '--epochs', String(epochs), '--workers', String(workers), '--test-limit', '100', '--out', out,
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000, env: { ...process.env, DPT_LOG_LEVEL: 'warn' } });
    if (r.status !== 0) throw new Error(`dpt train exited with ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    return readFileSync(join(out, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean)
      .map((l) => JSON.parse(l) as { kind?: string; samplesPerSecond?: number })
      .filter((m) => m.kind === 'epoch' && typeof m.samplesPerSecond === 'number').map((m) => m.samplesPerSecond as number);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function benchPeersInProcess(batches: number[], epochs: number, rounds: number): Promise<PeerComparison[]> {
  const dir = writeDataset();
  try {
    const out: PeerComparison[] = [];
    for (const batch of batches) {
      const rs: PeerRound[] = [];
      let skipped: string | undefined;
      for (let round = 0; round < rounds; round++) {
        const dpt = Math.max(...dptEpochs(batch, 32, 0, epochs));
        const np = python('numpy_loop.py', [dir, String(batch), String(epochs)], blasEnv());
        if ('skipped' in np) skipped = np.skipped;
        const peer = 'epochs' in np ? Math.max(...np.epochs) : null;
        rs.push({ dpt, peer, ratio: peer ? dpt / peer : null });
      }
      const peers = rs.map((r) => r.peer).filter((p): p is number => p !== null);
      const ratios = rs.map((r) => r.ratio).filter((p): p is number => p !== null);
      out.push({
        what: 'dpt train --workers 0', batch, shard: 32, workers: 0, epochs, peer: 'numpy float32, 1 thread, whole loop', rounds: rs,
        dptSamplesPerSecond: median(rs.map((r) => r.dpt)), peerSamplesPerSecond: peers.length ? median(peers) : null,
        ratio: ratios.length ? median(ratios) : null, ...(skipped ? { skipped } : {}),
      });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPeersDistributed(
  redisUrl: string, batch: number, shard: number, epochs: number, rounds: number, floorSteps: number, gradientsPerStep: number, gradientBytes: number,
): Promise<DistributedComparison> {
  const dir = writeDataset();
  try {
    const rs: PeerRound[] = [];
    let skipped: string | undefined;
    const floor = await benchFloor(redisUrl, 2, batch / shard, gradientBytes, floorSteps, floorSteps);
    for (let round = 0; round < rounds; round++) {
      const dpt = Math.max(...dptEpochs(batch, shard, 2, epochs));
      const env = { ...blasEnv(), PYTHONPATH: [TORCH_PATH, process.env.PYTHONPATH].filter(Boolean).join(':') };
      const ddp = python('torch_ddp.py', [dir, String(batch), String(epochs), '2'], env);
      if ('skipped' in ddp) skipped = `${ddp.skipped} (install the CPU wheel with pip install --no-index --no-deps --target ${TORCH_PATH} WHEEL, or set DPT_TORCH_PATH)`;
      const peer = 'epochs' in ddp ? Math.max(...ddp.epochs) : null;
      rs.push({ dpt, peer, ratio: peer ? dpt / peer : null });
    }
    const peers = rs.map((r) => r.peer).filter((p): p is number => p !== null);
    const ratios = rs.map((r) => r.ratio).filter((p): p is number => p !== null);
    const dptSamplesPerSecond = median(rs.map((r) => r.dpt));
    const floorSamplesPerSecond = (batch * 1000) / floor.stepMs.median;
    return {
      what: 'dpt train --workers 2', batch, shard, workers: 2, epochs, peer: 'PyTorch DDP, gloo, 2 ranks of 1 thread', rounds: rs,
      dptSamplesPerSecond, peerSamplesPerSecond: peers.length ? median(peers) : null, ratio: ratios.length ? median(ratios) : null,
      ...(skipped ? { skipped } : {}),
      floor, floorSamplesPerSecond, ofFloor: dptSamplesPerSecond / floorSamplesPerSecond, gradientsPerStep, gradientBytesPerStep: gradientsPerStep * gradientBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
