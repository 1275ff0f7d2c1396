// proto/gen is committed; this fails when it no longer matches what
// `npm run proto` would generate from proto/dpt.proto (someone edited the
// schema or the generated files by hand, or upgraded protobufjs-cli).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'scripts', 'gen-proto.mjs');
const FILES = ['dpt.js', 'dpt.d.ts'];

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'dpt-gen-test-'));
  await run(process.execPath, [script, '--out-dir', out], { cwd: root });
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('generated protobuf code', () => {
  for (const f of FILES) {
    it(`proto/gen/${f} is up to date (run \`npm run proto\` if this fails)`, async () => {
      const fresh = await readFile(join(out, f), 'utf8');
      const committed = await readFile(join(root, 'proto', 'gen', f), 'utf8');
      // Compare as strings so a failure shows a readable diff; then byte-exact.
      expect(committed).toBe(fresh);
    });
  }

  it('is marked generated, imports protobufjs the NodeNext way and switches Long off', async () => {
    const js = await readFile(join(out, 'dpt.js'), 'utf8');
    const dts = await readFile(join(out, 'dpt.d.ts'), 'utf8');
    expect(js.startsWith('// GENERATED FILE - DO NOT EDIT.')).toBe(true);
    expect(dts.startsWith('// GENERATED FILE - DO NOT EDIT.')).toBe(true);
    expect(js).toContain('import $protobuf from "protobufjs/minimal.js";');
    expect(js).toContain('$protobuf.util.Long = undefined;\n$protobuf.configure();');
    expect(dts).toContain('import * as $protobuf from "protobufjs/minimal.js";');
    expect(dts).not.toMatch(/\bLong\b/);
  });

  it('--check passes on fresh output and fails, naming the file, on stale output', async () => {
    await run(process.execPath, [script, '--check', '--out-dir', out], { cwd: root });
    const stale = join(out, 'dpt.d.ts');
    await writeFile(stale, (await readFile(stale, 'utf8')) + '// edited by hand\n');
    const err = await run(process.execPath, [script, '--check', '--out-dir', out], { cwd: root }).then(
      () => undefined,
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/stale or missing .*: dpt\.d\.ts; run `npm run proto`/);
  });
});
