// `dpt export` end to end through the CLI: every format's tensors, in file
// order, hash to the paramsSha256 that training reported; the format comes
// from --format or --out's extension, the file name from the model's; bad
// input exits 2 with a message naming the flag.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainCommand } from '../../cli/train-command.js';
import { decodeNpz } from '../../lib/export/npz.js';
import { onnxModelType } from '../../lib/export/onnx.js';
import { decodeSafetensors } from '../../lib/export/safetensors.js';
import { joinParts, sha256Hex } from '../../lib/wire/tensors.js';
import { tempDir } from '../helpers/temp-files.js';
import { runMain } from '../helpers/run-main.js';

// The assertions compare whole results: leave out the time.
const run = (...args: string[]) => runMain(...args).then(({ code, out, err }) => ({ code, out, err }));

const dir = tempDir('export-cli');
const runDir = join(dir, 'mnist');
const modelPath = join(runDir, 'model.dpt');
let sha = '';

beforeAll(async () => {
  const summary = await trainCommand({ preset: 'mnist', maxSteps: '20', testLimit: '100', workers: '0', out: runDir, quiet: true });
  sha = summary.paramsSha256;
}, 60_000);

/** The tensors' bytes of an exported file, concatenated in file order (metadata left out). */
function tensorBytes(file: string): Uint8Array {
  const bytes = readFileSync(file);
  if (file.endsWith('.npz')) return joinParts([...decodeNpz(file, bytes)].filter(([k]) => k !== 'metadata').map(([, a]) => a.bytes));
  if (file.endsWith('.safetensors')) return joinParts([...decodeSafetensors(file, bytes).tensors.values()].map((t) => t.bytes));
  if (file.endsWith('.onnx')) {
    const m = onnxModelType().decode(bytes) as unknown as { graph: { initializer: { name: string; rawData: Uint8Array }[] } };
    return joinParts(m.graph.initializer.filter((t) => t.name !== 'max_value').map((t) => t.rawData));
  }
  const doc = JSON.parse(bytes.toString('utf8')) as { tensors: Record<string, { data: number[] | number[][] }> };
  const values = Float32Array.from(Object.values(doc.tensors).flatMap((t) => t.data.flat()));
  return new Uint8Array(values.buffer);
}

describe('dpt export', () => {
  it('writes each format next to the model by default; the tensors in file order hash to the run\'s paramsSha256', async () => {
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    for (const format of ['npz', 'safetensors', 'onnx', 'json']) {
      const r = await run('export', modelPath, '--format', format);
      const file = join(runDir, `model.${format}`);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe(`dpt: wrote ${file} (${format}, ${readFileSync(file).byteLength} bytes); params sha256 ${sha}`);
      expect(sha256Hex(tensorBytes(file)), format).toBe(sha);
    }
  });

  it('takes the format from --out\'s extension, and creates the folder', async () => {
    const out = join(dir, 'exports', 'digits.safetensors');
    const r = await run('export', modelPath, '--out', out, '--quiet');
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(out).readBigUInt64LE(0)).toBeGreaterThan(0n);
  });

  it('exits 2 naming the flag when the format is unknown or missing, or the output is the model', async () => {
    let r = await run('export', modelPath, '--out', join(dir, 'model.bin'));
    expect(r.code).toBe(2);
    expect(r.err).toBe('dpt: error: --format: give --format npz|safetensors|onnx|json, or an --out file ending in .npz, .safetensors, .onnx, .json');
    expect(existsSync(join(dir, 'model.bin'))).toBe(false);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      r = await run('export', modelPath, '--format', 'pickle');
      expect(r.code).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/option '--format <f>' argument 'pickle' is invalid\. Allowed choices are npz, safetensors, onnx, json/);
    } finally {
      stderr.mockRestore();
    }
    r = await run('export', modelPath, '--format', 'json', '--out', modelPath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out: .*model\.dpt is the model file itself/);
    r = await run('export', join(dir, 'none.dpt'), '--format', 'npz');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/none\.dpt: no such model file/);
  });

  it('onnx: a dataset of another shape cannot give the input scale', async () => {
    const r = await run('export', modelPath, '--format', 'onnx', '--out', join(dir, 'x.onnx'), '--dataset', 'parity');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--dataset: the ONNX graph divides the inputs by the largest value of the model's dataset, which could not be loaded \(--structure: the input layer has 784 units but dataset "parity" has 10 inputs/);
  });
});
