// The distribution of distributed step times: `npx tsx bench/step-tails.ts [STEPS] [list|bullmq]`.
// `dpt train --workers 2` at batch 256 in shards of 32 (section 6's shape) on
// a private redis-server, timed as section 3 times it (the second half of
// STEPS, after the first half's warm-up), printing the mean, quantiles and
// how much of the time went to slow steps. Section 6 says how fast; this
// says whether the mean is made of ordinary steps or of a heavy tail (on a
// 2-core machine, GC pauses and processes waiting for a core).

import '../lib/accel/register.js';
import { applyRuntimeFlags } from '../cli/node-flags.js';
import { startPrivateRedis } from '../lib/redis/private-redis.js';
import { prepareRun } from '../lib/train/run-training.js';
import { train } from './end-to-end.js';

applyRuntimeFlags(); // the coordinator runs here: with dpt's V8 settings
const steps = Number(process.argv[2] ?? 4000);
const dispatch = process.argv[3] ?? 'list';
if (!Number.isInteger(steps) || steps < 100 || (dispatch !== 'list' && dispatch !== 'bullmq')) {
  console.error('usage: step-tails.ts [STEPS >= 100] [list|bullmq]');
  process.exit(2);
}
const redis = await startPrivateRedis();
try {
  const times: number[] = [];
  const run = prepareRun({ preset: 'mnist', batchSize: '256', shardSize: '32', maxSteps: String(steps), epochs: '1000', testLimit: '1' });
  await train(redis.socketUrl, run, 2, () => void times.push(performance.now()), undefined, undefined, dispatch);
  const d = times.slice(1).map((t, i) => t - times[i]).slice(Math.floor(steps / 2));
  const sorted = [...d].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))].toFixed(2);
  const total = d.reduce((a, b) => a + b, 0);
  console.log(`${dispatch}: ${d.length} steps, mean ${(total / d.length).toFixed(3)} ms (${Math.round(256 / (total / d.length / 1000))} samples/s), ` +
    `q50 ${q(0.5)}, q75 ${q(0.75)}, q90 ${q(0.9)}, q95 ${q(0.95)}, q99 ${q(0.99)}, max ${q(1)} ms`);
  for (const ms of [3, 5, 10]) {
    const slow = d.filter((x) => x > ms);
    console.log(`  steps over ${ms} ms: ${slow.length}, ${(100 * slow.reduce((a, b) => a + b, 0) / total).toFixed(1)} % of the time`);
  }
} finally {
  await redis.stop();
}
