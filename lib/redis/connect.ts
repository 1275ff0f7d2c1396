// How dpt talks to Redis: one place turns a URL into ioredis options, so the
// coordinator, the workers and BullMQ all reconnect the same way; one place
// checks a URL up front so a bad one fails in seconds with a reason a user
// can act on, instead of hanging in a retry loop; and one place hides the
// password of a URL that is about to be printed.
//
// Secrets (the password in the URL, the CA file's path) come from the URL,
// flags or the environment, never from a command line dpt builds itself:
// `dpt train` hands them to its workers in their environment.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { BrokerError, ConfigError } from '../errors.js';
import { redactUrl } from '../log.js';

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
    // Null (stop reconnecting) only once the server is known to be gone for
    // good (abandonRedis); ioredis accepts it, BullMQ's type does not.
    retryStrategy: (times) => (abandoned.has(url) ? (null as unknown as number) : reconnectDelay(times)),
    maxRetriesPerRequest: null,
    // Wait until Redis has loaded its dataset before sending commands.
    enableReadyCheck: true,
  };
}

const abandoned = new Set<string>();

/**
 * Stops every connection of this process to `url` from reconnecting: once
 * its current attempt fails (within one reconnect delay, at most 2 s),
 * ioredis ends it and fails its pending and future commands with
 * "Connection is closed.". For a server that will never come back (the
 * private redis-server of `dpt train` died); a Redis that may restart must
 * be waited for instead.
 */
export function abandonRedis(url: string): void {
  abandoned.add(url);
}

/** How often a client reports connection errors: a Redis that is down fails every reconnect attempt. */
export const ERROR_REPORT_INTERVAL_MS = 5000;

/**
 * A long-lived client; `name` shows up in CLIENT LIST to tell processes
 * apart. Connection errors are reported to `onError` (default: ignored):
 * ioredis keeps reconnecting with backoff, and without a listener it prints
 * "Unhandled error event" on every attempt. The first error is reported at
 * once, later ones at most once per ERROR_REPORT_INTERVAL_MS, the message
 * then saying how many were left out.
 */
export function connectRedis(url: string, name: string, onError: (err: Error) => void = () => {}): Redis {
  const client = new Redis({ ...redisOptionsFor(url), connectionName: name });
  client.on('error', throttled(onError, ERROR_REPORT_INTERVAL_MS));
  return client;
}

/** `report`, called at most once per `intervalMs`; an error reported after others were dropped says how many. */
export function throttled(report: (err: Error) => void, intervalMs: number): (err: Error) => void {
  let last = -Infinity;
  let dropped = 0;
  return (err) => {
    const now = performance.now();
    if (now - last < intervalMs) {
      dropped++;
      return;
    }
    last = now;
    if (dropped > 0) {
      const more = new Error(`${err.message} (and ${dropped} more connection error${dropped > 1 ? 's' : ''} since the last report)`);
      Object.assign(more, { code: (err as NodeJS.ErrnoException).code });
      dropped = 0;
      report(more);
    } else {
      report(err);
    }
  };
}

export interface RedisInfo {
  version: string;
  /** Undefined when neither INFO nor CONFIG GET would tell (managed services). */
  maxmemoryPolicy: string | undefined;
}

