// A floor worker (bench/floor.ts): the least a worker can do per step
// through Redis, with none of dpt's work. Started as
//   node --import tsx bench/floor-worker.ts REDIS_URL PREFIX BYTES
// Announces itself with "ready" on PREFIX:done, then per token
// "<step>:<shard>,<shard>..." BLPOPed from PREFIX:tokens: GET the weights
// blob (only for the first token of a step: a dpt worker keeps the weights
// of the step in hand too), MSET a gradient blob of BYTES bytes at
// PREFIX:grad:<shard> for each shard the token names (the first of each
// subtree its job sends), LPUSH the token to PREFIX:done. The
// token "stop" ends it.

import { connectRedis } from '../lib/redis/connect.js';
import { applyRuntimeFlags } from '../cli/node-flags.js';

const [url, prefix, bytesArg] = process.argv.slice(2);
const bytes = Number(bytesArg);
if (!url || !prefix || !Number.isInteger(bytes) || bytes <= 0) {
  console.error('usage: floor-worker.ts REDIS_URL PREFIX BYTES');
  process.exit(2);
}

// The same V8 settings as a dpt worker (cli/node-flags.ts).
applyRuntimeFlags();
const redis = connectRedis(url, 'dpt-bench-floor-worker');
const gradient = Buffer.alloc(bytes, 7);
let weightsStep = -1;
await redis.lpush(`${prefix}:done`, 'ready');
for (;;) {
  const reply = await redis.blpop(`${prefix}:tokens`, 0);
  if (!reply) continue;
  const token = reply[1];
  if (token === 'stop') break;
  const [step, shards] = token.split(':');
  if (Number(step) !== weightsStep) {
    const weights = await redis.getBuffer(`${prefix}:weights`);
    if (!weights || weights.length !== bytes) throw new Error(`floor worker: weights blob has ${weights?.length ?? 'no'} bytes, expected ${bytes}`);
    weightsStep = weights.readUInt32LE(0);
    if (weightsStep !== Number(step)) throw new Error(`floor worker: weights of step ${weightsStep} for token ${token}`);
  }
  gradient.writeUInt32LE(weightsStep, 0); // the answer depends on the weights, as a gradient does
  await redis.mset(...shards.split(',').flatMap((shard) => [`${prefix}:grad:${shard}`, gradient]));
  await redis.lpush(`${prefix}:done`, token);
}
await redis.quit();
