import { describe, expect, it } from 'vitest';
import { CeilingProbe, multiplyAddsPerSample, probeFlags } from '../../bench/ceiling.js';

describe('multiplyAddsPerSample', () => {
  it('counts forward, weight-gradient and (after the first layer) input-gradient products', () => {
    // 784-32-10 by hand: forward 784*32 + 32*10 = 25,408; dW the same; dinp of layer 2 only: 320.
    expect(multiplyAddsPerSample([784, 32, 10])).toBe(25_408 + 25_408 + 320);
    // The 102,272 FLOPs per sample count a multiply and an add each.
    expect(2 * multiplyAddsPerSample([784, 32, 10])).toBe(102_272);
    // 784-1024-1024-10: 2*802,816 + 3*1,048,576 + 3*10,240.
    expect(multiplyAddsPerSample([784, 1024, 1024, 10])).toBe(1_605_632 + 3_145_728 + 30_720);
    expect(multiplyAddsPerSample([3, 1])).toBe(6);
  });

  it('rejects a structure that is not a network, naming it', () => {
    expect(() => multiplyAddsPerSample([784])).toThrow(/two or more positive integers, got \[784\]/);
    expect(() => multiplyAddsPerSample([784, 0, 10])).toThrow(/\[784, 0, 10\]/);
    expect(() => multiplyAddsPerSample([784, 2.5])).toThrow(/positive integers/);
  });
});

describe('probeFlags', () => {
  it('never lets the compiler fuse a multiply and an add', () => {
    for (const flags of [probeFlags('x64', 'flags\t\t: fpu sse sse2 avx avx2'), probeFlags('x64', 'flags: sse sse2'), probeFlags('arm64', '')]) {
      expect(flags).toContain('-ffp-contract=off');
      expect(flags).not.toContain('-ffast-math');
    }
  });

  it('uses the AVX encoding exactly when the CPU has AVX, as V8 does', () => {
    expect(probeFlags('x64', 'processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n')).toContain('-mavx');
    expect(probeFlags('x64', 'processor\t: 0\nflags\t\t: fpu sse2 sse4_2\n')).not.toContain('-mavx');
    // avx512f alone is not "avx" as a word, and a model name is not the flags line.
    expect(probeFlags('x64', 'model name\t: has avx\nflags\t\t: sse2 avx512f\n')).not.toContain('-mavx');
  });

  it('says why there is no probe on other architectures', () => {
    expect(probeFlags('riscv64', '')).toMatch(/no 128-bit probe for riscv64/);
  });
});

describe('CeilingProbe', () => {
  const probe = CeilingProbe.build();
  const haveCompiler = typeof probe !== 'string';

  it.skipIf(!haveCompiler)('compiles, runs its verified loop and reports a plausible rate', () => {
    const p = probe as CeilingProbe;
    try {
      const rate = p.run(0.05);
      // Any CPU Node runs on does well over 1e8 and under 1e12 128-bit multiply-adds per second on one core.
      expect(rate).toBeGreaterThan(1e8);
      expect(rate).toBeLessThan(1e12);
    } finally {
      p.close();
    }
  });

  it.skipIf(!haveCompiler)('fails loudly on a bad duration', () => {
    const p = CeilingProbe.build() as CeilingProbe;
    try {
      expect(() => p.run(-1)).toThrow(/SECONDS must be a number/);
    } finally {
      p.close();
    }
  });

  it.skipIf(typeof probeFlags() === 'string')('reports a missing compiler instead of throwing', () => {
    const saved = process.env.CC;
    process.env.CC = '/nonexistent/dpt-test-cc';
    try {
      const r = CeilingProbe.build();
      expect(typeof r === 'string' ? r : 'built').toMatch(/\/nonexistent\/dpt-test-cc could not compile bench\/simd128-ceiling.c/);
    } finally {
      if (saved === undefined) delete process.env.CC;
      else process.env.CC = saved;
    }
  });
});
