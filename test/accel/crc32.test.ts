// The native addon's CRC-32 (native/crc32.c: PCLMULQDQ folding, table for
// the rest) must be zlib's function: every message checksum a process writes
// is checked by another that may compute it differently. Against the table
// reference on every length from 0 to 300 at every offset 0..15 (the folding
// starts at 64 bytes and works in 16-byte blocks), and on large buffers.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeAvailable, nativeCrc32 } from '../../lib/accel/native/native-kernels.js';
import { crc32, crc32Table, useCrc32 } from '../../lib/wire/tensors.js';

/** Whether this CPU has PCLMULQDQ (Linux x64; elsewhere unknown). */
function cpuHasPclmul(): boolean | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  return /\bpclmulqdq\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
}

describe.skipIf(!nativeAvailable())('native crc32', () => {
  const native = nativeCrc32();
  afterAll(() => useCrc32(null));

  it('is used wherever the CPU has PCLMULQDQ', () => {
    const has = cpuHasPclmul();
    if (has !== null) expect(native !== null).toBe(has);
  });

  it.skipIf(native === null)('equals the table reference at every length to 300 and every offset to 15, and on large buffers', () => {
    const data = randomBytes(300 + 16);
    for (let off = 0; off < 16; off++) {
      for (let n = 0; n <= 300; n++) {
        const b = data.subarray(off, off + n);
        if (native!(b) !== crc32Table(b)) expect.fail(`length ${n}, offset ${off}: ${native!(b)} != ${crc32Table(b)}`);
      }
    }
    for (const n of [4096, 101800, 7_454_760 + 13]) {
      const b = randomBytes(n);
      expect(native!(b), String(n)).toBe(crc32Table(b));
    }
    expect(native!(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it.skipIf(native === null)('is what crc32() uses once handed over, and refuses what is not a Uint8Array', () => {
    useCrc32(native);
    const b = randomBytes(1000);
    expect(crc32(b)).toBe(crc32Table(b));
    expect(() => native!(new Float32Array(4) as unknown as Uint8Array)).toThrow(TypeError);
  });
});
