// The live dashboard's server side: the run's state as the page shows it,
// streamed to every open page as server-sent events (`GET /events`), and the
// page's static files (`/`, `/assets/...`), uPlot included, read from the
// installed package: the page needs no network beyond this server.
//
// Events (each `data:` is one JSON value; a new page gets all of them at once):
//   run         { runId, structure, dataset, epochs, imageSide }
//   status      { status: 'starting' | 'running' | 'finished' | 'failed' | 'stopped' }
//   history     EpochMetrics[]   every epoch so far (curves per epoch)
//   throughput  [{ t, samplesPerSecond }]   new points (all of them on connect)
//   progress    { step, totalSteps, epoch, elapsedSeconds, etaSeconds }
//   workers     [{ id, host, shards, computeSeconds, lastSeen }]
//   weights     { epoch, units, inputs, side, data }   the first layer, float32 little-endian base64, row per hidden unit
//   digits      { epoch, side, items: [{ index, label, prediction, pixels }] }   pixels: uint8 base64, misclassified first
//
// Progress, throughput and workers go out at most once a second; the rest
// when an epoch ends. An epoch's weights and digits are encoded once, when
// it ends, whether a page is open or not (a page opened later gets the
// latest at once): a few milliseconds an epoch (bench/README.md).

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../../../lib/package-root.js';
import type { Route } from '../../../lib/metrics/metrics-server.js';
import type { ModelContext } from '../../../lib/train/model-context.js';
import type { LoopState } from '../../../lib/train/train-loop.js';
import type { WorkerTotal } from '../../../lib/train/run-training.js';

/** A worker as the coordinator sees it through its results (services/coordinator/monitor.ts). */
export interface WorkerView extends WorkerTotal {
  /** Date.now() of its last accepted result. */
  lastSeen: number;
}

export interface Progress {
  step: number;
  totalSteps: number;
  epoch: number;
  elapsedSeconds: number;
  etaSeconds: number | null;
}

/** Test digits shown: misclassified ones first, picked among the first DIGIT_POOL test samples. */
const DIGITS_SHOWN = 16;
const DIGIT_POOL = 500;
/** Throughput points kept for a page that opens late. */
const MAX_POINTS = 3600;
const TICK_MS = 1000;
/**
 * Open pages at most: every tick writes to each, on the coordinator's own
 * thread, so a flood of connections must not be able to slow the run.
 */
export const MAX_PAGES = 32;
/**
 * Bytes a page may leave unread (an epoch's weights are ~100 KB for MNIST):
 * a client that stops reading is dropped rather than buffered without end.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;

/** The page's files: name -> [path, content type]. */
function staticFiles(): Map<string, [string, string]> {
  const here = join(packageRoot(), 'services', 'coordinator', 'dashboard', 'assets');
  // uPlot's files from node_modules, wherever npm put it (resolved from this package).
  const uplot = join(createRequire(join(packageRoot(), 'package.json')).resolve('uplot'), '..');
  return new Map([
    ['/', [join(here, 'index.html'), 'text/html; charset=utf-8']],
    ['/assets/dashboard.js', [join(here, 'dashboard.js'), 'text/javascript; charset=utf-8']],
    ['/assets/dashboard.css', [join(here, 'dashboard.css'), 'text/css; charset=utf-8']],
    ['/assets/uPlot.iife.min.js', [join(uplot, 'uPlot.iife.min.js'), 'text/javascript; charset=utf-8']],
    ['/assets/uPlot.min.css', [join(uplot, 'uPlot.min.css'), 'text/css; charset=utf-8']],
  ]);
}

export class DashboardFeed {
  private readonly clients = new Set<ServerResponse>();
  private readonly files = staticFiles();
  private readonly cache = new Map<string, Buffer>();
  private readonly events = new Map<string, string>();
  private readonly points: { t: number; samplesPerSecond: number }[] = [];
  private newPoints: { t: number; samplesPerSecond: number }[] = [];
  private lastProgress: Progress | null = null;
  private workerList: () => WorkerView[] = () => [];
  private readonly timer: NodeJS.Timeout;
  readonly imageSide: number;

