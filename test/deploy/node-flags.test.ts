// dpt's Node flags (cli/node-flags.ts) must be a command-line flag, so they
// are written out where dpt processes start; every copy must carry them.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import v8 from 'node:v8';
import { NODE_FLAGS, RUNTIME_V8_FLAGS } from '../../cli/node-flags.js';
import { main } from '../../cli/main.js';

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

  it('every NODE_OPTIONS set in the compose file and the Kubernetes manifests (they replace the image\'s) keeps them', () => {
    const files = ['deploy/compose.yaml', 'deploy/k8s/run/coordinator-job.yaml', 'deploy/k8s/run/workers-job.yaml'];
    let seen = 0;
    for (const file of files) {
      const text = read(file);
      // `NODE_OPTIONS: value` (compose) or `- name: NODE_OPTIONS` then `value: ...` (Kubernetes); comments do not count.
      const values = [...text.matchAll(/^\s*NODE_OPTIONS:\s*(\S.*)$|^\s*- name: NODE_OPTIONS\s*\n\s*value:\s*(\S.*)$/gm)].map((m) => (m[1] ?? m[2]).trim());
      for (const v of values) {
        seen++;
        for (const flag of NODE_FLAGS) expect(v.split(/\s+/), `${file}: NODE_OPTIONS=${v}`).toContain(flag);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(4);
  });

  it('the flags are ones this Node accepts', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [...NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it('the runtime V8 flags are ones this Node accepts (setFlagsFromString would ignore a misspelt one)', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [...RUNTIME_V8_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(RUNTIME_V8_FLAGS).toContain('--heap-growing-percent=300');
  });

  it('every dpt command applies the runtime V8 flags when it starts', async () => {
    const set = vi.spyOn(v8, 'setFlagsFromString');
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'dpt', '--version'])).toBe(0);
      for (const flag of RUNTIME_V8_FLAGS) expect(set).toHaveBeenCalledWith(flag);
    } finally {
      set.mockRestore();
      log.mockRestore();
    }
  });
});
