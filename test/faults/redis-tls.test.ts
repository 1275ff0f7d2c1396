// Issue 17: TLS to a Redis whose certificate a private CA signed. --redis-ca
// (dpt train) or DPT_REDIS_CA (every command, and the workers dpt train
// forks) names the CA's PEM file; without it the connection is refused with
// a message saying what to pass. The certificates are made here with openssl;
// without a TLS-capable redis-server (or openssl) the tests are skipped, saying why.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runMain as run } from '../helpers/run-main.js';
import { checkRedis } from '../../lib/redis/connect.js';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { spawnDpt, tempOut, train } from '../distributed/helpers.js';
import { TEST_SECRET } from '../helpers/lease.js';
import { uniquePrefix } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-files.js';

const dir = tempDir('tls');
const ca = join(dir, 'ca.pem');

/** A CA, and a server certificate it signed for 127.0.0.1 and localhost. */
function makeCertificates(): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=dpt test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
}

/** A redis-server speaking TLS only, or why there is none. */
async function startTlsRedis(): Promise<{ server: PrivateRedis; url: string } | string> {
  try {
    makeCertificates();
  } catch (e) {
    return `openssl could not make test certificates: ${(e as Error).message.split('\n')[0]}`;
  }
  const port = await freePort();
  try {
    const server = await startPrivateRedis({
      args: ['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(dir, 'server.pem'), '--tls-key-file', join(dir, 'server.key'),
        '--tls-ca-cert-file', ca, '--tls-auth-clients', 'no'],
    });
    return { server, url: `rediss://127.0.0.1:${port}` };
  } catch (e) {
    return `this redis-server cannot serve TLS (built without it?): ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`;
  }
}

const tls = await startTlsRedis();
if (typeof tls === 'string') console.warn(`skipping the TLS tests: ${tls}`);
afterAll(async () => {
  if (typeof tls !== 'string') await tls.server.stop();
});


describe.skipIf(typeof tls === 'string')('Redis over TLS with a private CA', () => {
  const url = typeof tls === 'string' ? '' : tls.url;
  const untrusted = /the TLS certificate of 127\.0\.0\.1:\d+ is not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY): .*\); pass the CA that signed it with --redis-ca FILE or DPT_REDIS_CA/;

  it('without the CA: refused, saying to pass --redis-ca; with DPT_REDIS_CA: connected', async () => {
    await expect(checkRedis(url)).rejects.toThrow(untrusted);
    vi.stubEnv('DPT_REDIS_CA', ca);
    try {
      await expect(checkRedis(url)).resolves.toMatchObject({ maxmemoryPolicy: 'noeviction' });
      vi.stubEnv('DPT_REDIS_CA', join(dir, 'ext.cnf'));
      await expect(checkRedis(url)).rejects.toThrow(`DPT_REDIS_CA: ${join(dir, 'ext.cnf')} holds no PEM certificate`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('dpt train without --redis-ca: exit 1 saying so; with a missing CA file: exit 2 naming --redis-ca', async () => {
    let r = await run('train', '--preset', 'parity', '--workers', '2', '--redis', url, '--out', tempOut('tls-refused'));
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(untrusted);
    r = await run('train', '--preset', 'parity', '--workers', '2', '--redis', url, '--redis-ca', join(dir, 'nope.pem'), '--out', tempOut('tls-refused'));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/^dpt: error: --redis-ca: cannot read the CA file .*nope\.pem/);
  });

  it('dpt train --workers 2 --redis-ca: the forked workers trust the CA too; same bits as in-process', async () => {
    const flags = { preset: 'parity', epochs: '3', batchSize: '32', shardSize: '8' };
    const local = await train(flags, 0, '');
    const out = tempOut('tls-train');
    const r = await spawnDpt(['train', '--preset', 'parity', '--epochs', '3', '--batch-size', '32', '--shard-size', '8', '--workers', '2',
      '--redis', url, '--redis-ca', ca, '--prefix', uniquePrefix('tls'), '--out', out], { DPT_REDIS_CA: '' }).done;
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).paramsSha256).toBe(local.paramsSha256);
  });

  it('dpt wait-redis: an untrusted certificate ends the wait at once; with --redis-ca it answers', async () => {
    let r = await run('wait-redis', '--redis', url, '--timeout', '60');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(untrusted);
    expect(r.ms).toBeLessThan(20_000);
    r = await run('wait-redis', '--redis', url, '--redis-ca', ca, '--timeout', '10');
    expect(r.code, r.err).toBe(0);
    expect(process.env.DPT_REDIS_CA).toBeUndefined(); // --redis-ca is put back after the command
  });

  it('dpt coordinator and dpt worker with DPT_REDIS_CA', async () => {
    const prefix = uniquePrefix('tls-cw');
    const env = { DPT_REDIS_CA: ca, REDIS_URL: url, DPT_SECRET: TEST_SECRET.toString() };
    const worker = spawnDpt(['worker', '--prefix', prefix, '--run-id', 'tls-run'], env);
    const coordinator = spawnDpt(['coordinator', '--run-id', 'tls-run', '--prefix', prefix, '--preset', 'parity', '--epochs', '2', '--out', tempOut('tls-coord')], env);
    const [c, w] = await Promise.all([coordinator.done, worker.done]);
    expect(c.code, c.err).toBe(0);
    expect(w.code, w.err).toBe(0);
  });
});
