#!/usr/bin/env node
// Install-time build of the optional native kernels (binding.gyp ->
// build/Release/dpt_kernels.node). Never fails the install: without a C
// compiler, Python or Node's headers the package simply uses the JavaScript
// kernels. Prints one line either way; node-gyp's full output goes to
// build/native-build.log.
//
//   node native/build.mjs          (npm runs it as the `install` script)
//   node native/build.mjs --force  build even if up to date
//   DPT_SKIP_NATIVE_BUILD=1        skips the build
//
// Up to date: a stamp next to the addon records a hash of the sources
// (native/*.c, *.h, *.inc and binding.gyp) and of the Node ABI; when it
// matches and the addon loads, nothing is rebuilt. npm runs this script
// again whenever the package is installed somewhere, and the first
// `npx dpt` in a checkout does that (into npx's cache, linking back here):
// a rebuild then rewrote the addon under any dpt process loading it.
//
// Headers: when the running Node was installed with its headers (official
// tarballs, nvm, Debian/Ubuntu packages: <prefix>/include/node), those are
// used, so no download is needed; otherwise node-gyp fetches them.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, 'build', 'Release', 'dpt_kernels.node');
const logFile = join(root, 'build', 'native-build.log');
const stampFile = join(root, 'build', 'dpt_kernels.stamp');
const say = (msg) => console.log(`dpt: ${msg}`);

function nodeGyp() {
  // npm sets npm_config_node_gyp for lifecycle scripts (its bundled node-gyp).
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return { cmd: process.execPath, pre: [fromNpm], shell: false };
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return { cmd: process.execPath, pre: [bundled], shell: false };
  return { cmd: 'node-gyp', pre: [], shell: process.platform === 'win32' };
}

/** What the addon is built from: the sources, binding.gyp, and the Node ABI and platform it is built for. */
function inputsHash() {
  const h = createHash('sha256').update(`${process.versions.modules} ${process.platform} ${process.arch}\n`);
  h.update(readFileSync(join(root, 'binding.gyp')));
  const dir = join(root, 'native');
  for (const f of readdirSync(dir).filter((n) => /\.(c|h|inc)$/.test(n)).sort()) h.update(`${f}\n`).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

/** Whether the addon loads in a fresh process (a failed self-test, e.g. fused multiply-add, throws there). */
function loads() {
  const check = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addon)})`], { encoding: 'utf8' });
  return { ok: check.status === 0, output: `${check.stdout}${check.stderr}` };
}

function main() {
  if (process.env.DPT_SKIP_NATIVE_BUILD) {
    say('native kernels not built (DPT_SKIP_NATIVE_BUILD is set); the JavaScript kernels will be used');
    return;
  }
  const unknown = process.argv.slice(2).filter((a) => a !== '--force');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]} (use --force)`);
  const hash = inputsHash();
  if (!process.argv.includes('--force') && existsSync(addon) && existsSync(stampFile)
    && readFileSync(stampFile, 'utf8').trim() === hash && loads().ok) {
    say(`native kernels up to date (${addon})`);
    return;
  }
  const prefix = dirname(dirname(process.execPath));
  const headers = join(prefix, 'include', 'node');
  const local = existsSync(join(headers, 'node_api.h')) && existsSync(join(headers, 'common.gypi'));
  const gyp = nodeGyp();
  const args = [...gyp.pre, 'rebuild', '--jobs', 'max', ...(local ? [`--nodedir=${prefix}`] : [])];
  const r = spawnSync(gyp.cmd, args, { cwd: root, encoding: 'utf8', shell: gyp.shell, timeout: 10 * 60 * 1000 });
  let log = `$ ${gyp.cmd} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) log += `\n${r.error.message}\n`;
  let ok = r.status === 0 && existsSync(addon);
  if (ok) {
    const check = loads();
    log += `\n$ load check\n${check.output}`;
    ok = check.ok;
  }
  try {
    if (ok) writeFileSync(stampFile, `${hash}\n`);
  } catch {
    // rebuilt next time then
  }
  try {
    mkdirSync(dirname(logFile), { recursive: true });
    writeFileSync(logFile, log);
  } catch {
    // no log then
  }
  if (ok) say(`native kernels built (${addon})`);
  else {
    const reason = r.error ? r.error.message : r.status !== 0 ? `node-gyp exited with ${r.status ?? r.signal}` : 'the built addon does not load';
    say(`native kernels not built (${reason}; see ${logFile}); the JavaScript kernels will be used`);
  }
}

try {
  main();
} catch (e) {
  say(`native kernels not built (${e instanceof Error ? e.message : String(e)}); the JavaScript kernels will be used`);
}
process.exitCode = 0;
