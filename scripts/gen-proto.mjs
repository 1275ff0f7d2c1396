#!/usr/bin/env node
// Generates proto/gen/dpt.js (static ES module) and proto/gen/dpt.d.ts from
// proto/dpt.proto with the locally installed protobufjs-cli: no network.
//
//   node scripts/gen-proto.mjs                  write proto/gen
//   node scripts/gen-proto.mjs --check          exit 1 if proto/gen is stale
//   node scripts/gen-proto.mjs --out-dir DIR    write (or with --check: check) DIR instead
//
// The output is a pure function of the .proto file and the installed CLI
// version (pbjs loads synchronously, which upstream documents as the
// deterministic path; pbts runs jsdoc over a temp copy but emits no paths),
// so the committed files can be compared byte for byte.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const protoFile = join(root, 'proto', 'dpt.proto');
const FILES = ['dpt.js', 'dpt.d.ts'];

// Under NodeNext an ESM import of a package subpath needs the extension; the
// esm/es6 wrapper already emits it, and pbts is told to match.
const PROTOBUF_IMPORT = 'protobufjs/minimal.js';

function parseArgs(argv) {
  const opts = { check: false, outDir: join(root, 'proto', 'gen') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') opts.check = true;
    else if (a === '--out-dir' && i + 1 < argv.length) opts.outDir = resolve(argv[++i]);
    else throw new Error(`gen-proto: unknown argument ${a} (use --check and/or --out-dir DIR)`);
  }
  return opts;
}

/** Runs a protobufjs-cli `main` (pbjs or pbts) in-process and resolves when it is done. */
function runCli(cli, args) {
  return new Promise((res, rej) => {
    const ret = cli.main(args, (err) => (err ? rej(err) : res()));
    // main returns a non-zero number (after printing usage) on bad arguments without calling back.
    if (typeof ret === 'number' && ret !== 0) rej(new Error(`protobufjs-cli exited with ${ret} for ${args.join(' ')}`));
  });
}

function header(protoSha, cliVersion) {
  return [
    '// GENERATED FILE - DO NOT EDIT.',
    `// Source: proto/dpt.proto (sha256 ${protoSha})`,
    `// Generator: scripts/gen-proto.mjs with protobufjs-cli ${cliVersion}; run \`npm run proto\` to regenerate.`,
    '',
  ].join('\n');
}

function replaceOnce(text, from, to, file) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + from.length) >= 0) {
    throw new Error(`gen-proto: expected exactly one ${JSON.stringify(from)} in generated ${file}; pbjs output changed shape`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function postProcessJs(js, head) {
  const importLine = `import $protobuf from "${PROTOBUF_IMPORT}";\n`;
  // --force-number only changes the declared types: the runtime still builds
  // Long prototype defaults and decodes uint64 as Long whenever the `long`
  // package is installed (it is, as a protobufjs dependency). Switching Long
  // off here, before any prototype default is built below, makes the runtime
  // match the declared `number`. It reconfigures the shared protobufjs
  // singleton; the other schema dpt loads (proto/onnx, for the ONNX export)
  // writes its 64-bit fields correctly either way.
  const longOff =
    importLine +
    '\n// dpt: decode 64-bit integers as plain numbers (see scripts/gen-proto.mjs).\n' +
    '$protobuf.util.Long = undefined;\n' +
    '$protobuf.configure();\n';
  return head + replaceOnce(js, importLine, longOff, 'dpt.js');
}

function postProcessDts(dts, head) {
  // pbts always adds `import Long = require("long")`; with --force-number
  // nothing uses it, and dropping it keeps the declarations free of Long, so
  // a stray Long type would show up as an error here instead of a surprise.
  dts = replaceOnce(dts, 'import Long = require("long");\n', '', 'dpt.d.ts');
  if (/\bLong\b/.test(dts)) throw new Error('gen-proto: dpt.d.ts still mentions Long; is --force-number in effect?');
  replaceOnce(dts, `import * as $protobuf from "${PROTOBUF_IMPORT}";`, '', 'dpt.d.ts'); // assert only
  return head + dts;
}

const normalize = (s) => s.replace(/\r\n/g, '\n').replace(/\s*$/, '\n');

async function generate(outDir) {
  const { pbjs, pbts } = require('protobufjs-cli');
  const cliVersion = require('protobufjs-cli/package.json').version;
  const protoSha = createHash('sha256').update(readFileSync(protoFile)).digest('hex');
  const head = header(protoSha, cliVersion);

  const stage = mkdtempSync(join(tmpdir(), 'dpt-gen-proto-'));
  try {
    const rawJs = join(stage, 'dpt.js');
    const rawDts = join(stage, 'dpt.d.ts');
    // Relative proto path so nothing machine-specific can leak into the output.
    const cwd = process.cwd();
    process.chdir(root);
    try {
      await runCli(pbjs, ['-t', 'static-module', '-w', 'es6', '--force-number', '-o', rawJs, relative(root, protoFile)]);
    } finally {
      process.chdir(cwd);
    }
    await runCli(pbts, ['-i', `$protobuf=${PROTOBUF_IMPORT}`, '-o', rawDts, rawJs]);

    const out = {
      'dpt.js': normalize(postProcessJs(normalize(readFileSync(rawJs, 'utf8')), head)),
      'dpt.d.ts': normalize(postProcessDts(normalize(readFileSync(rawDts, 'utf8')), head)),
    };
    mkdirSync(outDir, { recursive: true });
    for (const f of FILES) writeFileSync(join(outDir, f), out[f]);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.check) {
    await generate(opts.outDir);
    console.log(`gen-proto: wrote ${FILES.map((f) => relative(process.cwd(), join(opts.outDir, f))).join(', ')}`);
    return;
  }
  const fresh = mkdtempSync(join(tmpdir(), 'dpt-gen-proto-check-'));
  try {
    await generate(fresh);
    const stale = FILES.filter((f) => {
      const committed = join(opts.outDir, f);
      return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(fresh, f)));
    });
    if (stale.length > 0) {
      console.error(`gen-proto: stale or missing in ${opts.outDir}: ${stale.join(', ')}; run \`npm run proto\``);
      process.exitCode = 1;
    } else {
      console.log(`gen-proto: ${opts.outDir} is up to date`);
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