/**
 * Connects once, without retries, PINGs and reads the server version and
 * `maxmemory-policy`. Throws BrokerError naming the redacted URL and what to
 * do, also for a server that evicts keys (allkeys-*, volatile-*): an evicted
 * job, blob or dataset chunk would stall or break a run at random, so dpt
 * needs `noeviction` (an unknown policy, when INFO and CONFIG are disabled,
 * is let through).
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
    if (info.maxmemoryPolicy !== undefined && info.maxmemoryPolicy !== 'noeviction') {
      throw new BrokerError(where, `Redis evicts keys under memory pressure (maxmemory-policy ${info.maxmemoryPolicy}): an evicted job or ` +
        'blob would stall the run; set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction)');
    }
    return info;
  } catch (err) {
    if (err instanceof BrokerError) throw err;
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

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED',
]);

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
  if (e.code && TLS_UNTRUSTED.has(e.code)) {
    return `the TLS certificate of ${target} is not trusted (${e.code}: ${message}); pass the CA that signed it with --redis-ca FILE or ${REDIS_CA_ENV}`;
  }
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the TLS certificate of ${target} is not for this host name (${message}); connect with a name or address the certificate lists`;
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
  if (parsed.protocol === 'rediss:') options.tls = tlsOptions();
  return options;
}

// ---- TLS with a private CA: the CA's PEM file comes from --redis-ca (the
// command sets DPT_REDIS_CA) or DPT_REDIS_CA, so every process of a run,
// including the workers `dpt train` forks, trusts the same CA.

export const REDIS_CA_ENV = 'DPT_REDIS_CA';

const caFiles = new Map<string, Buffer>();

/** TLS options for a rediss:// URL: Node's default CAs, or the CA of DPT_REDIS_CA. */
function tlsOptions(): RedisOptions['tls'] {
  const file = process.env[REDIS_CA_ENV];
  return file ? { ca: readRedisCa(file, REDIS_CA_ENV) } : {};
}

/**
 * --redis-ca: checks `file` and makes it the CA of every rediss://
 * connection of this process and of the processes it starts (they inherit
 * DPT_REDIS_CA). No-op when `file` is undefined. Returns what puts the
 * previous setting back (for a command run in-process, as tests do).
 */
export function useRedisCa(file: string | undefined, flag = '--redis-ca'): () => void {
  if (file === undefined) return () => {};
  const path = resolve(file);
  readRedisCa(path, flag);
  const before = process.env[REDIS_CA_ENV];
  process.env[REDIS_CA_ENV] = path;
  return () => {
    if (before === undefined) delete process.env[REDIS_CA_ENV];
    else process.env[REDIS_CA_ENV] = before;
  };
}

/**
 * Reads a CA file (PEM), refusing with a ConfigError naming `flag` one that
 * cannot be read or holds no certificate.
 */
export function readRedisCa(file: string, flag: string): Buffer {
  const cached = caFiles.get(file);
  if (cached) return cached;
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (err) {
    throw new ConfigError(flag, `cannot read the CA file ${file}: ${(err as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError(flag, `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  caFiles.set(file, pem);
  return pem;
}

function dbIndex(text: string, invalid: (why: string) => BrokerError): number {
  if (!/^\d+$/.test(text)) throw invalid(`database must be a number (redis://host:port/0), got "${text}"`);
  return Number(text);
}

/** BullMQ's connection options for a URL: the same ioredis options as every other dpt connection. */
export function bullConnection(url: string, name: string): ConnectionOptions {
  return { ...redisOptionsFor(url), connectionName: name };
}

// ---- Errors Redis answers with that no retry can fix.

/**
 * A BrokerError for a Redis reply that means dpt cannot run with this
 * server as configured, or null for any other error: NOPERM (the ACL user
 * lacks a command, key or channel dpt needs; README, "Redis ACL") and OOM
 * (maxmemory reached under noeviction). `url` names the server when known.
 */
export function brokerErrorFor(err: unknown, url?: string): BrokerError | null {
  if (err instanceof BrokerError) return err;
  if (!(err instanceof Error)) return null;
  const where = url === undefined ? 'Redis' : redactUrl(url);
  const message = err.message;
  // NOPERM from a command; from inside a Lua script (BullMQ's) the same refusal comes as ERR.
  const command = /permissions to run the '([^']+)' command/.exec(message)?.[1];
  if (command) return new BrokerError(where, `the Redis user lacks permission: ${command}; see README 'Redis ACL'`);
  if (/\bNOPERM\b|user executing the script can't/.test(message)) {
    const denied = /channel/i.test(message) ? 'a pub/sub channel' : /key/i.test(message) ? 'a key' : 'a command';
    const by = (err as { command?: { name?: string } }).command?.name;
    return new BrokerError(where, `the Redis user lacks permission: ${denied}${by ? ` used by ${by}` : ''} (${firstLine(message)}); see README 'Redis ACL'`);
  }
  if (/^OOM\b/.test(message)) {
    return new BrokerError(where, `Redis is out of memory (${firstLine(message)}); raise its maxmemory or free memory`);
  }
  return null;
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 200);
}
