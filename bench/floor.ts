// The Redis floor: the cheapest synchronous step between a coordinator and
// worker processes of the same kind dpt uses (node + tsx, ioredis with
// dpt's connection options), moving the same bytes in the same number of
// messages as a real step of S shards: the weights once to each worker, the
// shards in as many tokens as dpt makes jobs (services/step-protocol.ts, its
// default: one per worker), and one gradient blob per whole subtree of the
// step's reduction tree in a job (lib/math/pairwise-tree.ts): one per job
// when the jobs are tree-aligned, as 8 shards on 2 workers are.
//
//   coordinator: SET weights (one pipeline with) LPUSH J tokens
//   a worker:    BLPOP token, GET weights (once per step, as dpt's
//                weights cache does), MSET its subtrees' grad:s, LPUSH done
//   coordinator: BLPOP J done tokens, MGET the step's gradient blobs
//
// No BullMQ, no protobuf, no validation, no compute: a training step can
// approach this time, not beat it.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectRedis } from '../lib/redis/connect.js';
import { NODE_FLAGS } from '../cli/node-flags.js';
import { autoShardsPerJob, jobGroups } from '../services/step-protocol.js';
import { treeBlocks } from '../lib/math/pairwise-tree.js';
import { summary, type Summary } from './stats.js';
import { cpuByRole, cpuPerStep, type CpuByRole } from './cpu.js';

export interface FloorResult {
  workers: number;
  /** A real step's shard count. */
  shards: number;
  /** Gradient blobs per step: the whole subtrees of the jobs' shards. */
  blobs: number;
  /** Tokens per step, each carrying consecutive shards (dpt's jobs per step). */
  jobs: number;
  bytes: number;
  steps: number;
  stepMs: Summary;
  /** CPU per timed step: this process (the coordinator's part), the worker processes, redis-server. */
  cpuMsPerStepByRole: CpuByRole | null;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const workerScript = fileURLToPath(new URL('./floor-worker.ts', import.meta.url));

export async function benchFloor(
  redisUrl: string, workers: number, shards: number, bytes: number, steps: number, warmup: number,
): Promise<FloorResult> {
  const prefix = `dpt-bench-floor:${process.pid}:${workers}x${shards}:${Date.now().toString(36)}`;
  const redis = connectRedis(redisUrl, 'dpt-bench-floor');
  const blocking = connectRedis(redisUrl, 'dpt-bench-floor-blocking');
  const children: ChildProcess[] = [];
  const exits: Promise<void>[] = [];
  let crashed: Error | null = null;
  try {
    for (let k = 0; k < workers; k++) {
      const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', workerScript, redisUrl, prefix, String(bytes)], {
        cwd: root, stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
      exits.push(new Promise((resolve) => child.on('exit', (code, signal) => {
        if (code !== 0) crashed = new Error(`floor worker ${k} exited with ${code ?? signal}`);
        resolve();
      })));
    }
    const pop = async (): Promise<string> => {
      for (;;) {
        if (crashed) throw crashed;
        const reply = await blocking.blpop(`${prefix}:done`, 1);
        if (reply) return reply[1];
      }
    };
    for (let k = 0; k < workers; k++) if ((await pop()) !== 'ready') throw new Error('floor: unexpected token before ready');

    const weights = Buffer.alloc(bytes, 3);
    // Each token names the first shard of each subtree its job sends.
    const groups = jobGroups(shards, autoShardsPerJob(shards, workers)).map((g) => treeBlocks(g[0], g[g.length - 1] + 1, shards).map((b) => b.first));
    const gradKeys = groups.flat().map((s) => `${prefix}:grad:${s}`);
    const times: number[] = [];
    let cpuStart: CpuByRole | null = null;
    for (let step = 0; step < warmup + steps; step++) {
      if (step === warmup) cpuStart = cpuByRole();
      const started = performance.now();
      weights.writeUInt32LE(step, 0);
      await redis.pipeline()
        .set(`${prefix}:weights`, weights)
        .lpush(`${prefix}:tokens`, ...groups.map((g) => `${step}:${g.join(',')}`))
        .exec();
      for (let j = 0; j < groups.length; j++) {
        const token = await pop();
        if (Number(token.split(':')[0]) !== step) throw new Error(`floor: token ${token} during step ${step}`);
      }
      const grads = await redis.mgetBuffer(...gradKeys);
      for (const g of grads) {
        if (!g || g.length !== bytes || g.readUInt32LE(0) !== step) throw new Error(`floor: bad gradient blob in step ${step}`);
      }
      if (step >= warmup) times.push(performance.now() - started);
    }
    const cpuEnd = cpuByRole();
    const cpu = cpuStart && cpuEnd ? cpuPerStep(cpuStart, cpuEnd, steps) : null;
    await redis.lpush(`${prefix}:tokens`, ...children.map(() => 'stop'));
    await Promise.all(exits);
    if (crashed) throw crashed;
    return { workers, shards, blobs: gradKeys.length, jobs: groups.length, bytes, steps, stepMs: summary(times), cpuMsPerStepByRole: cpu };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(exits);
    await redis.del(`${prefix}:weights`, `${prefix}:tokens`, `${prefix}:done`, ...Array.from({ length: shards }, (_, s) => `${prefix}:grad:${s}`)).catch(() => 0);
    await Promise.allSettled([redis.quit(), blocking.quit()]);
  }
}
