// A Redis of our own when the user gave none, the way ray.init() starts its
// own head: a redis-server child on a free loopback port, nothing persisted,
// killed with us. Also where a run decides which Redis to use at all.

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerError } from '../errors.js';
import { checkRedis, type RedisInfo } from './connect.js';

export interface PrivateRedisOptions {
  /** Working directory for redis-server; a temp dir (removed on stop) by default. */
  dir?: string;
  /** Extra redis-server arguments, e.g. ['--requirepass', 'secret']. */
  args?: string[];
  /** How long to wait for the first PING answer. */
  startTimeoutMs?: number;
}

export interface PrivateRedis {
  url: string;
  port: number;
  pid: number;
  /** Stops the server and waits until the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

const NO_BINARY =
  'no Redis URL was given (--redis or REDIS_URL) and no redis-server binary is on PATH; ' +
  'install Redis (apt-get install redis-server) or pass --redis redis://host:6379';
const PORT_ATTEMPTS = 5;

export async function startPrivateRedis(opts: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'dpt-redis-')));
  const ownDir = opts.dir === undefined ? dir : undefined;
  try {
    // The free port can be taken between our probe and redis binding it: retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const started = await launch(port, dir, opts.args ?? [], opts.startTimeoutMs ?? 5000);
      if (started !== 'port-taken') return handle(started, port, ownDir);
      if (attempt === PORT_ATTEMPTS) {
        throw new BrokerError('redis-server', `could not bind a free port in ${PORT_ATTEMPTS} attempts`);
      }
    }
  } catch (err) {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
    throw err;
  }
}

/** Asks the kernel for a free loopback port, then releases it for redis-server to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function launch(port: number, dir: string, extra: string[], timeoutMs: number): Promise<ChildProcess | 'port-taken'> {
  // PING goes to a unix socket in our own dir, not to the TCP port: another
  // server that grabbed the port first would answer there, but Redis only
  // creates the socket after binding TCP, so an answer here means ours is up.
  const socket = join(dir, `redis-${port}.sock`);
  const child = spawn(
    'redis-server',
    [
      '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no',
      '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction',
      '--unixsocket', socket, '--unixsocketperm', '700', '--dir', dir, ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep draining both pipes for the server's whole life, or it blocks on a
  // full pipe; only the tail is kept, to explain a failed start.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const failed = new Promise<'port-taken' | Error>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      resolve(err.code === 'ENOENT' ? new BrokerError('redis-server', NO_BINARY) : err);
    });
    child.once('exit', (code, signal) => {
      if (output.includes('Address already in use')) resolve('port-taken');
      else resolve(new BrokerError('redis-server', `exited (${signal ?? code}) before answering PING:\n${output.trim()}`));
    });
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await Promise.race([failed, sleep(20).then(() => pong(socket))]);
    if (answer === true) break;
    if (answer !== false) return settle(answer);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new BrokerError('redis-server', `did not answer PING on ${socket} within ${timeoutMs} ms:\n${output.trim()}`);
    }
  }
  // Once up, the server must not keep us alive: a forgotten stop() is
  // covered by the exit hook rather than by a process that never ends.
  child.unref();
  unref(child.stdout);
  unref(child.stderr);
  return child;
}

function settle(failure: 'port-taken' | Error): 'port-taken' {
  if (failure === 'port-taken') return failure;
  throw failure;
}

function unref(stream: unknown): void {
  (stream as { unref?: () => void } | null)?.unref?.();
}

/** True once the server answers PING like Redis (NOAUTH counts: it is up, just guarded). */
function pong(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    let reply = '';
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}

function handle(child: ChildProcess, port: number, ownDir: string | undefined): PrivateRedis {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  live.set(child, ownDir);
  ensureExitHook();
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    // SIGTERM is Redis's own graceful SHUTDOWN (and with --save "" it saves
    // nothing); a signal needs no password, unlike the SHUTDOWN command.
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(late);
    live.delete(child);
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    stop: () => (stopping ??= stop()),
  };
}

// Servers still running, with the temp dir each one owns. If our process
// exits without stop() (a crash, process.exit), the 'exit' hook kills them:
// only synchronous work is possible there.
const live = new Map<ChildProcess, string | undefined>();
let hooked = false;
function ensureExitHook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const [child, ownDir] of live) {
      child.kill('SIGKILL');
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Broker {
  url: string;
  /** Stops the private server; a no-op for a Redis the user gave us. */
  stop(): Promise<void>;
  private: boolean;
  /** Server facts from checkRedis, for a Redis the user gave us. */
  info?: RedisInfo;
}

/**
 * The Redis a local run uses: `explicitUrl` (--redis), else REDIS_URL, else
 * a private redis-server. A given URL is checked first, so a typo fails now
 * with a reason instead of in a worker's reconnect loop.
 */
export async function resolveBroker(explicitUrl?: string): Promise<Broker> {
  const url = explicitUrl || process.env.REDIS_URL;
  if (url) {
    const info = await checkRedis(url);
    return { url, stop: async () => {}, private: false, info };
  }
  const server = await startPrivateRedis();
  return { url: server.url, stop: server.stop, private: true };
}
