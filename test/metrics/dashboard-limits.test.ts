// An attacker (or a forgotten browser tab farm) on the dashboard port: at
// most MAX_PAGES event streams are open at once, the next is refused with
// 503 at once, and a closed page frees its place.
import { get, type IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { MetricsServer } from '../../lib/metrics/metrics-server.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { DashboardFeed, MAX_PAGES } from '../../services/coordinator/dashboard/dashboard-feed.js';

function open(port: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get({ host: '127.0.0.1', port, path: '/events' }, resolve).on('error', reject));
}

describe('the dashboard under a flood of pages', () => {
  const feed = new DashboardFeed(prepareRun({ preset: 'parity', epochs: '1' }).ctx, 'flood');
  let server: MetricsServer | undefined;
  afterAll(async () => {
    feed.close();
    await server?.close();
  });

  it(`keeps ${MAX_PAGES} streams, refuses the next with 503, and takes one again when a page closes`, async () => {
    server = await MetricsServer.start({ port: 0, host: '127.0.0.1', ready: () => null, route: feed.route });
    const pages: IncomingMessage[] = [];
    for (let i = 0; i < MAX_PAGES; i++) pages.push(await open(server.port));
    expect(pages.map((p) => p.statusCode)).toEqual(Array(MAX_PAGES).fill(200));
    const refused = await open(server.port);
    expect(refused.statusCode).toBe(503);
    refused.resume();
    const closed = pages.pop()!;
    closed.destroy();
    // The server sees the close a moment later.
    let again = await open(server.port);
    for (let tries = 0; again.statusCode !== 200 && tries < 50; tries++) {
      again.resume();
      await new Promise((r) => setTimeout(r, 20));
      again = await open(server.port);
    }
    expect(again.statusCode).toBe(200);
    for (const p of [...pages, again]) p.destroy();
  });
});
