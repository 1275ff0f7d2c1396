// Monitoring of a training command (`dpt train`, `dpt coordinator`): the run
// monitor (always: per-worker totals for summary.json), and when asked for,
// the metrics server (--metrics-port, DPT_METRICS_PORT; the dashboard at its
// `/`) and a dashboard-only server (--dashboard PORT).

import { RunStoppedError } from '../lib/errors.js';
import { optionNumber } from '../lib/options.js';
import type { Logger } from '../lib/log.js';
import { DEFAULT_METRICS_PORT, portOption, serveOptional, type MetricsServer, type PortChoice } from '../lib/metrics/metrics-server.js';
import type { ModelContext } from '../lib/train/model-context.js';
import type { TrainingOptions } from '../lib/train/run-training.js';
import { DashboardFeed } from '../services/coordinator/dashboard/dashboard-feed.js';
import { CoordinatorMetrics } from '../services/coordinator/metrics.js';
import { RunMonitor } from '../services/coordinator/monitor.js';

export interface MonitoringFlags {
  metricsPort?: string;
  dashboard?: string;
}

export interface MonitoringPorts {
  metrics: PortChoice;
  dashboard: number;
  /**
   * Where to listen: `dpt train` on loopback only (a local run's page is for
   * its own machine); `dpt coordinator` on every interface, for a Prometheus
   * scraping its pod (undefined).
   */
  host?: string;
}

/** The ports a command asks for; `dpt train` serves nothing unless asked, `dpt coordinator` metrics on 9464. */
export function monitoringPorts(flags: MonitoringFlags, command: 'train' | 'coordinator'): MonitoringPorts {
  const metrics = portOption(flags.metricsPort, '--metrics-port', command === 'train' ? 0 : DEFAULT_METRICS_PORT);
  // The option table's check (1..65535), as every other parsed option.
  const dashboard = flags.dashboard === undefined ? 0 : optionNumber('dashboard', flags.dashboard);
  return { metrics, dashboard, host: command === 'train' ? '127.0.0.1' : undefined };
}

export class Monitoring {
  private constructor(
    readonly monitor: RunMonitor,
    private readonly servers: MetricsServer[],
  ) {}

  /** Ports actually served: metrics first (when on), then the dashboard's own. */
  get ports(): number[] {
    return this.servers.map((s) => s.port);
  }

  /** Starts what `ports` asks for; `runId` labels the page, `log` says where each server listens. */
  static async start(ports: MonitoringPorts, ctx: ModelContext, runId: string, log: Logger): Promise<Monitoring> {
    const metricsOn = ports.metrics.port !== 0;
    const metrics = metricsOn ? new CoordinatorMetrics() : null;
    const feed = metricsOn || ports.dashboard !== 0 ? new DashboardFeed(ctx, runId) : null;
    const monitor = new RunMonitor(ctx, metrics, feed);
    feed?.setWorkers(() => monitor.workers());
    const servers: MetricsServer[] = [];
    try {
      const withMetrics = metrics && await serveOptional(ports.metrics, { host: ports.host, registry: metrics.registry, ready: monitor.ready, route: feed!.route }, log,
        '/metrics, /healthz, /readyz and the dashboard');
      if (withMetrics) servers.push(withMetrics);
      const alone = await serveOptional({ port: ports.dashboard, asked: true }, { host: ports.host, ready: monitor.ready, route: feed?.route }, log, 'the dashboard');
      if (alone) servers.push(alone);
    } catch (e) {
      await Promise.all(servers.map((s) => s.close()));
      throw e;
    }
    return new Monitoring(monitor, servers);
  }

  /** runTraining's monitoring hooks. */
  hooks(checkpointing: boolean): Pick<TrainingOptions, 'observe' | 'observeEpoch' | 'workerTotals'> {
    return this.monitor.hooks(checkpointing);
  }

  /**
   * Runs `run`, then closes the monitoring with its outcome (finished,
   * stopped, failed), which the dashboard shows; the result or error passes through.
   */
  async around<T>(run: () => Promise<T>): Promise<T> {
    let outcome = 'failed';
    try {
      const result = await run();
      outcome = 'finished';
      return result;
    } catch (e) {
      if (e instanceof RunStoppedError) outcome = 'stopped';
      throw e;
    } finally {
      await this.close(outcome);
    }
  }

  async close(outcome: string): Promise<void> {
    await this.monitor.close(outcome);
    this.monitor.feed?.close();
    await Promise.all(this.servers.map((s) => s.close()));
  }
}
