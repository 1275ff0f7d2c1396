// Where the sigmoid runs: TypeScript vs C / WebAssembly, with the linear
// kernels of the same implementation, on the MNIST network's training pass
// (784-32-10, sigmoid, squared error, batch 256, single-threaded): samples/s
// of forward + backward. Every row must produce the same gradient bytes
// (checked), so the rows differ by speed alone.
//
//   npx tsx native/bench-sigmoid.ts [--batch 256] [--seconds 2] [--dtype float32|float64]

import { kernelsFor } from '../lib/math/kernels.js';
import { allocFloat, type Float } from '../lib/math/float.js';
import type { ActivationKernels } from '../lib/math/activation.js';
import type { DType } from '../lib/train/config.js';
import type { linearBackward, linearForward } from '../lib/math/linear.js';
import { nativeLinearKernels, nativeSigmoidKernels } from '../lib/accel/native/native-kernels.js';
import { wasmAllocFloat, wasmAvailable, wasmLinearKernels, wasmSigmoidKernels } from '../lib/accel/wasm/index.js';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const B = Number(opt('batch', '256'));
const SECONDS = Number(opt('seconds', '2'));
const DTYPES: DType[] = args.includes('--dtype') ? [opt('dtype', 'float32') as DType] : ['float32', 'float64'];
const [C0, H, O] = [784, 32, 10];

interface Linear {
  linearForward: typeof linearForward;
  linearBackward: typeof linearBackward;
}

function seeded(a: Float, seed: number, scale: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 2 ** 32 - 0.5) * scale;
  }
}

function run(dtype: DType, lin: Linear, sig: ActivationKernels, alloc: (dtype: DType, n: number) => Float): { sps: number; sha: string } {
  const mk = (n: number, seed: number, scale: number): Float => {
    const a = alloc(dtype, n);
    if (seed) seeded(a, seed, scale);
    return a;
  };
  const x = mk(B * C0, 1, 2), W1 = mk(H * C0, 2, 0.1), b1 = mk(H, 3, 0.1), W2 = mk(O * H, 4, 0.5), b2 = mk(O, 5, 0.1);
  const y = mk(B * O, 6, 1);
  const a1 = mk(B * H, 0, 0), a2 = mk(B * O, 0, 0), d1 = mk(B * H, 0, 0), d2 = mk(B * O, 0, 0);
  const dW1 = mk(H * C0, 0, 0), db1 = mk(H, 0, 0), dW2 = mk(O * H, 0, 0), db2 = mk(O, 0, 0);
  const step = (): void => {
    lin.linearForward(a1, x, W1, b1, B, C0, H);
    sig.forward(a1, B * H);
    lin.linearForward(a2, a1, W2, b2, B, H, O);
    sig.forward(a2, B * O);
    for (let i = 0; i < B * O; i++) d2[i] = a2[i] - y[i]; // same loop in every row
    sig.backward(d2, a2, B * O);
    lin.linearBackward(d1, dW2, db2, d2, a1, W2, B, H, O);
    sig.backward(d1, a1, B * H);
    lin.linearBackward(null, dW1, db1, d1, x, W1, B, C0, H);
  };
  step();
  const h = createHash('sha256');
  for (const g of [dW1, db1, dW2, db2]) h.update(new Uint8Array(g.buffer, g.byteOffset, g.byteLength));
  const sha = h.digest('hex').slice(0, 16);
  for (let i = 0; i < 20; i++) step(); // warm up
  let steps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < SECONDS * 1000) {
    for (let i = 0; i < 10; i++) step();
    steps += 10;
    t = performance.now();
  }
  return { sps: (steps * B) / ((t - t0) / 1000), sha };
}

for (const dtype of DTYPES) {
  const jsSig = kernelsFor(dtype, 'js').activations.sigmoid;
  const rows: [string, Linear | null, ActivationKernels | null, (d: DType, n: number) => Float][] = [
    ['native linear + TS sigmoid', nativeLinearKernels(dtype), jsSig, allocFloat],
    ['native linear + C sigmoid', nativeLinearKernels(dtype), nativeSigmoidKernels(dtype), allocFloat],
  ];
  if (wasmAvailable()) {
    rows.push(
      ['wasm linear + TS sigmoid', wasmLinearKernels(dtype), jsSig, wasmAllocFloat],
      ['wasm linear + wasm sigmoid', wasmLinearKernels(dtype), wasmSigmoidKernels(dtype), wasmAllocFloat],
    );
  }
  console.log(`\n${dtype}, batch ${B}, ${SECONDS}s per row`);
  let base = 0;
  for (const [name, lin, sig, alloc] of rows) {
    if (!lin || !sig) {
      console.log(`  ${name.padEnd(30)} not available`);
      continue;
    }
    const r = run(dtype, lin, sig, alloc);
    if (name.endsWith('TS sigmoid')) base = r.sps;
    const vs = name.endsWith('TS sigmoid') ? '' : `  x${(r.sps / base).toFixed(2)}`;
    console.log(`  ${name.padEnd(30)} ${Math.round(r.sps).toString().padStart(8)} samples/s  grad ${r.sha}${vs}`);
  }
}
