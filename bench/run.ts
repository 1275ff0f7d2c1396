// `npm run bench`: kernel and end-to-end throughput on this machine, printed
// as tables with ratios against a reference measured in the same run, and
// saved to bench/results/latest.json. Absolute numbers vary between runs
// and machines; the ratios are what to compare.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startPrivateRedis } from '../lib/broker/private-redis.js';
import { benchKernel } from './kernels.js';
import { benchEndToEnd, type EndToEndResult } from './end-to-end.js';

const quick = process.argv.includes('--quick');
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function main(): Promise<void> {
  console.log(`dpt bench on ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}${quick ? ' (quick)' : ''}\n`);

  console.log('Kernels: MNIST 784-32-10, batch 256, float32, forward+backward, one core');
  const kernelSeconds = quick ? 1 : 3;
  const naive = benchKernel('naive', [784, 32, 10], 256, kernelSeconds);
  const js = benchKernel('js', [784, 32, 10], 256, kernelSeconds);
  const kernels = [naive, js];
  for (const k of kernels) console.log(`  ${k.impl.padEnd(6)} ${fmt(k.samplesPerSecond).padStart(10)} samples/s  ${(k.samplesPerSecond / naive.samplesPerSecond).toFixed(2)}x naive`);

  console.log('\nEnd to end: dpt train on MNIST (mnist preset network), private redis-server, steps timed by the coordinator');
  const redis = await startPrivateRedis();
  const e2e: EndToEndResult[] = [];
  try {
    for (const [batch, shard, steps] of [[256, 64, quick ? 100 : 300], [32, 16, quick ? 200 : 600]] as const) {
      const base = await benchEndToEnd(redis.url, batch, shard, 0, steps);
      e2e.push(base);
      for (const workers of [1, 2]) e2e.push(await benchEndToEnd(redis.url, batch, shard, workers, steps));
      console.log(`  batch ${batch} (shards of ${shard}):`);
      for (const r of e2e.filter((x) => x.batch === batch)) {
        const over = r.workers === 0 ? '' : `  overhead/step median ${(r.stepMs.median - base.stepMs.median).toFixed(2)} ms, p99 ${(r.stepMs.p99 - base.stepMs.p99).toFixed(2)} ms`;
        console.log(`    ${(r.workers === 0 ? 'in-process' : `${r.workers} worker${r.workers > 1 ? 's' : ''}`).padEnd(10)} ${fmt(r.samplesPerSecond).padStart(8)} samples/s  ${(r.samplesPerSecond / base.samplesPerSecond).toFixed(2)}x  step median ${r.stepMs.median.toFixed(2)} ms p99 ${r.stepMs.p99.toFixed(2)} ms${over}`);
      }
    }
  } finally {
    await redis.stop();
  }

  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL('./results/latest.json', import.meta.url);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, kernels, endToEnd: e2e }, null, 2) + '\n');
  console.log(`\nsaved ${file.pathname}`);
}

await main();
