// One distributed step, phase by phase: `npx tsx bench/step-profile.ts [ROUNDS] [STEPS]`.
// `dpt train --workers 2` at batch 256 in shards of 32 (section 6's shape) on a
// private redis-server, the coordinator's and the workers' per-step debug
// timings (medians over the timed steps), the CPU per step of each role, and
// the Redis floor of the same step, measured back to back ROUNDS times. The
// workers log at debug level here, which costs them some CPU: samples/s is
// section 6's business, this says where a step's time goes.

import '../lib/accel/register.js';
import { applyRuntimeFlags } from '../cli/node-flags.js';
import { startPrivateRedis } from '../lib/redis/private-redis.js';
import { benchEndToEnd } from './end-to-end.js';
import { benchFloor } from './floor.js';
import { paramLayout } from '../lib/math/layout.js';

applyRuntimeFlags(); // the coordinator runs here: with dpt's V8 settings
const rounds = Number(process.argv[2] ?? 2);
const steps = Number(process.argv[3] ?? 2500);
const redis = await startPrivateRedis();
const r3 = (x: number) => +x.toFixed(3);
try {
  for (let r = 0; r < rounds; r++) {
    const floor = await benchFloor(redis.socketUrl, 2, 8, paramLayout([784, 32, 10]).size * 4, 1000, 500);
    const e = await benchEndToEnd(redis.socketUrl, { batch: 256, shard: 32, workers: 2, steps, warmup: Math.floor(steps / 2), workerPhases: true });
    const cpu = e.cpuMsPerStepByRole;
    const fc = floor.cpuMsPerStepByRole;
    console.log(JSON.stringify({
      round: r, load: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)),
      samplesPerSecond: Math.round(e.samplesPerSecond), stepMedianMs: r3(e.stepMs.median), floorMedianMs: r3(floor.stepMs.median),
      cpuMs: cpu && { coordinator: r3(cpu.self), workers: r3(cpu.workers), redis: r3(cpu.redis) },
      floorCpuMs: fc && { coordinator: r3(fc.self), workers: r3(fc.workers), redis: r3(fc.redis) },
      coordinator: e.phaseMedianMs, worker: e.jobPhaseMedianMs,
    }));
  }
} finally {
  await redis.stop();
}
