// The HTTP side of monitoring, shared by coordinator and worker: one small
// node:http server per process, off unless a port is asked for.
//
//   /metrics   Prometheus text format from the process's registry
//   /healthz   200 while the process is alive (a liveness probe)
//   /readyz    200 when `ready()` says so (connected to Redis, run known), else 503 with the reason
//   anything else goes to `route` (the coordinator's dashboard), else 404
//
// `dpt coordinator` and `dpt worker` listen on all interfaces: a Prometheus
// scraping a pod reaches it on the pod's address. `dpt train` listens on
// loopback only: a local run's page is for its own machine. Nothing secret
// is served (no Redis URL, no run secret), but the dashboard shows the
// first layer's weights and a few test images: keep the port inside the
// cluster (deploy/k8s/base/networkpolicy.yaml).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ConfigError, ServeError } from '../errors.js';
import type { Logger } from '../log.js';

/** The port the Kubernetes manifests scrape and probe (deploy/); any port works. */
export const DEFAULT_METRICS_PORT = 9464;

/** Handles a request the server does not know; returns false to let it answer 404. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface MetricsServerOptions {
  /** 0 picks a free port (tests); `address().port` says which. */
  port: number;
  host?: string;
  /** Absent for a server of the dashboard alone (--dashboard PORT): /metrics is then 404. */
  registry?: Registry;
  /** null when ready, else why not (the body of the 503). */
  ready: () => string | null;
  route?: Route;
}

/**
 * A registry with Node's default process metrics (CPU, memory, event loop
 * lag, GC), named as prom-client names them (`process_*`, `nodejs_*`).
 */
export function newRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** A port asked for, or the default; `asked` is false for the default (taken already: skipped with a warning, not an error). */
export interface PortChoice {
  port: number;
  asked: boolean;
}

/**
 * The port given (by a flag, or DPT_METRICS_PORT or a config file, which
 * the option table resolves into the same value), else `fallback` (0 =
 * off). Reads no environment itself: the library's train() must serve
 * nothing its caller did not ask for. `flag` names the flag in the error.
 */
export function portOption(value: string | undefined, flag: string, fallback = 0): PortChoice {
  if (value === undefined) return { port: fallback, asked: false };
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(flag, `expected a TCP port (1..65535, 0 = off), got "${value}"`);
  }
  return { port: Number(value), asked: true };
}

export class MetricsServer {
  private constructor(private readonly server: Server) {}

  /** Listens; throws ServeError when the port cannot be had. */
  static async start(o: MetricsServerOptions): Promise<MetricsServer> {
    const server = createServer((req, res) => {
      handle(o, req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`error: ${(e as Error).message}\n`);
      });
    });
    // A scrape must never keep the process alive after the run (the CLI exits when the work is done).
    server.unref();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(new ServeError(o.port, e.code === 'EADDRINUSE' ? 'the port is in use' : e.message)));
      server.listen(o.port, o.host, () => resolve());
    });
    return new MetricsServer(server);
  }

  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  /** Stops listening and ends open connections (live dashboard streams included). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

async function handle(o: MetricsServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (path === '/metrics' && o.registry) {
    const body = await o.registry.metrics();
    res.writeHead(200, { 'content-type': o.registry.contentType }).end(body);
  } else if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
  } else if (path === '/readyz') {
    const why = o.ready();
    res.writeHead(why === null ? 200 : 503, { 'content-type': 'text/plain' }).end(why === null ? 'ready\n' : `not ready: ${why}\n`);
  } else if (!o.route?.(req, res)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }
}

/**
 * Starts a server on `choice`'s port, or none for port 0. A port asked for
 * (flag, env) that cannot be had is an error (ServeError); the default one
 * taken (another dpt process on this machine has it) is skipped with a
 * warning: monitoring must not stop a run nobody asked to monitor.
 */
export async function serveOptional(choice: PortChoice, o: Omit<MetricsServerOptions, 'port'>, log: Logger, what: string): Promise<MetricsServer | null> {
  if (choice.port === 0) return null;
  try {
    const server = await MetricsServer.start({ ...o, port: choice.port });
    log.info({ port: server.port }, `serving ${what}`);
    return server;
  } catch (e) {
    if (choice.asked || !(e instanceof ServeError)) throw e;
    log.warn({ port: choice.port, err: e.message }, `not serving ${what}: the default port is taken (set --metrics-port, 0 = off)`);
    return null;
  }
}
