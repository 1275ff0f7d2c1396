#!/usr/bin/env node
// Entry point of the `dpt` command: runs the compiled CLI (npm ci builds it
// through the `prepare` script; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/lib/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dpt: the compiled CLI is missing (dist/); run `npm run build` first');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
