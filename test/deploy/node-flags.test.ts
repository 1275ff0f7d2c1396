// dpt's Node flags (lib/gc-tuning.ts) must be a command-line flag, so they
// are written out where dpt processes start; every copy must carry them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../lib/gc-tuning.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('dpt processes start with NODE_FLAGS', () => {
  it('bin/dpt.js passes them through its shebang', () => {
    const shebang = read('bin/dpt.js').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  });

  it('npm start and npm run bench run node with them', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    for (const name of ['start', 'bench']) expect(scripts[name], name).toMatch(new RegExp(`^node ${NODE_FLAGS.join(' ')} `));
  });

  it('the container image sets them in NODE_OPTIONS', () => {
    expect(read('deploy/Dockerfile')).toMatch(new RegExp(`^\\s*NODE_OPTIONS=${NODE_FLAGS.join(' ')} \\\\$`, 'm'));
  });

  it('the flags are ones this Node accepts', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [...NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
