// A Redis of our own when the user gave none, the way ray.init() starts its
// own head: a redis-server child on a free loopback port, nothing persisted,
// killed with us. Also where a run decides which Redis to use at all.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { constants, tmpdir } from 'node:os';
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
  /**
   * Listen on a loopback TCP port too (default true). Off, the server has
   * only its unix socket, in a mode-700 directory: no other user of this
   * machine can reach it, with or without a password.
   */
  tcp?: boolean;
}

export interface PrivateRedis {
  /** Its loopback TCP address (the socket URL when started without TCP). */
  url: string;
  /**
   * Its unix socket, `unix:///.../redis-<port>.sock`, in the server's own
   * directory (mode 700): the faster way in for processes on this machine.
   */
  socketUrl: string;
  /** Its TCP port; 0 when started without TCP. */
  port: number;
  /** The redis-server process (under the watchdog wrapper, except on Windows). */
  pid: number;
  /** Stops the server and waits until the process is gone. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Aborted, with a BrokerError saying how, when the server exits without
   * stop() (killed, crashed): everything using it can give up at once
   * rather than reconnect to a server that will never come back.
   */
  lost: AbortSignal;
}

const NO_BINARY =
  'no Redis URL was given (--redis or REDIS_URL) and no redis-server binary is on PATH; ' +
  'install Redis (apt-get install redis-server) or pass --redis redis://host:6379';
const PORT_ATTEMPTS = 5;

