// How dpt talks to Redis: one place turns a URL into ioredis options, so the
// coordinator, the workers and BullMQ all reconnect the same way; one place
// checks a URL up front so a bad one fails in seconds with a reason a user
// can act on, instead of hanging in a retry loop; and one place hides the
// password of a URL that is about to be printed.

import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { BrokerError } from '../errors.js';

/** Reconnect delay: 50 ms doubling to a 2 s cap, so a restarted Redis is found again quickly without spinning. */
export function reconnectDelay(times: number): number {
  return Math.min(50 * 2 ** Math.max(0, times - 1), 2000);
}

/**
 * ioredis options whose `retryStrategy` is a plain function: ioredis types it
 * as nullable, which BullMQ's own RedisOptions type rejects, so this type can
 * be passed as BullMQ's `connection` without a cast.
 */
export type DptRedisOptions = RedisOptions & { retryStrategy: (times: number) => number };

/**
 * ioredis options for `url`: `redis://[user:password@]host[:port][/db]`,
 * `rediss://...` for TLS, or a unix socket as `unix:///path/redis.sock` or
 * `/path/redis.sock` (optionally `?db=N`). Retries forever with capped
 * backoff and never fails a queued command (`maxRetriesPerRequest: null`),
 * as BullMQ's blocking workers require.
 */
export function redisOptionsFor(url: string): DptRedisOptions {
  return {
    ...endpointFor(url),
    retryStrategy: reconnectDelay,
    maxRetriesPerRequest: null,
    // Wait until Redis has loaded its dataset before sending commands.
    enableReadyCheck: true,
  };
}

/**
 * A long-lived client; `name` shows up in CLIENT LIST to tell processes
 * apart. Connection errors are reported to `onError` (default: ignored):
 * ioredis keeps reconnecting with backoff, and without a listener it prints
 * "Unhandled error event" on every attempt.
 */
export function connectRedis(url: string, name: string, onError: (err: Error) => void = () => {}): Redis {
  const client = new Redis({ ...redisOptionsFor(url), connectionName: name });
  client.on('error', onError);
  return client;
}

export interface RedisInfo {
  version: string;
  /** Undefined when neither INFO nor CONFIG GET would tell (managed services). */
  maxmemoryPolicy: string | undefined;
}

