#!/usr/bin/env node
// Install-time build of the optional native kernels (binding.gyp ->
// build/Release/dpt_kernels.node). Never fails the install: without a C
// compiler, Python or Node's headers the package simply uses the JavaScript
// kernels. Prints one line either way; node-gyp's full output goes to
// build/native-build.log.
//
//   node native/build.mjs          (npm runs it as the `install` script)
//   DPT_SKIP_NATIVE_BUILD=1        skips the build
//
// Headers: when the running Node was installed with its headers (official
// tarballs, nvm, Debian/Ubuntu packages: <prefix>/include/node), those are
// used, so no download is needed; otherwise node-gyp fetches them.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, 'build', 'Release', 'dpt_kernels.node');
const logFile = join(root, 'build', 'native-build.log');
const say = (msg) => console.log(`dpt: ${msg}`);

function nodeGyp() {
  // npm sets npm_config_node_gyp for lifecycle scripts (its bundled node-gyp).
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return { cmd: process.execPath, pre: [fromNpm], shell: false };
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return { cmd: process.execPath, pre: [bundled], shell: false };
  return { cmd: 'node-gyp', pre: [], shell: process.platform === 'win32' };
}

function main() {
  if (process.env.DPT_SKIP_NATIVE_BUILD) {
    say('native kernels not built (DPT_SKIP_NATIVE_BUILD is set); the JavaScript kernels will be used');
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
    // Load it once: a failed self-test (e.g. fused multiply-add) throws here.
    const check = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addon)})`], { encoding: 'utf8' });
    log += `\n$ load check\n${check.stdout}${check.stderr}`;
    ok = check.status === 0;
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