export async function startPrivateRedis(opts: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'dpt-redis-')));
  const ownDir = opts.dir === undefined ? dir : undefined;
  try {
    if (opts.tcp === false) {
      // Redis's `--port 0` means no TCP listener at all: nothing can be taken.
      const started = await launch(0, dir, ownDir, opts.args ?? [], opts.startTimeoutMs ?? 5000);
      if (started === 'port-taken') throw new BrokerError('redis-server', 'reported its address in use although it listens on no TCP port');
      return handle(started, 0, dir, ownDir, serverPid(dir, 0) ?? (started.pid as number));
    }
    // The free port can be taken between our probe and redis binding it: retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const started = await launch(port, dir, ownDir, opts.args ?? [], opts.startTimeoutMs ?? 5000);
      if (started !== 'port-taken') return handle(started, port, dir, ownDir, serverPid(dir, port) ?? (started.pid as number));
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

/**
 * POSIX shell wrapper around redis-server: `sh -c WATCHDOG name PARENT_PID
 * OWN_DIR redis-server args...`. A SIGKILLed parent runs no exit hook, and
 * nothing tells redis-server its parent is gone, so it used to outlive a
 * killed `dpt train`. The wrapper polls the parent once a second and stops
 * the server when it is gone, then removes OWN_DIR (the temp dir the
 * parent would have removed; empty: none); SIGTERM to the wrapper stops the server
 * gracefully, and the wrapper exits with the server's status once it has
 * exited. It leads its own process group (spawned detached), so a SIGKILL
 * for the group takes the wrapper, the server and the poller at once.
 * No wrapper on Windows (no /bin/sh; redis-server is not native there).
 */
const WATCHDOG = process.platform === 'win32' ? null : [
  'parent=$1; own=$2; shift 2',
  '"$@" & server=$!',
  'trap \'kill -TERM "$server" 2>/dev/null\' TERM INT HUP',
  '( while kill -0 "$parent" 2>/dev/null; do sleep 1; done; kill -TERM "$server" 2>/dev/null ) & poller=$!',
  'wait "$server"; code=$?',
  // A trapped signal ends `wait` early: wait until the server has really exited.
  'while kill -0 "$server" 2>/dev/null; do wait "$server"; code=$?; done',
  'kill "$poller" 2>/dev/null',
  'if [ -n "$own" ] && ! kill -0 "$parent" 2>/dev/null; then rm -rf "$own"; fi',
  'exit "$code"',
].join('\n');

function socketPath(dir: string, port: number): string {
  return join(dir, `redis-${port}.sock`);
}

function pidFile(dir: string, port: number): string {
  return join(dir, `redis-${port}.pid`);
}

/** The server's own pid, from the pid file it writes at start (the spawned process may be the watchdog). */
function serverPid(dir: string, port: number): number | null {
  try {
    const pid = Number(readFileSync(pidFile(dir, port), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** SIGKILL for the server: its whole process group when it runs under the watchdog. */
function killHard(child: ChildProcess): void {
  try {
    if (WATCHDOG && child.pid) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

async function launch(port: number, dir: string, ownDir: string | undefined, extra: string[], timeoutMs: number): Promise<ChildProcess | 'port-taken'> {
  // PING goes to a unix socket in our own dir, not to the TCP port: another
  // server that grabbed the port first would answer there, but Redis only
  // creates the socket after binding TCP, so an answer here means ours is up.
  const socket = socketPath(dir, port);
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no',
    '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction',
    '--unixsocket', socket, '--unixsocketperm', '700', '--dir', dir, '--pidfile', pidFile(dir, port), ...extra,
  ];
  const child = WATCHDOG
    ? spawn('/bin/sh', ['-c', WATCHDOG, 'dpt-redis-watchdog', String(process.pid), ownDir ?? '', 'redis-server', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
      // The watchdog shell's "command not found".
      else if (WATCHDOG && code === 127) resolve(new BrokerError('redis-server', NO_BINARY));
      else resolve(new BrokerError('redis-server', `exited (${signal ?? code}) before answering PING:\n${output.trim()}`));
    });
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await Promise.race([failed, sleep(20).then(() => pong(socket))]);
    if (answer === true) break;
    if (answer !== false) return settle(answer);
    if (Date.now() > deadline) {
      killHard(child);
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

function handle(child: ChildProcess, port: number, dir: string, ownDir: string | undefined, pid: number): PrivateRedis {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  live.set(child, ownDir);
  ensureExitHook();
  let stopping: Promise<void> | undefined;
  const lost = new AbortController();
  child.once('exit', (code, signal) => {
    if (stopping) return;
    lost.abort(new BrokerError('redis-server', `the private redis-server (pid ${pid}) ${describeExit(code, signal)} during the run; ` +
      'nothing can continue without it (was it killed by hand, or by the out-of-memory killer?)'));
  });
  const stop = async () => {
    // SIGTERM is Redis's own graceful SHUTDOWN (and with --save "" it saves
    // nothing); a signal needs no password, unlike the SHUTDOWN command.
    child.kill('SIGTERM');
    const late = setTimeout(() => killHard(child), 3000);
    await exited;
    clearTimeout(late);
    live.delete(child);
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
  };
  return {
    url: port === 0 ? `unix://${socketPath(dir, port)}` : `redis://127.0.0.1:${port}`,
    socketUrl: `unix://${socketPath(dir, port)}`,
    port,
    pid,
    stop: () => (stopping ??= stop()),
    lost: lost.signal,
  };
}

/** "was killed by SIGKILL" or "exited with code 1"; the watchdog shell reports a killed server as 128 + signal number. */
function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  const byNumber = code !== null && code > 128 ? Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined;
  const name = signal ?? byNumber;
  return name ? `was killed by ${name}` : `exited with code ${code}`;
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
      killHard(child);
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
  /** Aborted when the private server dies under us (PrivateRedis.lost); never for a Redis the user gave us, which may come back. */
  lost: AbortSignal;
  /** Server facts from checkRedis, for a Redis the user gave us. */
  info?: RedisInfo;
}

/**
 * The Redis a local run uses: `explicitUrl` (--redis), else REDIS_URL, else
 * a private redis-server, reached through its unix socket. A given URL is
 * checked first, so a typo fails now with a reason instead of in a worker's
 * reconnect loop.
 */
export async function resolveBroker(explicitUrl?: string): Promise<Broker> {
  const url = explicitUrl || process.env.REDIS_URL;
  if (url) {
    const info = await checkRedis(url);
    return { url, stop: async () => {}, private: false, info, lost: new AbortController().signal };
  }
  // Only our own processes on this machine use it, so it listens on its
  // unix socket alone: no TCP stack on every message (npm start, 2 workers,
  // 9,380 steps: 9.2-9.7 -> 8.6-8.9 s of training), and no loopback port
  // that another local user could reach without a password; the socket's
  // directory is mode 700.
  const server = await startPrivateRedis({ tcp: false });
  return { url: server.socketUrl, stop: server.stop, private: true, lost: server.lost };
}
