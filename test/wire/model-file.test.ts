import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dpt } from '../../proto/gen/dpt.js';
import { ModelFileError, WireError } from '../../lib/errors.js';
import { encodeModel } from '../../lib/wire/codecs.js';
import { readCheckpointFile, readModelFile, writeCheckpointFile, writeModelFile } from '../../lib/wire/files.js';
import { checkpoint, hex, model, PARAMS } from './fixtures.js';

/**
 * Builds a container from the documented layout, independently of
 * file-container.ts, so the tests pin the format rather than the code.
 */
function container(payload: Uint8Array, opts: { magic?: string; version?: number; flags?: number; length?: bigint } = {}): Buffer {
  const h = Buffer.alloc(56);
  h.write(opts.magic ?? 'DPTMODEL', 0, 8, 'latin1');
  h.writeUInt32LE(opts.version ?? 1, 8);
  h.writeUInt32LE(opts.flags ?? 0, 12);
  h.writeBigUInt64LE(opts.length ?? BigInt(payload.byteLength), 16);
  createHash('sha256').update(payload).digest().copy(h, 24);
  return Buffer.concat([h, payload]);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dpt-wire-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resolves to the ModelFileError `p` rejects with (fails the test otherwise). */
async function fileError(p: Promise<unknown>, path: string): Promise<ModelFileError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelFileError);
  expect((err as ModelFileError).file).toBe(path);
  return err as ModelFileError;
}

describe('model and checkpoint files', () => {
  it('round-trip a model byte-exactly, in the documented layout', async () => {
    const path = join(dir, 'm.dptmodel');
    const m = model('float64');
    await writeModelFile(path, m);
    const raw = await readFile(path);
    const payload = encodeModel(m);
    expect(hex(raw)).toBe(hex(container(payload)));
    const back = await readModelFile(path);
    expect(back.config).toEqual(m.config);
    expect(back.params).toBeInstanceOf(Float64Array);
    expect(hex(back.params)).toBe(hex(m.params));
    expect(back.dataset).toEqual(m.dataset);
    expect(back.history).toEqual(m.history);
  });

  it('round-trip a checkpoint; uint64 samples comes back as a number', async () => {
    const path = join(dir, 'c.dptckpt');
    const c = checkpoint('float32');
    await writeCheckpointFile(path, c);
    expect((await readFile(path)).subarray(0, 8).toString('latin1')).toBe('DPTCKPT\0');
    const back = await readCheckpointFile(path);
    expect(typeof back.samples).toBe('number');
    expect(back.samples).toBe(c.samples);
    expect(hex(back.params)).toBe(hex(c.params));
    expect({ ...back, params: null }).toEqual({ ...c, params: null });
  });

  it('overwrites an existing file and leaves no temp file behind', async () => {
    const path = join(dir, 'm');
    await writeModelFile(path, model());
    await writeModelFile(path, { ...model(), history: [] });
    expect((await readModelFile(path)).history).toEqual([]);
    expect(await readdir(dir)).toEqual(['m']);
  });
});

