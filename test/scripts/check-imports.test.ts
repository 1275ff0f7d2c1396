// scripts/check-imports.mjs run as the lint step runs it, as a child process:
// each fixture under fixtures/ is a small tree with its own layers.json, and
// every rule is shown both holding (the clean tree) and failing with a message
// that names the files involved.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/check-imports.mjs', import.meta.url));

function check(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function checkFixture(name: string): { status: number | null; out: string } {
  const dir = fileURLToPath(new URL(`fixtures/${name}/`, import.meta.url));
  return check('--root', dir, '--layers', `${dir}layers.json`);
}

describe('check-imports', () => {
  it('passes a clean layered tree (comments, strings and files outside the checked folders do not count)', () => {
    const { status, out } = checkFixture('clean');
    expect(out.trim()).toBe('imports: 6 modules, 4 layers, no cycles, nothing imports upward');
    expect(status).toBe(0);
  });

  it('rejects a lower layer importing a higher one, naming both files', () => {
    const { status, out } = checkFixture('upward');
    expect(out).toContain('upward import: lib/low/low.ts:1 (lib/low, layer 1) imports lib/high/high.ts (lib/high, layer 2)');
    expect(status).toBe(1);
  });

  it('rejects a cycle made only of `import type`, and says the links are type-only', () => {
    const { status, out } = checkFixture('type-cycle');
    expect(out).toContain('import cycle: lib/core/a.ts -> lib/core/b.ts -> lib/core/a.ts');
    expect(out).toContain('type-only links: lib/core/a.ts:1 -> lib/core/b.ts, lib/core/b.ts:1 -> lib/core/a.ts');
    expect(status).toBe(1);
  });

  it('rejects a cycle through `export ... from`', () => {
    const { status, out } = checkFixture('export-cycle');
    expect(out).toContain('import cycle: lib/core/a.ts -> lib/core/b.ts -> lib/core/a.ts (every link a runtime import)');
    expect(status).toBe(1);
  });

  it('rejects a cycle through a dynamic import() and a side-effect import', () => {
    const { status, out } = checkFixture('dynamic-cycle');
    expect(out).toContain('import cycle: lib/core/a.ts -> lib/core/b.ts -> lib/core/a.ts');
    expect(status).toBe(1);
  });

  it('rejects an import between sibling units of one layer', () => {
    const { status, out } = checkFixture('sibling');
    expect(out).toContain('sibling import: lib/left/left.ts:1 (lib/left, layer 1) imports lib/right/right.ts (lib/right, layer 1)');
    expect(status).toBe(1);
  });

  it('rejects a file that belongs to no layer', () => {
    const { status, out } = checkFixture('unassigned');
    expect(out).toContain('not assigned to a layer: lib/stray/stray.ts');
    expect(status).toBe(1);
  });

  it('reads an import statement that spans several lines', () => {
    const { status, out } = checkFixture('multiline-upward');
    expect(out).toContain('upward import: lib/low/low.ts:3 (lib/low, layer 1) imports lib/high/high.ts (lib/high, layer 2)');
    expect(status).toBe(1);
  });

  it('exits 2 on an unknown option', () => {
    const { status, out } = check('--nope');
    expect(out).toContain('usage: node scripts/check-imports.mjs');
    expect(status).toBe(2);
  });

  it('passes on this repository with its built-in layers', () => {
    const { status, out } = check();
    expect(out.trim()).toMatch(/^imports: \d+ modules, 14 layers, no cycles, nothing imports upward$/);
    expect(status).toBe(0);
  });
});
