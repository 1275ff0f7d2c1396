// `dpt wait-redis`: blocks until the Redis of REDIS_URL (or --redis) answers
// PING, then exits 0; after --timeout seconds it exits 1 naming the host.
// For init containers and scripts that start dpt before Redis is ready: it
// connects exactly as every other dpt command does (TLS, --redis-ca, ACL
// users, unix sockets), logs the host but never the password, and an answer
// no wait can fix (wrong password, untrusted certificate, not Redis at all)
// ends it at once instead of waiting out the timeout.

import { BrokerError, ConfigError, RedisWaitTimeoutError } from '../lib/errors.js';
import { checkRedis, useRedisCa } from '../lib/redis/connect.js';
import { redactUrl } from '../lib/log.js';

export interface WaitRedisOptions {
  redis?: string;
  timeout?: string;
  redisCa?: string;
  quiet?: boolean;
}

/** Pause between attempts: short, since each attempt is cheap and Redis comes up in about a second. */
const RETRY_MS = 500;

/**
 * Reasons (lib/redis/connect.ts) that mean "not up yet": nothing listening,
 * no DNS name yet (a Service without endpoints), no answer, or a Redis still
 * loading its data. Any other refusal is final.
 */
const NOT_YET = /^cannot connect to Redis|\bLOADING\b|Connection is closed/;

export async function waitRedisCommand(opts: WaitRedisOptions): Promise<void> {
  const now = () => performance.now();
  const url = opts.redis ?? process.env.REDIS_URL;
  if (!url) throw new ConfigError('--redis', 'required (or set REDIS_URL): the Redis to wait for');
  const timeoutS = opts.timeout === undefined ? 60 : Number(opts.timeout);
  if (!/^\d+(\.\d+)?$/.test(opts.timeout ?? '60') || !(timeoutS > 0)) {
    throw new ConfigError('--timeout', `expected seconds > 0, got "${opts.timeout}"`);
  }
  const restoreCa = useRedisCa(opts.redisCa);
  const where = redactUrl(url);
  const say = (msg: string) => { if (!opts.quiet) console.log(`dpt: ${msg}`); };
  const deadline = now() + timeoutS * 1000;
  let attempts = 0;
  try {
    say(`waiting for Redis at ${where} (up to ${timeoutS}s)`);
    for (;;) {
      attempts++;
      const left = deadline - now();
      try {
        // Each attempt is bounded by what is left, so the command never outlives its --timeout by much.
        const info = await checkRedis(url, Math.max(200, Math.min(3000, left)));
        say(`Redis ${info.version} at ${where} answers PING`);
        return;
      } catch (e) {
        if (!(e instanceof BrokerError) || !NOT_YET.test(e.reason)) throw e;
        if (now() >= deadline) throw new RedisWaitTimeoutError(where, timeoutS, attempts, e.reason);
      }
      // The last pause ends at the deadline, so the last attempt is made then.
      await new Promise((r) => setTimeout(r, Math.min(RETRY_MS, Math.max(0, deadline - now()))));
    }
  } finally {
    restoreCa();
  }
}