describe('reading a bad file fails with ModelFileError naming the problem', () => {
  const good = () => container(encodeModel(model()));

  it('missing file', async () => {
    const path = join(dir, 'nope');
    expect((await fileError(readModelFile(path), path)).message).toMatch(/no such model file/);
  });

  it('a directory', async () => {
    expect((await fileError(readModelFile(dir), dir)).message).toMatch(/cannot read model file/);
  });

  it('too short', async () => {
    const path = join(dir, 'short');
    await writeFile(path, 'DPT');
    expect((await fileError(readModelFile(path), path)).reason).toBe('too short to be a dpt model file (3 bytes)');
  });

  it('wrong magic: a checkpoint passed as a model and vice versa', async () => {
    const path = join(dir, 'c');
    await writeCheckpointFile(path, checkpoint());
    expect((await fileError(readModelFile(path), path)).reason).toBe('this is a dpt checkpoint file, not a dpt model file');
    const mpath = join(dir, 'm');
    await writeModelFile(mpath, model());
    expect((await fileError(readCheckpointFile(mpath), mpath)).reason).toBe('this is a dpt model file, not a dpt checkpoint file');
  });

  it('wrong magic: something else entirely, described', async () => {
    const path = join(dir, 'j');
    await writeFile(path, '{"weights": [1, 2, 3]}');
    expect((await fileError(readModelFile(path), path)).reason).toBe(
      'not a dpt model file: starts with "{\\"weight" (hex 7b22776569676874), looks like JSON',
    );
  });

  it('truncated header', async () => {
    const path = join(dir, 't');
    await writeFile(path, good().subarray(0, 30));
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/^truncated: 30 bytes, shorter than the 56-byte header$/);
  });

  it('version 2 (newer format)', async () => {
    const path = join(dir, 'v2');
    await writeFile(path, container(encodeModel(model()), { version: 2 }));
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/format version 2 is not supported; this dpt reads version 1/);
  });

  it('unknown flags', async () => {
    const path = join(dir, 'f');
    await writeFile(path, container(encodeModel(model()), { flags: 4 }));
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/unknown header flags 0x4/);
  });

  it('truncated payload', async () => {
    const path = join(dir, 'tp');
    const bytes = good();
    await writeFile(path, bytes.subarray(0, bytes.length - 10));
    expect((await fileError(readModelFile(path), path)).reason).toMatch(
      new RegExp(`^truncated: header declares a ${bytes.length - 56}-byte payload but only ${bytes.length - 66} bytes follow$`),
    );
  });

  it('trailing bytes', async () => {
    const path = join(dir, 'tb');
    await writeFile(path, Buffer.concat([good(), Buffer.from([0])]));
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/1 unexpected trailing bytes/);
  });

  it('a flipped payload byte is a checksum mismatch', async () => {
    const path = join(dir, 'flip');
    const bytes = good();
    bytes[bytes.length - 40] ^= 0x01;
    await writeFile(path, bytes);
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/^checksum mismatch: payload is corrupt/);
  });

  it('a flipped checksum byte is a checksum mismatch too', async () => {
    const path = join(dir, 'flip2');
    const bytes = good();
    bytes[30] ^= 0x80;
    await writeFile(path, bytes);
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/^checksum mismatch/);
  });

  it('an intact container around an undecodable payload', async () => {
    const path = join(dir, 'u');
    await writeFile(path, container(Buffer.from([0x12, 0xff, 0x01])));
    expect((await fileError(readModelFile(path), path)).reason).toMatch(/^undecodable model payload: Model: not a valid Model message/);
  });

  it('params whose length does not match config.structure and dtype', async () => {
    const path = join(dir, 'p');
    const m = dpt.Model.decode(encodeModel(model('float64')));
    m.params = m.params.subarray(0, (PARAMS - 1) * 8);
    await writeFile(path, container(dpt.Model.encode(m).finish()));
    expect((await fileError(readModelFile(path), path)).reason).toBe(
      'undecodable model payload: Model: params has 176 bytes but structure [4, 3, 2] in float64 needs 23 values (184 bytes)',
    );
  });
});

describe('atomic writes', () => {
  it('an encoding failure leaves an existing good file untouched and no temp file', async () => {
    const path = join(dir, 'm');
    await writeModelFile(path, model());
    const before = await readFile(path);
    const bad = { ...model('float64'), params: new Float64Array(PARAMS - 1) };
    await expect(writeModelFile(path, bad)).rejects.toThrow(WireError);
    expect(hex(await readFile(path))).toBe(hex(before));
    expect(await readdir(dir)).toEqual(['m']);
  });

  it('a write failure is a ModelFileError and leaves no temp file', async () => {
    const path = join(dir, 'missing-dir', 'm');
    const err = await fileError(writeCheckpointFile(path, checkpoint()), path);
    expect(err.reason).toMatch(/^cannot write checkpoint file: .*ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failed rename cleans up the temp file and keeps the target', async () => {
    // Renaming a file over a non-empty directory fails after the temp file is written.
    const path = join(dir, 'target');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    await fileError(writeModelFile(path, model()), path);
    expect((await readdir(dir)).sort()).toEqual(['target']);
    expect(await readdir(path)).toEqual(['keep']);
  });
});
