// The metrics server on its own: the port option, the endpoints, and
// what happens when a port is taken (an error when asked for, a warning for the default).
import { createServer } from 'node:net';
import { pino } from 'pino';
import { Counter } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, ServeError } from '../../lib/errors.js';
import { MetricsServer, newRegistry, portOption, serveOptional } from '../../lib/metrics/metrics-server.js';
import { get, parseMetrics, valueOf } from './scrape.js';

describe('portOption', () => {
  it('takes the given port, else the fallback, reading no environment; refuses what is not a port', () => {
    expect(portOption('9100', '--metrics-port', 9464)).toEqual({ port: 9100, asked: true });
    expect(portOption(undefined, '--metrics-port', 9464)).toEqual({ port: 9464, asked: false });
    expect(portOption(undefined, '--metrics-port', 0)).toEqual({ port: 0, asked: false });
    expect(portOption('0', '--metrics-port', 9464)).toEqual({ port: 0, asked: true });
    expect(() => portOption('http', '--metrics-port', 0)).toThrow(ConfigError);
    expect(() => portOption('70000', '--metrics-port', 0)).toThrow(/--metrics-port: expected a TCP port/);
    // The environment is the option table's to read (it names DPT_METRICS_PORT in its errors), never this function's.
    vi.stubEnv('DPT_METRICS_PORT', '9200');
    expect(portOption(undefined, '--metrics-port', 9464)).toEqual({ port: 9464, asked: false });
    vi.unstubAllEnvs();
  });
});

describe('MetricsServer', () => {
  it('serves /metrics, /healthz, /readyz (503 with the reason until ready) and 404 elsewhere', async () => {
    const registry = newRegistry({ role: 'test' });
    const hits = new Counter({ name: 'dpt_test_hits_total', help: 'test', registers: [registry] });
    hits.inc(3);
    let why: string | null = 'not yet';
    const server = await MetricsServer.start({ port: 0, host: '127.0.0.1', registry, ready: () => why });
    try {
      const metrics = parseMetrics((await get(server.port, '/metrics'))!.body);
      expect(valueOf(metrics, 'dpt_test_hits_total', { role: 'test' })).toBe(3);
      expect(valueOf(metrics, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(await get(server.port, '/healthz')).toEqual({ status: 200, body: 'ok\n' });
      expect(await get(server.port, '/readyz')).toEqual({ status: 503, body: 'not ready: not yet\n' });
      why = null;
      expect((await get(server.port, '/readyz'))?.status).toBe(200);
      expect((await get(server.port, '/nothing'))?.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('a port asked for and taken is a ServeError; the default one taken is skipped with a warning', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, () => r()));
    const port = (holder.address() as { port: number }).port;
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    try {
      const o = { registry: newRegistry(), ready: () => null };
      await expect(serveOptional({ port, asked: true }, o, log, 'metrics')).rejects.toThrow(ServeError);
      await expect(serveOptional({ port, asked: true }, o, log, 'metrics')).rejects.toThrow(`cannot serve on port ${port}: the port is in use`);
      expect(await serveOptional({ port, asked: false }, o, log, 'metrics')).toBeNull();
      expect(lines.join('')).toMatch(/the default port is taken/);
      expect(await serveOptional({ port: 0, asked: true }, o, log, 'metrics')).toBeNull();
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });
});
