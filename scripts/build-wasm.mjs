#!/usr/bin/env node
// Compiles the AssemblyScript kernels (wasm/assembly/*.ts) into
// wasm/build/kernels.wasm with the locally installed asc: no network.
//
//   node scripts/build-wasm.mjs            build unless already up to date
//   node scripts/build-wasm.mjs --force    build even if up to date
//
// Idempotent and fast: a stamp file records a hash of the sources, the flags
// and the compiler version; when it matches, nothing is compiled (~50 ms).
//
// Flags: fixed-width SIMD only (no relaxed-simd: its results may differ
// between machines, which would break bit reproducibility; no threads), the
// stub runtime (the kernels allocate nothing), no assertion code, and the
// module's own memory exported so the host can lay arrays out in it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'wasm', 'assembly');
const outDir = join(root, 'wasm', 'build');
const outFile = join(outDir, 'kernels.wasm');
const stampFile = join(outDir, 'kernels.stamp');
const FLAGS = ['-O3', '--enable', 'simd', '--runtime', 'stub', '--noAssert'];

function inputsHash() {
  const ascVersion = createRequire(import.meta.url)('assemblyscript/package.json').version;
  const h = createHash('sha256').update(`asc ${ascVersion}\n${FLAGS.join(' ')}\n`);
  for (const f of readdirSync(srcDir).filter((n) => n.endsWith('.ts')).sort()) {
    h.update(`${f}\n`).update(readFileSync(join(srcDir, f)));
  }
  return h.digest('hex');
}

async function main() {
  const force = process.argv.includes('--force');
  const unknown = process.argv.slice(2).filter((a) => a !== '--force');
  if (unknown.length > 0) throw new Error(`build-wasm: unknown argument ${unknown[0]} (use --force)`);
  const hash = inputsHash();
  if (!force && existsSync(outFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
    console.log(`build-wasm: ${relative(root, outFile)} is up to date`);
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  const { default: asc } = await import('assemblyscript/asc');
  const { error, stderr } = await asc.main([join(srcDir, 'index.ts'), ...FLAGS, '--outFile', tmp], {
    stdout: process.stdout,
  });
  if (error) {
    process.stderr.write(stderr.toString());
    throw new Error(`build-wasm: asc failed: ${error.message}`);
  }
  // A per-process temp file renamed into place: a concurrent reader (or a
  // second build) never sees a half-written module.
  renameSync(tmp, outFile);
  writeFileSync(stampFile, hash);
  console.log(`build-wasm: wrote ${relative(root, outFile)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
