// Issue 17: a Redis that is gone neither floods the logs nor holds a run
// forever. Connection errors are reported once, then at most once per
// interval with a count of what was left out; and connections to a server
// known to be gone for good (abandonRedis: dpt train's private redis-server
// died) stop reconnecting, failing what waits on them within a reconnect delay.
import { describe, expect, it } from 'vitest';
import { abandonRedis, connectRedis, ERROR_REPORT_INTERVAL_MS, throttled } from '../../lib/redis/connect.js';
import { freePort, startPrivateRedis } from '../../lib/redis/private-redis.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('connection errors', () => {
  it('throttled: the first at once, then one per interval saying how many were left out', async () => {
    const seen: string[] = [];
    const report = throttled((e) => seen.push(e.message), 200);
    for (let i = 0; i < 5; i++) report(new Error(`refused ${i}`));
    expect(seen).toEqual(['refused 0']);
    await sleep(250);
    report(new Error('refused 5'));
    report(new Error('refused 6'));
    expect(seen).toEqual(['refused 0', 'refused 5 (and 4 more connection errors since the last report)']);
  });

  it('connectRedis to a closed port: one report in its first interval, though ioredis retries every few hundred ms', async () => {
    expect(ERROR_REPORT_INTERVAL_MS).toBe(5000);
    const reports: Error[] = [];
    const client = connectRedis(`redis://127.0.0.1:${await freePort()}`, 'test-refused', (e) => reports.push(e));
    let errors = 0;
    client.on('error', () => errors++);
    await sleep(1600); // reconnect delays 50, 100, 200, 400, 800 ms
    client.disconnect();
    expect(errors).toBeGreaterThanOrEqual(4);
    expect(reports).toHaveLength(1);
    expect(reports[0].message).toMatch(/ECONNREFUSED/);
  });
});

describe('abandonRedis', () => {
  it('a server gone for good: waiting commands fail within a reconnect delay instead of forever', async () => {
    const server = await startPrivateRedis();
    const client = connectRedis(server.socketUrl, 'test-abandon');
    const other = connectRedis(server.url, 'test-not-abandoned');
    await Promise.all([client.ping(), other.ping()]);
    const waiting = client.blpop('test:abandon:nothing', 0).then(() => 'answered', (e: Error) => e.message);
    await server.stop();
    await sleep(300);
    const abandoned = performance.now();
    abandonRedis(server.socketUrl);
    expect(await waiting).toBe('Connection is closed.');
    expect(performance.now() - abandoned).toBeLessThan(2500);
    await expect(client.get('x')).rejects.toThrow(/Connection is closed/);
    // Only that URL: a connection to another address of the same server keeps trying.
    expect(other.status).not.toBe('end');
    other.disconnect();
  });
});
