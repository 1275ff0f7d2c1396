#!/usr/bin/env node
// Fails when runtime imports between our own modules form a cycle (a cycle
// makes module initialisation order fragile). Type-only imports are erased
// at compile time and do not count. Usage: node scripts/check-cycles.mjs DIR...
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const roots = process.argv.slice(2);
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) files.push(resolve(p));
  }
};
roots.forEach(walk);

const IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm;
const edges = new Map();
for (const f of files) {
  const deps = [];
  for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
    const target = resolve(dirname(f), m[1].replace(/\.js$/, '.ts'));
    if (files.includes(target)) deps.push(target);
  }
  edges.set(f, deps);
}

const state = new Map(); // 1 = on the stack, 2 = done
const stack = [];
let cycles = 0;
const visit = (f) => {
  state.set(f, 1);
  stack.push(f);
  for (const d of edges.get(f)) {
    if (state.get(d) === 1) {
      cycles++;
      const cycle = stack.slice(stack.indexOf(d)).concat(d).map((p) => relative(process.cwd(), p));
      console.error(`import cycle: ${cycle.join(' -> ')}`);
    } else if (!state.has(d)) visit(d);
  }
  stack.pop();
  state.set(f, 2);
};
files.forEach((f) => state.has(f) || visit(f));
if (cycles > 0) process.exit(1);
console.log(`no import cycles in ${files.length} modules`);
