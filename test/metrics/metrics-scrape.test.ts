// /metrics scraped during real runs: `dpt train --workers 2` (the coordinator
// serves what its workers' results tell it) and `dpt coordinator` + `dpt
// worker` (a worker serving its own). The counters must move while the run
// goes on and agree with what the run writes (summary.json, metrics.jsonl).
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { spawnDpt, tempOut } from '../distributed/helpers.js';
import { freePort, get, parseMetrics, valueOf, type Sample } from './scrape.js';

const redis = useTestRedis();

// 6400 samples, batch 64, shard 32: 100 full steps an epoch, 2 shards a step.
const RUN = ['--preset', 'mnist', '--train-limit', '6400', '--test-limit', '1000', '--epochs', '3', '--batch-size', '64', '--shard-size', '32'];

/** Scrapes `path` every 100 ms until `until` settles; returns every answer. */
async function scrapeWhile(port: number, until: Promise<unknown>): Promise<Sample[][]> {
  let over = false;
  void until.finally(() => (over = true));
  const scrapes: Sample[][] = [];
  while (!over) {
    const res = await get(port, '/metrics');
    if (res?.status === 200) scrapes.push(parseMetrics(res.body));
    await new Promise((r) => setTimeout(r, 100));
  }
  return scrapes;
}

const sum = (samples: Sample[], name: string) => samples.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);