  constructor(private readonly ctx: ModelContext, runId: string) {
    const inputs = ctx.config.structure[0];
    const side = Math.round(Math.sqrt(inputs));
    // Heatmaps and digits only for square images (MNIST's 28x28); parity's 10 bits have none.
    this.imageSide = side * side === inputs ? side : 0;
    const { config } = ctx;
    this.set('run', { runId, structure: config.structure, dataset: ctx.dataset.name, epochs: config.epochs, imageSide: this.imageSide });
    this.set('status', { status: 'starting' });
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Where the table of workers comes from (the run monitor). */
  setWorkers(list: () => WorkerView[]): void {
    this.workerList = list;
  }

  /** The route for MetricsServer: the page, its files and the event stream. */
  readonly route: Route = (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/events') {
      this.subscribe(req, res);
      return true;
    }
    const file = this.files.get(path);
    if (!file) return false;
    let body = this.cache.get(path);
    if (!body) this.cache.set(path, (body = readFileSync(file[0])));
    res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-cache' }).end(body);
    return true;
  };

  setStatus(status: string): void {
    this.set('status', { status });
    this.tick();
  }

  throughput(t: number, samplesPerSecond: number): void {
    const p = { t: +t.toFixed(3), samplesPerSecond: Math.round(samplesPerSecond) };
    this.points.push(p);
    if (this.points.length > MAX_POINTS) this.points.shift();
    this.newPoints.push(p);
  }

  progress(p: Progress): void {
    this.lastProgress = p;
  }

  /** An epoch ended: its curves' new point, the first layer's weights, and test digits at these weights. */
  epoch(state: LoopState, workers: WorkerView[]): void {
    this.set('history', state.history);
    this.set('workers', workers);
    if (this.imageSide > 0) {
      this.set('weights', this.firstLayer(state));
      this.set('digits', this.digits(state));
    }
    this.tick();
  }

  /** Ends every open stream (the server is closing). */
  close(): void {
    clearInterval(this.timer);
    this.tick();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private subscribe(req: IncomingMessage, res: ServerResponse): void {
    if (this.clients.size >= MAX_PAGES) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' }).end(`${MAX_PAGES} dashboard pages are open already\n`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const [name, data] of this.events) res.write(frame(name, data));
    res.write(frame('throughput', JSON.stringify(this.points)));
    if (this.lastProgress) res.write(frame('progress', JSON.stringify(this.lastProgress)));
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  /** Remembers the latest value of an event (for pages that open later) and sends it to those open. */
  private set(name: string, value: unknown): void {
    const data = JSON.stringify(value);
    this.events.set(name, data);
    this.broadcast(frame(name, data));
  }

  private broadcast(text: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_UNREAD_BYTES) {
        this.clients.delete(res);
        res.destroy();
      } else {
        res.write(text);
      }
    }
  }

  private tick(): void {
    if (this.clients.size === 0) {
      this.newPoints = [];
      return;
    }
    if (this.newPoints.length > 0) this.broadcast(frame('throughput', JSON.stringify(this.newPoints)));
    this.newPoints = [];
    if (this.lastProgress) this.broadcast(frame('progress', JSON.stringify(this.lastProgress)));
    this.set('workers', this.workerList());
  }

  /** The first layer's weights (row-major (hidden, inputs): a row per hidden unit), as float32. */
  private firstLayer(state: LoopState): unknown {
    const { inputs, outputs, wOffset } = this.ctx.net.layout.layers[0];
    const w = Float32Array.from(state.params.subarray(wOffset, wOffset + inputs * outputs));
    return { epoch: state.nextEpoch, units: outputs, inputs, side: this.imageSide, data: Buffer.from(w.buffer).toString('base64') };
  }

  /** Up to DIGITS_SHOWN test samples with label and prediction, misclassified first. */
  private digits(state: LoopState): unknown {
    const test = this.ctx.dataset.test;
    const pool = Math.min(DIGIT_POOL, test.count);
    const predicted = this.ctx.predict(state.params, test, pool);
    const wrong: number[] = [];
    const right: number[] = [];
    for (let i = 0; i < pool; i++) (predicted[i] === test.labels[i] ? right : wrong).push(i);
    const picked = [...wrong, ...right].slice(0, DIGITS_SHOWN);
    const D = this.ctx.dataset.inputSize;
    const max = this.ctx.dataset.maxValue || 1;
    const items = picked.map((i) => {
      const px = new Uint8Array(D);
      for (let j = 0; j < D; j++) px[j] = Math.max(0, Math.min(255, Math.round((Number(test.inputs[i * D + j]) / max) * 255)));
      return { index: i, label: test.labels[i], prediction: predicted[i], pixels: Buffer.from(px).toString('base64') };
    });
    return { epoch: state.nextEpoch, side: this.imageSide, items };
  }
}

function frame(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}
