// The 128-bit bound: how fast any kernel that keeps dpt's bits with 128-bit
// SIMD vectors (as WebAssembly's fixed-width SIMD is) could train on this
// CPU, if it did nothing but the network's multiply-adds at the rate the
// CPU sustains for separate 128-bit multiplies and adds
// (bench/simd128-ceiling.c, compiled here with the system C compiler).
// Next to numpy, it says which "vs numpy" a WebAssembly kernel can reach on
// this machine at all.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Multiply-adds of one training sample's forward and backward pass through
 * a dense network: per layer C*OC for the forward product and C*OC for the
 * weight gradient, and C*OC for the input gradient of every layer but the
 * first (nothing consumes the first layer's). 784-32-10: 51,136, the
 * issue's 102,272 FLOPs counting a multiply and an add each.
 */
export function multiplyAddsPerSample(structure: readonly number[]): number {
  if (structure.length < 2 || structure.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`multiplyAddsPerSample: structure must be two or more positive integers, got [${structure.join(', ')}]`);
  }
  let total = 0;
  for (let l = 0; l + 1 < structure.length; l++) {
    const perProduct = structure[l] * structure[l + 1];
    total += (l === 0 ? 2 : 3) * perProduct;
  }
  return total;
}

/** Compiler flags for the probe on this machine, or why there are none. */
export function probeFlags(machine = arch(), cpuinfo = readCpuinfo()): string[] | string {
  const base = ['-O2', '-ffp-contract=off'];
  if (machine === 'arm64') return base;
  if (machine !== 'x64') return `no 128-bit probe for ${machine}`;
  // V8 emits the three-operand AVX forms of wasm's 128-bit operations
  // where the CPU has AVX; the two-operand SSE forms need register copies
  // (24 % slower here). The probe runs what V8 would.
  return /^flags\s*:.*\bavx\b/m.test(cpuinfo) ? [...base, '-mavx'] : base;
}

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

/** The probe, compiled into a temporary folder. */
export class CeilingProbe {
  private constructor(private readonly dir: string, private readonly binary: string, readonly compiler: string, readonly flags: string[]) {}

  /** Compiles the probe with $CC (else cc), or says why it cannot. */
  static build(): CeilingProbe | string {
    const flags = probeFlags();
    if (typeof flags === 'string') return flags;
    const compiler = process.env.CC || 'cc';
    const source = fileURLToPath(new URL('./simd128-ceiling.c', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'dpt-bench-ceiling-'));
    const binary = join(dir, 'simd128-ceiling');
    const r = spawnSync(compiler, [...flags, '-o', binary, source], { encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(binary)) {
      rmSync(dir, { recursive: true, force: true });
      const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ');
      return `${compiler} could not compile bench/simd128-ceiling.c (${why || `exit ${r.status}`})`;
    }
    return new CeilingProbe(dir, binary, compiler, flags);
  }

  /** Multiply-adds per second over about `seconds`; throws when the probe fails or its results are wrong. */
  run(seconds: number): number {
    const r = spawnSync(this.binary, [String(seconds)], { encoding: 'utf8' });
    let out: { multiplyAddsPerSecond?: unknown; verified?: unknown } = {};
    try {
      out = JSON.parse(r.stdout) as typeof out;
    } catch {
      // reported below
    }
    if (r.status !== 0 || out.verified !== true || typeof out.multiplyAddsPerSecond !== 'number') {
      throw new Error(`simd128-ceiling failed (exit ${r.status}): ${(r.stdout + r.stderr).trim().slice(0, 300)}`);
    }
    return out.multiplyAddsPerSecond;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
