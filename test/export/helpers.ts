// Shared by the export tests: synthetic models whose parameters include the
// values a careless writer would change (-0, subnormals, NaN payloads,
// extremes), and numpy as the independent reader, run as `python3 -c`.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { DEFAULTS, type DType, type TrainConfig } from '../../lib/config.js';
import { paramLayout } from '../../lib/math/layout.js';
import { joinParts } from '../../lib/wire/tensors.js';
import type { Model } from '../../lib/wire/types.js';

/** A model of `structure` and `dtype` with deterministic, bit-awkward parameters. */
export function syntheticModel(structure: number[], dtype: DType, overrides: Partial<TrainConfig> = {}, finite = false): Model {
  const n = paramLayout(structure).size;
  const params = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    params[i] = (s / 2 ** 32 - 0.5) * 2 ** ((i % 7) - 3);
  }
  const special = dtype === 'float32'
    ? [-0, 2 ** -149, -(2 ** -126), 3.4028234663852886e38, 1 / 3]
    : [-0, 2 ** -1074, -(2 ** -1022), Number.MAX_VALUE, 1 / 3];
  special.forEach((v, i) => (params[1 + 3 * i] = v));
  if (!finite) {
    // A NaN with a payload: only a byte-for-byte writer keeps these bits.
    if (dtype === 'float32') new Uint32Array(params.buffer)[n - 1] = 0x7fc00abc;
    else new Uint32Array(params.buffer)[2 * n - 1] = 0x7ff80abc;
  }
  return {
    config: { ...DEFAULTS, ...overrides, structure, dtype },
    params,
    dataset: { name: 'synthetic', sha256: '0'.repeat(64), bytes: 0, chunks: 0, inputSize: structure[0], numClasses: structure.at(-1) as number, trainCount: 0, testCount: 0 },
    history: [],
    reduction: 'pairwise-tree-v1',
  };
}

export function writeChunks(path: string, chunks: Uint8Array[]): void {
  writeFileSync(path, joinParts(chunks));
}

/** Whether `python3 -c 'import numpy'` works, and if not, why. */
export function numpyStatus(): { ok: boolean; reason: string } {
  const r = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (r.error) return { ok: false, reason: `python3 not found (${r.error.message})` };
  if (r.status !== 0) return { ok: false, reason: `python3 has no numpy (${r.stderr.trim().split('\n').at(-1)})` };
  return { ok: true, reason: '' };
}

const numpy = numpyStatus();
/** Appended to a describe title: says why it is skipped. */
export const NUMPY_SKIP = numpy.ok ? '' : ` (skipped: ${numpy.reason})`;
export const HAVE_NUMPY = numpy.ok;
if (!numpy.ok) console.warn(`test/export: the checks against numpy are skipped: ${numpy.reason}`);

/** Runs `script` in python3 with `args` (sys.argv[1:]); returns its stdout, throws with its stderr. */
export function python(script: string, ...args: string[]): string {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python3 exited with ${r.status}:\n${r.stderr}`);
  return r.stdout;
}
