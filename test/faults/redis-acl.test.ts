// Issue 17: dpt under a Redis ACL user. The README's ACL line ("Redis ACL")
// is applied as written (prefix and password substituted) and a full
// two-worker run succeeds under it, without a single denied command; a user
// lacking one thing dpt needs fails at once with one line naming it, exit 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../helpers/run-main.js';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../lib/redis/connect.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { tempOut } from '../distributed/helpers.js';
import { uniquePrefix } from '../helpers/redis.js';

/** The README's `ACL SETUSER dpt ...` line, for `user` with `password` on `prefix`, as arguments after ACL SETUSER. */
function readmeAcl(user: string, password: string, prefix: string): string[] {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Redis ACL'));
  const line = /^ACL SETUSER dpt (.*)$/m.exec(section)?.[1];
  if (!line) throw new Error("README.md has no 'ACL SETUSER dpt ...' line under '### Redis ACL'");
  const rules = line.split(/\s+/).map((r) => r.replace('>PASSWORD', `>${password}`).replace(/^([~&])dpt:\*$/, `$1${prefix}:*`));
  expect(rules).toContain(`~${prefix}:*`);
  expect(rules).toContain(`&${prefix}:*`);
  return [user, 'reset', ...rules];
}


let server: PrivateRedis;
let admin: Redis;
beforeAll(async () => {
  server = await startPrivateRedis();
  admin = connectRedis(server.url, 'test-acl-admin');
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

/** ACL LOG entries: every command, key or channel Redis refused. */
async function denials(): Promise<string[]> {
  const log = (await admin.call('ACL', 'LOG')) as unknown[][];
  return log.map((entry) => {
    const fields = new Map<string, unknown>();
    for (let i = 0; i < entry.length; i += 2) fields.set(String(entry[i]), entry[i + 1]);
    return `${String(fields.get('reason'))} ${String(fields.get('object'))}`;
  });
}

describe('dpt under a Redis ACL user', () => {
  it("the README's ACL: a two-worker dpt train runs to the end, nothing denied", async () => {
    const prefix = uniquePrefix('acl');
    await admin.call('ACL', 'SETUSER', ...readmeAcl('dpt-acl', 'acl-pw-1', prefix));
    await admin.call('ACL', 'LOG', 'RESET');
    const out = tempOut('acl');
    const r = await run('train', '--preset', 'parity', '--epochs', '3', '--workers', '2', '--redis', `redis://dpt-acl:acl-pw-1@127.0.0.1:${server.port}`,
      '--prefix', prefix, '--out', out, '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).testAccuracy).toBeGreaterThan(0.5);
    expect(await denials()).toEqual([]);
  });

  it('without publish: one line naming it, exit 1, the run marked failed', async () => {
    const prefix = uniquePrefix('acl-nopub');
    await admin.call('ACL', 'SETUSER', ...readmeAcl('dpt-nopub', 'acl-pw-2', prefix), '-publish');
    const r = await run('train', '--preset', 'parity', '--epochs', '3', '--workers', '2', '--redis', `redis://dpt-nopub:acl-pw-2@127.0.0.1:${server.port}`,
      '--prefix', prefix, '--out', tempOut('acl-nopub'), '--quiet');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toBe(`dpt: error: redis://***@127.0.0.1:${server.port}: the Redis user lacks permission: publish; see README 'Redis ACL'`);
    const [status] = await admin.keys(`${prefix}:run:*:status`);
    const runId = status.slice(`${prefix}:run:`.length, -':status'.length);
    expect(await admin.get(new RunKeys(prefix, runId).status)).toBe('failed');
  });

  it('keys outside its pattern (a --prefix the ACL does not cover): one line saying so, exit 1', async () => {
    await admin.call('ACL', 'SETUSER', ...readmeAcl('dpt-other', 'acl-pw-3', uniquePrefix('acl-other')));
    const r = await run('train', '--preset', 'parity', '--epochs', '3', '--workers', '2', '--redis', `redis://dpt-other:acl-pw-3@127.0.0.1:${server.port}`,
      '--prefix', uniquePrefix('acl-elsewhere'), '--out', tempOut('acl-other'), '--quiet');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/^dpt: error: redis:\/\/\*\*\*@127\.0\.0\.1:\d+: the Redis user lacks permission: a key( used by \w+)? \(.*\); see README 'Redis ACL'$/);
  });
});