/**
 * Connects once, without retries, PINGs and reads the server version and
 * `maxmemory-policy` (BullMQ needs `noeviction`; the caller decides whether
 * to warn). Throws BrokerError naming the redacted URL and what to do.
 */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<RedisInfo> {
  const where = redactUrl(url);
  const options = redisOptionsFor(url);
  const client = new Redis({
    ...options,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    connectionName: 'dpt-check',
  });
  // connect() only rejects with "Connection is closed."; the cause (ECONNREFUSED,
  // WRONGPASS, ...) arrives as an 'error' event first.
  let cause: unknown;
  client.on('error', (err: unknown) => {
    cause ??= err;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const info = await Promise.race([pingAndDescribe(client), deadline]);
    // A failed SELECT (db out of range) is only an 'error' event: ioredis
    // carries on, connected to db 0.
    if (cause !== undefined) throw cause;
    return info;
  } catch (err) {
    throw new BrokerError(where, reasonFor(cause ?? err, options));
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

async function pingAndDescribe(client: Redis): Promise<RedisInfo> {
  await client.connect();
  await client.ping();
  // INFO and CONFIG can both be renamed away on managed Redis: neither is fatal.
  const info = await client.info().catch(() => '');
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  return {
    version: field('redis_version') ?? 'unknown',
    maxmemoryPolicy: field('maxmemory_policy') ?? (await configGet(client, 'maxmemory-policy')),
  };
}

async function configGet(client: Redis, name: string): Promise<string | undefined> {
  try {
    const reply: unknown = await client.config('GET', name);
    if (Array.isArray(reply)) return typeof reply[1] === 'string' ? reply[1] : undefined;
    if (reply && typeof reply === 'object') return (reply as Record<string, string>)[name];
  } catch {
    // CONFIG disabled: report the policy as unknown.
  }
  return undefined;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'ETIMEDOUT', 'ECONNRESET', 'ENOENT', 'EACCES',
]);

/** A one-line reason for BrokerError; never contains the password. */
function reasonFor(err: unknown, options: RedisOptions): string {
  const e: NodeJS.ErrnoException = err instanceof Error ? err : new Error(String(err));
  const message = hide(e.message, options.password);
  const target = options.path ?? `${options.host}:${options.port}`;
  if (/^WRONGPASS|invalid password|invalid username-password/i.test(message)) {
    return 'Redis rejected the credentials (WRONGPASS); check the user and password in the URL';
  }
  if (/^NOAUTH/.test(message)) {
    return 'Redis rejected the credentials (NOAUTH: it requires a password); pass it as redis://:PASSWORD@host:port';
  }
  if (/DB index is out of range/.test(message)) {
    return `Redis has no database ${options.db} (${message}); use a smaller /db in the URL`;
  }
  if ((e.code && UNREACHABLE.has(e.code)) || /^no answer within/.test(message)) {
    return `cannot connect to Redis at ${target} (${e.code ?? message}); start one or pass --redis URL`;
  }
  if (/RESP type|Protocol error|wrong version number|SSL|TLS/i.test(message)) {
    return `something at ${target} answered but not as Redis (${message}); check the host, port and redis:// vs rediss://`;
  }
  return `Redis at ${target} did not answer PING: ${message}`;
}

function hide(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

/** Where to connect and as whom: the parts of the options that come from the URL. */
function endpointFor(url: string): RedisOptions {
  const invalid = (why: string) => new BrokerError(redactUrl(url), why);
  if (url.startsWith('/') || /^unix:\/\//i.test(url)) {
    const parsed = new URL(url.startsWith('/') ? `unix://${url}` : url);
    const db = parsed.searchParams.get('db');
    return { path: decodeURIComponent(parsed.pathname), ...(db === null ? {} : { db: dbIndex(db, invalid) }) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('not a valid Redis URL; expected redis://[user:password@]host[:port][/db]');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw invalid(`unsupported scheme ${parsed.protocol}; use redis://, rediss:// (TLS) or unix:///path/redis.sock`);
  }
  if (!parsed.hostname) throw invalid('the URL names no host; expected redis://host:port');
  const options: RedisOptions = {
    // WHATWG URL keeps the brackets of an IPv6 literal; net.connect wants them off.
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db) options.db = dbIndex(db, invalid);
  if (parsed.protocol === 'rediss:') options.tls = {};
  return options;
}

function dbIndex(text: string, invalid: (why: string) => BrokerError): number {
  if (!/^\d+$/.test(text)) throw invalid(`database must be a number (redis://host:port/0), got "${text}"`);
  return Number(text);
}

/** BullMQ's connection options for a URL: the same ioredis options as every other dpt connection. */
export function bullConnection(url: string, name: string): ConnectionOptions {
  return { ...redisOptionsFor(url), connectionName: name };
}

// ---- Redis URLs carry their password inline (redis://user:pass@host), and URLs
// end up in logs, error messages and job data. Everything that prints a URL
// prints redactUrl(url) instead.

const MASK = '***';

/**
 * `url` with its whole user-info part and any `password=` query value
 * replaced by `***`: `redis://u:p@h:6379/0` -> `redis://***@h:6379/0`.
 * The user name goes too: some providers put the secret there.
 * Works on strings that are not valid URLs (a raw `@` or `/` in a password,
 * no scheme at all), erring towards hiding too much.
 */
export function redactUrl(url: string): string {
  let out = url;
  // A bare socket path has no user-info; an '@' in it is part of the path.
  if (!out.startsWith('/')) {
    const start = /^[a-z][a-z0-9+.-]*:\/\//i.exec(out)?.[0].length ?? 0;
    // The last '@' ends the user-info even when the password holds a raw '@'.
    const at = out.lastIndexOf('@');
    if (at >= start) out = out.slice(0, start) + MASK + out.slice(at);
  }
  return out.replace(/([?&]password=)[^&#]*/gi, `$1${MASK}`);
}
