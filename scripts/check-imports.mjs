#!/usr/bin/env node
// Checks the project's own relative imports against two promises:
//
//  1. No import cycles. Every import counts: `import type`, `import { type X }`,
//     `export ... from`, `export type ... from`, side-effect `import './x.js'`
//     and `import('./x.js')`. Type imports are erased at compile time, but a
//     type-only cycle still couples two modules' designs: neither can be
//     understood, tested or moved without the other.
//  2. Layers run one way (LAYERS below, bottom first). A file may import files
//     of its own unit and of any unit in a lower layer; never a higher layer,
//     nor a sibling unit of its own layer (siblings stay independent). This is
//     about design, not runtime order, so type imports count here too. Every
//     .ts file under the units' top-level folders must belong to a unit, so a
//     new folder has to be placed in the architecture deliberately; imports of
//     files outside those folders (e.g. proto/gen) are not judged.
//
// Usage: node scripts/check-imports.mjs [--root DIR] [--layers FILE.json]
//   --root    tree to check (default: this repository)
//   --layers  JSON array of arrays of units, replacing LAYERS
// Exit 0 when clean, 1 listing every problem, 2 on bad arguments.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The architecture, bottom layer first. A unit is a file or a folder,
 * relative to the root. lib/accel sits above lib/math and lib/wire because it
 * plugs into both (kernels into math's registry, a native CRC-32 into the
 * wire's checksums); neither of them ever imports it: entry points do.
 */
export const LAYERS = [
  ['lib/errors.ts', 'lib/package-root.ts'],
  ['lib/config.ts', 'lib/log.ts'],
  ['lib/options.ts'],
  ['lib/random'],
  ['lib/math'],
  ['lib/data'],
  ['lib/wire'],
  ['lib/accel'],
  ['lib/redis', 'lib/train', 'lib/metrics'],
  ['lib/plot', 'lib/export'],
  ['services/step-protocol.ts'],
  ['services/coordinator', 'services/worker'],
  ['cli'],
  ['index.ts'],
];

// Comments and the text of string and template literals, blanked to spaces
// (newlines kept, so offsets and line numbers still match the source): an
// import written in a comment or inside a string is not an import.
const HIDDEN = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\[\s\S]|[^`\\])*`/g;
const blank = (s) => s.replace(/[^\n]/g, ' ');
const mask = (src) =>
  src.replace(HIDDEN, (t) => ('\'"`'.includes(t[0]) ? t[0] + blank(t.slice(1, -1)) + t.at(-1) : blank(t)));

// Run on the masked text; the specifier (last group) is read back from the source.
// `import|export [type] [Default,] [* as ns | { ... }] from '...'` spans lines.
const FROM = /(?<![\w$.])(?:import|export)\s+(type\s+)?((?:[\w$]+\s*,?\s*)?(?:\*\s*(?:as\s+[\w$]+\s*)?|\{[^}]*\}\s*)?)from\s*(['"])([^'"\n]*)\3/dg;
const BARE = /(?<![\w$.])import\s*(['"])([^'"\n]*)\1/dg; // import './x.js'
const DYNAMIC = /(?<![\w$.])import\s*\(\s*(['"])([^'"\n]*)\1\s*[,)]/dg; // import('./x.js')

/** Every import statement of one file: { spec, line, typeOnly }. */
export function parseImports(src) {
  const text = mask(src);
  const found = [];
  const add = (m, typeOnly) => {
    const [start, end] = m.indices.at(-1);
    found.push({ spec: src.slice(start, end), line: text.slice(0, m.index).split('\n').length, typeOnly });
  };
  for (const m of text.matchAll(FROM)) {
    // `import { type A, type B }` is erased just like `import type { A, B }`.
    const names = /^\{([^}]*)\}\s*$/.exec(m[2])?.[1].split(',').map((s) => s.trim()).filter(Boolean);
    add(m, Boolean(m[1]) || (names?.length > 0 && names.every((n) => /^type\s/.test(n))));
  }
  for (const m of text.matchAll(BARE)) add(m, false);
  for (const m of text.matchAll(DYNAMIC)) add(m, false);
  return found.sort((a, b) => a.line - b.line);
}

const isFile = (p) => existsSync(p) && statSync(p).isFile();
const posix = (p) => p.split(sep).join('/');

function walk(path, out) {
  if (!existsSync(path)) return out;
  if (!statSync(path).isDirectory()) {
    if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) walk(join(path, name), out);
  return out;
}

/** Checks the tree at root against layers; returns { modules, problems }. */
export function checkImports(root, layers = LAYERS) {
  const problems = [];
  const units = layers.flatMap((us, i) => us.map((u) => ({ path: u.replace(/^\.\/|\/+$/g, ''), layer: i + 1 })));
  const seen = new Set();
  for (const u of units) {
    if (seen.has(u.path)) problems.push(`bad layers: ${u.path} is listed more than once`);
    seen.add(u.path);
  }
  const bySpecificity = [...units].sort((a, b) => b.path.length - a.path.length);
  const unitOf = (rel) => bySpecificity.find((u) => rel === u.path || rel.startsWith(`${u.path}/`));
  const describe = (u) => `(${u.path}, layer ${u.layer})`;

  const tops = [...new Set(units.map((u) => u.path.split('/')[0]))];
  const files = tops.flatMap((t) => walk(join(root, t), [])).map((f) => posix(relative(root, f)));
  const checked = new Set(files);
  for (const u of units) {
    if (!files.some((f) => unitOf(f) === u)) problems.push(`empty unit: ${u.path} (layer ${u.layer}) holds no .ts file`);
  }

  const edges = new Map(); // file -> Map(target -> { line, typeOnly })
  for (const file of files) {
    const unit = unitOf(file);
    if (!unit) problems.push(`not assigned to a layer: ${file} (add its folder or file to a layer)`);
    const deps = new Map();
    edges.set(file, deps);
    for (const { spec, line, typeOnly } of parseImports(readFileSync(join(root, file), 'utf8'))) {
      if (!spec.startsWith('./') && !spec.startsWith('../')) continue; // packages, node: built-ins
      const base = resolve(root, dirname(file), spec);
      const hit = [base.replace(/\.js$/, '.ts'), base].find((p) => /\.(ts|mjs|js)$/.test(p) && isFile(p));
      if (!hit) {
        problems.push(`unresolved import: ${file}:${line} imports '${spec}', which names no file`);
        continue;
      }
      const target = posix(relative(root, hit));
      const prev = deps.get(target);
      if (!prev) deps.set(target, { line, typeOnly });
      else if (prev.typeOnly && !typeOnly) deps.set(target, { line, typeOnly });

      const to = unitOf(target);
      if (!unit || !to || to === unit || prev) continue; // unassigned files are reported once, above
      if (to.layer > unit.layer) {
        problems.push(`upward import: ${file}:${line} ${describe(unit)} imports ${target} ${describe(to)}`);
      } else if (to.layer === unit.layer) {
        problems.push(`sibling import: ${file}:${line} ${describe(unit)} imports ${target} ${describe(to)}; units of one layer stay independent`);
      }
    }
  }

  // Depth-first search; each edge back onto the stack closes one cycle.
  const state = new Map(); // 1 = on the stack, 2 = done
  const stack = [];
  const visit = (f) => {
    state.set(f, 1);
    stack.push(f);
    for (const d of [...edges.get(f).keys()].filter((t) => checked.has(t))) {
      if (state.get(d) === 1) {
        const chain = stack.slice(stack.indexOf(d)).concat(d);
        const links = chain.slice(1).map((to, i) => ({ from: chain[i], to, ...edges.get(chain[i]).get(to) }));
        const typeLinks = links.filter((l) => l.typeOnly).map((l) => `${l.from}:${l.line} -> ${l.to}`);
        const kind = typeLinks.length === 0 ? 'every link a runtime import'
          : `type-only link${typeLinks.length > 1 ? 's' : ''}: ${typeLinks.join(', ')}; type imports count too`;
        problems.push(`import cycle: ${chain.join(' -> ')} (${kind})`);
      } else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 2);
  };
  files.forEach((f) => state.has(f) || visit(f));
  return { modules: files.length, layers: layers.length, problems };
}

function main() {
  let root, layers;
  try {
    const { values } = parseArgs({ options: { root: { type: 'string' }, layers: { type: 'string' } } });
    root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
    layers = values.layers ? JSON.parse(readFileSync(values.layers, 'utf8')) : LAYERS;
    const ok = Array.isArray(layers) && layers.every((l) => Array.isArray(l) && l.length > 0 && l.every((u) => typeof u === 'string' && u !== ''));
    if (!ok) throw new Error(`${values.layers}: expected a JSON array of non-empty arrays of paths`);
  } catch (e) {
    console.error(`check-imports: ${e.message}\nusage: node scripts/check-imports.mjs [--root DIR] [--layers FILE.json]`);
    return 2;
  }
  const { modules, problems } = checkImports(root, layers);
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`imports: ${problems.length} problem${problems.length > 1 ? 's' : ''} in ${modules} modules`);
    return 1;
  }
  console.log(`imports: ${modules} modules, ${layers.length} layers, no cycles, nothing imports upward`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
