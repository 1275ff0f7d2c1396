// native/build.mjs leaves an up-to-date addon alone: npm runs it again on
// every install of the package, the first `npx dpt` in a checkout included,
// and a rebuild rewrote the addon under any dpt process loading it then.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeAvailable } from '../../lib/accel/native/native-kernels.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const addon = fileURLToPath(new URL('../../build/Release/dpt_kernels.node', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['native/build.mjs', ...args], { cwd: root, encoding: 'utf8' });

describe.skipIf(!nativeAvailable())('native/build.mjs', () => {
  it('does not rebuild an addon built from the same sources for the same Node', () => {
    run(); // writes the stamp if an older build.mjs built this addon
    const before = statSync(addon).mtimeMs;
    const r = run();
    expect(r.stdout).toMatch(/native kernels up to date/);
    expect(r.status).toBe(0);
    expect(statSync(addon).mtimeMs).toBe(before);
  }, 180_000); // a checkout built by an older build.mjs (no stamp) rebuilds once

  it('rejects an unknown argument without failing the install', () => {
    const r = run('--frobnicate');
    expect(r.stdout).toMatch(/not built \(unknown argument --frobnicate/);
    expect(r.status).toBe(0);
  });
});
