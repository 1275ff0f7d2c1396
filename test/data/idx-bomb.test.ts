// Issue 17: an IDX file is read and inflated only as far as its header says
// it goes. A gzip bomb (a few MB that inflate to gigabytes) is refused within
// a second, without the gigabytes, and so is a header describing more than
// dpt reads from one file, gzipped or raw.
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { MAX_IDX_BYTES, readIdxFile } from '../../lib/data/idx.js';
import { loadIdxFolder } from '../../lib/data/idx-folder.js';
import { encodeIdx, expectDataError, tempDir, writeFile } from './idx-helpers.js';

const dir = tempDir();
const ZEROS_64MB = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

/**
 * `header` gzipped, followed by `gigabytes` GB of zeros: gzip members
 * concatenated make one valid gzip stream (gunzip reads them all), so a 3 GB
 * bomb is ~3 MB on disk, built in no time.
 */
function bomb(name: string, header: Uint8Array, gigabytes: number): string {
  const parts = [gzipSync(header), ...Array.from({ length: gigabytes * 16 }, () => ZEROS_64MB)];
  return writeFile(dir, name, Buffer.concat(parts));
}

/** Runs `fn`, returning how long it took and how much the process grew meanwhile (rss). */
function measured(fn: () => unknown): { ms: number; grewMb: number } {
  const rss = process.memoryUsage.rss();
  const started = performance.now();
  fn();
  return { ms: performance.now() - started, grewMb: (process.memoryUsage.rss() - rss) / 2 ** 20 };
}

describe('readIdxFile against oversized input', () => {
  it('refuses a 3 GB gzip bomb whose header claims 10 small samples, in well under a second', () => {
    // A valid header and data for dims [10, 10] (112 bytes), then 3 GB of zeros.
    const file = bomb('bomb-images-idx3-ubyte.gz', encodeIdx(0x08, [10, 10], new Array(100).fill(7)), 3);
    expect(ZEROS_64MB.length * 48).toBeLessThan(4 * 2 ** 20);
    const { ms, grewMb } = measured(() => expectDataError(() => readIdxFile(file), file,
      /^inflates to more than the 112 bytes its header \(dims \[10, 10\] of ubyte\) describes \(\d+ bytes of gzip data\): trailing data, or a gzip bomb; refused$/));
    expect(ms).toBeLessThan(1000);
    expect(grewMb).toBeLessThan(200);
  });

  it('refuses a gzip stream whose header describes more than the limit before inflating its data', () => {
    // dims [100000, 100000] of ubyte: 10 GB.
    const file = bomb('huge-header.gz', encodeIdx(0x08, [100000, 100000], []), 1);
    const { ms } = measured(() => expectDataError(() => readIdxFile(file), file,
      new RegExp(`^its header \\(dims \\[100000, 100000\\] of ubyte\\) describes 10000000012 bytes, more than the ${MAX_IDX_BYTES} bytes dpt reads from one IDX file$`)));
    expect(ms).toBeLessThan(500);
    // The limit is a parameter: a header within it but a file past it is cut off where the header says.
    const small = writeFile(dir, 'small-limit.gz', encodeIdx(0x0d, [1000, 100], new Array(100_000).fill(0.5)), true);
    expectDataError(() => readIdxFile(small, 100_000), small, /describes 400012 bytes, more than the 100000 bytes/);
  });

  it('refuses a raw file past the limit, or with gigabytes after its data, without reading it', () => {
    const sparse = (name: string, header: Uint8Array, size: number) => {
      const path = join(dir, name);
      const fd = openSync(path, 'w');
      writeSync(fd, header);
      ftruncateSync(fd, size); // sparse: no disk used, nothing to read quickly
      closeSync(fd);
      return path;
    };
    const huge = sparse('raw-huge', encodeIdx(0x0e, [1 << 20, 1 << 10], []), 4096);
    expectDataError(() => readIdxFile(huge), huge, /describes 8589934604 bytes, more than the \d+ bytes dpt reads/);
    const padded = sparse('raw-padded', encodeIdx(0x08, [2, 2], [1, 2, 3, 4]), 3 * 2 ** 30);
    const { ms } = measured(() => expectDataError(() => readIdxFile(padded), padded, /^3221225456 trailing bytes: dims \[2, 2\] of ubyte need 16 bytes/));
    expect(ms).toBeLessThan(500);
  });

  it('still reads gzip files whose IDX header comes late in the stream, and reports corrupt ones', () => {
    // A gzip header carrying a 5,000-byte file name (FLG.FNAME): the IDX header comes out only after several prefixes.
    const values = Array.from({ length: 3000 }, (_, i) => i % 256);
    const plain = gzipSync(encodeIdx(0x08, [3, 1000], values));
    const head = Buffer.from(plain.subarray(0, 10));
    head[3] |= 0x08;
    const file = writeFile(dir, 'named.gz', Buffer.concat([head, Buffer.alloc(5000, 'n'), Buffer.from([0]), plain.subarray(10)]));
    const read = readIdxFile(file);
    expect(read.dims).toEqual([3, 1000]);
    expect(Array.from(read.data.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    const gz = gzipSync(encodeIdx(0x08, [2, 2], [1, 2, 3, 4]));
    gz[12] ^= 0xff;
    const corrupt = writeFile(dir, 'corrupt.gz', gz);
    expectDataError(() => readIdxFile(corrupt), corrupt, /corrupt gzip data|bad IDX magic|unknown IDX dtype|truncated/);
  });

  it('dpt train --dataset with a bombed folder: exit 2 within a second, naming the file', async () => {
    const folder = join(dir, 'bombed');
    mkdirSync(folder);
    const images = bomb('bombed/train-images-idx3-ubyte.gz', encodeIdx(0x08, [2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]), 3);
    writeFileSync(join(folder, 'train-labels-idx1-ubyte'), encodeIdx(0x08, [2], [0, 1]));
    writeFileSync(join(folder, 't10k-images-idx3-ubyte'), encodeIdx(0x08, [1, 2, 2], [0, 1, 2, 3]));
    writeFileSync(join(folder, 't10k-labels-idx1-ubyte'), encodeIdx(0x08, [1], [1]));
    expectDataError(() => loadIdxFolder(folder), images, /gzip bomb/);
    const err: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
    const started = performance.now();
    try {
      expect(await main(['node', 'dpt', 'train', '--dataset', folder, '--structure', '4,2', '--out', join(dir, 'out')])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err).toEqual([expect.stringMatching(new RegExp(`^dpt: error: ${images}: inflates to more than the 24 bytes`))]);
  });
});