describe('metrics', () => {
  it('dpt train --workers 2 --metrics-port: counters move during the run and agree with summary.json and metrics.jsonl', async () => {
    const port = await freePort();
    const out = tempOut('metrics-train');
    const run = spawnDpt(['train', ...RUN, '--workers', '2', '--redis', redis.url, '--prefix', uniquePrefix('metrics'), '--out', out, '--metrics-port', String(port)]);
    const probes: { healthz?: number; readyz?: number; page?: string } = {};
    const scraping = scrapeWhile(port, run.done);
    // Probes and the page while the run is on (the first scrape that answers means the server is up).
    for (let i = 0; i < 300 && probes.readyz !== 200; i++) {
      probes.healthz = (await get(port, '/healthz'))?.status;
      probes.readyz = (await get(port, '/readyz'))?.status;
      await new Promise((r) => setTimeout(r, 100));
    }
    probes.page = (await get(port, '/'))?.body;
    const [{ code, err }, scrapes] = await Promise.all([run.done, scraping]);
    expect(code, err).toBe(0);
    expect(probes.healthz).toBe(200);
    expect(probes.readyz).toBe(200);
    expect(probes.page).toMatch(/<title>dpt dashboard<\/title>/);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const epochs = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(summary.steps).toBe(300);

    // Moving: scrapes with different, increasing step counts, all below the final one.
    const during = scrapes.filter((s) => (valueOf(s, 'dpt_steps_total') ?? 0) > 0);
    expect(during.length).toBeGreaterThanOrEqual(2);
    const steps = during.map((s) => valueOf(s, 'dpt_steps_total')!);
    expect(steps.at(-1)!).toBeGreaterThan(steps[0]);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]);
    expect(steps.at(-1)!).toBeLessThanOrEqual(summary.steps);

    for (const s of during) {
      const n = valueOf(s, 'dpt_steps_total')!;
      // Every step is a full batch of 64: samples agree with steps, and each step's reduce was timed.
      expect(valueOf(s, 'dpt_samples_total')).toBe(64 * n);
      expect(valueOf(s, 'dpt_step_seconds_count', { phase: 'reduce' })).toBe(n);
      // The step in progress may have its broadcast and results in already.
      expect(valueOf(s, 'dpt_step_seconds_count', { phase: 'broadcast' })).toBeGreaterThanOrEqual(n);
      expect(valueOf(s, 'dpt_step_seconds_count', { phase: 'broadcast' })).toBeLessThanOrEqual(n + 1);
      const received = sum(s, 'dpt_shards_received_total');
      expect(received).toBeGreaterThanOrEqual(2 * n);
      expect(received).toBeLessThanOrEqual(2 * n + 2);
      // An epoch's gauges are that epoch's line of metrics.jsonl, to the bit.
      const epoch = valueOf(s, 'dpt_epoch')!;
      if (epoch > 0) {
        expect(valueOf(s, 'dpt_test_accuracy')).toBe(epochs[epoch - 1].testAccuracy);
        expect(valueOf(s, 'dpt_train_error')).toBe(epochs[epoch - 1].trainError);
      }
    }
    expect(during.some((s) => valueOf(s, 'dpt_epoch')! >= 1)).toBe(true);

    // The workers the coordinator saw are the workers summary.json records, with their hosts.
    const totals: { id: string; host: string; shards: number; computeSeconds: number }[] = summary.workerTotals;
    expect(totals).toHaveLength(2);
    expect(totals.reduce((a, w) => a + w.shards, 0)).toBe(summary.steps * 2);
    const last = during.at(-1)!;
    expect(valueOf(last, 'dpt_workers_seen')).toBe(2);
    const seen = last.filter((s) => s.name === 'dpt_shards_received_total').map((s) => `${s.labels.worker}@${s.labels.host}`).sort();
    expect(seen).toEqual(totals.map((w) => `${w.id}@${w.host}`).sort());
    for (const w of totals) {
      expect(w.host).toBe(hostname());
      expect(w.computeSeconds).toBeGreaterThan(0);
      expect(valueOf(last, 'dpt_shards_received_total', { worker: w.id })).toBeLessThanOrEqual(w.shards);
    }
    // Node's default process metrics are there too.
    expect(valueOf(last, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(last, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('dpt worker --metrics-port: its own counters move, /readyz turns ready once it has joined the run', async () => {
    const [workerPort, coordPort] = [await freePort(), await freePort()];
    const prefix = uniquePrefix('metrics-cw');
    const out = tempOut('metrics-cw');
    const served = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'mrun', '--metrics-port', String(workerPort)]);
    // Before the run exists the worker is alive but not ready. Its port may answer while its
    // Redis connection is still being made ("not connected to Redis (connect)", also 503):
    // wait that out, on a busy machine it takes a while.
    let ready: { status: number; body: string } | null = null;
    for (let i = 0; i < 300 && (!ready || /not connected to Redis/.test(ready.body)); i++) {
      if (ready) expect(ready.status).toBe(503);
      ready = await get(workerPort, '/readyz');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready?.status).toBe(503);
    expect(ready?.body).toMatch(/no run joined yet/);
    expect((await get(workerPort, '/healthz'))?.status).toBe(200);
    const other = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'mrun', '--metrics-port', '0']);
    const coord = spawnDpt(['coordinator', '--run-id', 'mrun', '--redis', redis.url, '--prefix', prefix, ...RUN, '--out', out, '--metrics-port', String(coordPort)]);
    const scraping = scrapeWhile(workerPort, served.done);
    let joined: number | undefined;
    for (let i = 0; i < 600 && joined !== 200; i++) {
      joined = (await get(workerPort, '/readyz'))?.status;
      if (joined !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(joined).toBe(200);
    const readyDuring = (await get(coordPort, '/readyz'))?.status;
    const scrapes = await scraping;
    const [c, a, b] = await Promise.all([coord.done, served.done, other.done]);
    expect(c.code, c.err).toBe(0);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect([200, undefined]).toContain(readyDuring); // the coordinator may have exited already

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const mine = (summary.workerTotals as { id: string; shards: number }[]).find((w) => w.id === `${hostname()}:${served.child.pid}`);
    expect(mine?.shards).toBeGreaterThan(0);
    const working = scrapes.filter((s) => (valueOf(s, 'dpt_worker_shards_total') ?? 0) > 0);
    expect(working.length).toBeGreaterThanOrEqual(2);
    const shards = working.map((s) => valueOf(s, 'dpt_worker_shards_total')!);
    expect(shards.at(-1)!).toBeGreaterThan(shards[0]);
    for (const s of working) {
      // One compute time per shard; at least one weights version taken per shard's version.
      expect(valueOf(s, 'dpt_worker_compute_seconds_count')).toBe(valueOf(s, 'dpt_worker_shards_total'));
      expect(sum(s.filter((x) => x.name === 'dpt_worker_weights_fetches_total'), 'dpt_worker_weights_fetches_total')).toBeGreaterThan(0);
      expect(valueOf(s, 'dpt_worker_errors_total', { kind: 'job-failed' })).toBe(0);
    }
  });
});
