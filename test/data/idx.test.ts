import { describe, it, expect, afterAll } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseIdx, readIdxFile } from '../../lib/data/idx.js';
import { encodeIdx, expectDataError, tempDir, writeFile } from './idx-helpers.js';

const F = 'test.idx';
const header = (dtype: number, ...dims: number[]) => [0, 0, dtype, dims.length, ...dims.flatMap((d) => [d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255])];
const parse = (bytes: number[]) => parseIdx(new Uint8Array(bytes), F);

describe('parseIdx, hand-written bytes', () => {
  it('ubyte', () => {
    const r = parse([...header(0x08, 3), 1, 2, 255]);
    expect(r.dtype).toBe('ubyte');
    expect(r.dims).toEqual([3]);
    expect(r.data).toBeInstanceOf(Uint8Array);
    expect([...r.data]).toEqual([1, 2, 255]);
  });

  it('sbyte', () => {
    const r = parse([...header(0x09, 3), 0x7f, 0xff, 0x80]);
    expect(r.dtype).toBe('sbyte');
    expect(r.data).toBeInstanceOf(Int8Array);
    expect([...r.data]).toEqual([127, -1, -128]);
  });

  it('int16 is big-endian', () => {
    const r = parse([...header(0x0b, 2), 0x01, 0x02, 0xff, 0xfe]);
    expect(r.dtype).toBe('int16');
    expect(r.data).toBeInstanceOf(Int16Array);
    expect([...r.data]).toEqual([0x0102, -2]);
  });

  it('int32 is big-endian', () => {
    const r = parse([...header(0x0c, 2), 0x00, 0x01, 0x00, 0x00, 0xff, 0xff, 0xff, 0xfe]);
    expect(r.dtype).toBe('int32');
    expect(r.data).toBeInstanceOf(Int32Array);
    expect([...r.data]).toEqual([65536, -2]);
  });

  it('float32 is big-endian', () => {
    const r = parse([...header(0x0d, 2), 0x3f, 0x80, 0, 0, 0xc0, 0x49, 0x0f, 0xdb]);
    expect(r.dtype).toBe('float32');
    expect(r.data).toBeInstanceOf(Float32Array);
    expect([...r.data]).toEqual([1, Math.fround(-Math.PI)]);
  });

  it('float64 is big-endian', () => {
    const r = parse([...header(0x0e, 2), 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18]);
    expect(r.dtype).toBe('float64');
    expect(r.data).toBeInstanceOf(Float64Array);
    expect([...r.data]).toEqual([1, Math.PI]);
  });

  it('multi-dim data is row-major with dims as stored', () => {
    const r = parse([...header(0x08, 2, 3), 1, 2, 3, 4, 5, 6]);
    expect(r.dims).toEqual([2, 3]);
    expect([...r.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('large dims are read as unsigned 32-bit', () => {
    // 0x80000001 samples would be negative if read as int32: the reader must
    // see a huge (truncated) file, not a negative dim.
    expectDataError(() => parse([...header(0x08, 0x80000001)]), F, /truncated: dims \[2147483649\] of ubyte need 2147483657 bytes, got 8/);
  });

  it('copies data out of a shared buffer at an odd offset', () => {
    const file = encodeIdx(0x0b, [2], [300, -300]);
    const padded = new Uint8Array(file.length + 1);
    padded.set(file, 1);
    const r = parseIdx(padded.subarray(1), F);
    expect([...r.data]).toEqual([300, -300]);
    expect(r.data.byteOffset).toBe(0);
    expect(r.data.buffer).not.toBe(padded.buffer);
  });
});

describe('parseIdx round-trips every dtype through the test writer', () => {
  const cases: [number, string, number[]][] = [
    [0x08, 'ubyte', [0, 1, 128, 255, 7, 9]],
    [0x09, 'sbyte', [-128, -1, 0, 1, 127, 5]],
    [0x0b, 'int16', [-32768, -1, 0, 1, 32767, 1000]],
    [0x0c, 'int32', [-2147483648, -1, 0, 1, 2147483647, 123456789]],
    [0x0d, 'float32', [-1.5, 0, 0.25, 3, Math.fround(0.1), Math.fround(1e30)]],
    [0x0e, 'float64', [-1.5, 0, 0.1, Math.E, 1e-300, 1e300]],
  ];
  for (const [code, dtype, values] of cases) {
    it(dtype, () => {
      const r = parseIdx(encodeIdx(code, [2, 3], values), F);
      expect(r.dtype).toBe(dtype);
      expect(r.dims).toEqual([2, 3]);
      expect([...r.data]).toEqual(values);
    });
  }
});

describe('parseIdx rejects malformed files, naming the file and the problem', () => {
  const good = [...header(0x08, 2, 2), 1, 2, 3, 4];

  it('truncated data', () => {
    expectDataError(() => parse(good.slice(0, -1)), F, /truncated: dims \[2, 2\] of ubyte need 16 bytes, got 15/);
  });
  it('truncated header', () => {
    expectDataError(() => parse(good.slice(0, 6)), F, /truncated IDX header: 2 dims need 12 bytes, got 6/);
    expectDataError(() => parse([0, 0]), F, /too short .*expected at least 4 bytes, got 2/);
    expectDataError(() => parse([]), F, /got 0/);
  });
  it('trailing bytes', () => {
    expectDataError(() => parse([...good, 0, 0]), F, /2 trailing bytes: .*need 16 bytes, got 18/);
  });
  it('wrong magic', () => {
    expectDataError(() => parse([1, 0, ...good.slice(2)]), F, /bad IDX magic: first two bytes are 0x01 0x00/);
  });
  it('unknown dtype', () => {
    expectDataError(() => parse([0, 0, 0x0a, ...good.slice(3)]), F, /unknown IDX dtype byte 0x0a/);
  });
  it('zero ndims', () => {
    expectDataError(() => parse([0, 0, 0x08, 0]), F, /0 dims/);
  });
  it('a zero dim', () => {
    expectDataError(() => parse(header(0x08, 3, 0)), F, /dim 1 is 0 \(dims \[3, 0\]\)/);
  });
  it('dims too large to count', () => {
    expectDataError(() => parse(header(0x0e, 0xffffffff, 0xffffffff, 0xffffffff)), F, /impossibly large/);
  });
});

describe('readIdxFile', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = encodeIdx(0x0b, [2, 2], [1, -2, 300, -32768]);

  it('reads a raw file', () => {
    const r = readIdxFile(writeFile(dir, 'raw.idx', bytes));
    expect(r.dims).toEqual([2, 2]);
    expect([...r.data]).toEqual([1, -2, 300, -32768]);
  });

  it('detects gzip by its magic, not by the name', () => {
    expect([...readIdxFile(writeFile(dir, 'zipped-without-suffix', bytes, true)).data]).toEqual([1, -2, 300, -32768]);
    expect([...readIdxFile(writeFile(dir, 'zipped.gz', bytes, true)).data]).toEqual([1, -2, 300, -32768]);
    expect([...readIdxFile(writeFile(dir, 'not-zipped.gz', bytes)).data]).toEqual([1, -2, 300, -32768]);
  });

  it('reports format errors inside a gzip file against the file path', () => {
    const path = writeFile(dir, 'short.gz', bytes.subarray(0, bytes.length - 2), true);
    expectDataError(() => readIdxFile(path), path, /truncated: dims \[2, 2\] of int16 need 20 bytes, got 18/);
  });

  it('corrupt gzip', () => {
    const zipped = gzipSync(bytes);
    const path = writeFile(dir, 'corrupt.gz', zipped.subarray(0, zipped.length - 6));
    expectDataError(() => readIdxFile(path), path, /corrupt gzip data/);
  });

  it('missing file', () => {
    const path = join(dir, 'nope-idx1-ubyte');
    expectDataError(() => readIdxFile(path), path, /file not found/);
  });

  it('a folder instead of a file', () => {
    expectDataError(() => readIdxFile(dir), dir, /cannot read: .*EISDIR/);
  });
});
