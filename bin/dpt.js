#!/usr/bin/env -S node --max-semi-space-size=1
// Entry point of the `dpt` command: runs the compiled CLI (npm ci builds it
// through the `prepare` script; `npm run build` rebuilds it). The node flag
// in the first line is dpt's GC setting (cli/node-flags.ts); `node bin/dpt.js`
// runs without it, which works but is slower in distributed runs.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dpt: the compiled CLI is missing (dist/); run `npm run build` first');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
