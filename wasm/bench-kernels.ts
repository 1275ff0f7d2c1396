// Micro-benchmark: training samples/s of one MNIST 784-32-10 batch of 256
// (forward + backward, sigmoid, squared error) with the JavaScript linear
// kernels and with the WebAssembly SIMD ones, on the same data, and a check
// that both give the same gradient bytes.
//
//   npx tsx wasm/bench-kernels.ts [--dtype float32|float64] [--seconds 3] [--batch 256]
//
// The forward/backward sequence is assembled here by hand from the two
// linear kernels and the project's elementwise kernels, so only the linear
// kernels change between rows. Rows:
//   js           lib/math/linear.ts
//   wasm copy    wasm kernels on ordinary arrays (arguments copied in and out)
//   wasm arena   wasm kernels on arrays from wasmAllocFloat (used in place)

import { createHash } from 'node:crypto';
import { allocFloat, type Float } from '../lib/math/float.js';
import { kernelsFor, type KernelSet } from '../lib/math/kernels.js';
import { paramLayout } from '../lib/math/layout.js';
import { initParams } from '../lib/math/init.js';
import { stream } from '../lib/random/streams.js';
import { loadMnist } from '../lib/data/mnist.js';
import { gatherBatch } from '../lib/train/gather.js';
import { wasmAllocFloat, wasmLinearKernels, type LinearKernels } from '../lib/accel/wasm/index.js';
import type { DType } from '../lib/train/config.js';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const dtype = arg('dtype', 'float32') as DType;
const seconds = Number(arg('seconds', '3'));
const B = Number(arg('batch', '256'));
const STRUCTURE = [784, 32, 10];

interface Net {
  params: Float; grad: Float; x: Float; a1: Float; a2: Float; d1: Float; d2: Float; labels: Uint8Array;
}

function makeNet(alloc: (n: number) => Float): Net {
  const layout = paramLayout(STRUCTURE);
  const net: Net = {
    params: alloc(layout.size), grad: alloc(layout.size), x: alloc(B * 784),
    a1: alloc(B * 32), a2: alloc(B * 10), d1: alloc(B * 32), d2: alloc(B * 10), labels: new Uint8Array(B),
  };
  initParams(net.params, layout, 'xavier', stream(0, 'init', 0));
  const mnist = loadMnist();
  gatherBatch(net.x, net.labels, mnist.train, 784, Array.from({ length: B }, (_, i) => i), 'unit', 255);
  return net;
}

/** One training step; `lin` supplies the linear kernels, `k` everything else. */
function step(lin: LinearKernels, k: KernelSet, n: Net, stats: Float64Array): void {
  const { params: p, grad: g } = n;
  const [W1, b1, W2, b2] = [p.subarray(0, 25088), p.subarray(25088, 25120), p.subarray(25120, 25440), p.subarray(25440, 25450)];
  const [gW1, gb1, gW2, gb2] = [g.subarray(0, 25088), g.subarray(25088, 25120), g.subarray(25120, 25440), g.subarray(25440, 25450)];
  const act = k.activations.sigmoid;
  lin.linearForward(n.a1, n.x, W1, b1, B, 784, 32);
  act.forward(n.a1, B * 32);
  lin.linearForward(n.a2, n.a1, W2, b2, B, 32, 10);
  act.forward(n.a2, B * 10);
  k.squaredErrorBackward(n.d2, n.a2, n.labels, B, 10, stats);
  act.backward(n.d2, n.a2, B * 10);
  lin.linearBackward(n.d1, gW2, gb2, n.d2, n.a1, W2, B, 32, 10);
  act.backward(n.d1, n.a1, B * 32);
  lin.linearBackward(null, gW1, gb1, n.d1, n.x, W1, B, 784, 32);
}

function run(name: string, lin: LinearKernels, net: Net): string {
  const k = kernelsFor(dtype, 'js');
  const stats = new Float64Array(1);
  net.grad.fill(0);
  step(lin, k, net, stats);
  const digest = createHash('sha256').update(new Uint8Array(net.grad.buffer, net.grad.byteOffset, net.grad.byteLength)).digest('hex');
  for (let i = 0; i < 20; i++) step(lin, k, net, stats); // warm-up: let V8 tier up
  // Windows of ~0.2 s: the best one estimates the uncontended speed (other
  // processes on a 2-core machine only ever slow a window down), the median
  // the typical one.
  const rates: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const t0 = performance.now();
    let samples = 0;
    while (performance.now() - t0 < 200) {
      step(lin, k, net, stats);
      samples += B;
    }
    rates.push(samples / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  const fmt = (r: number): string => Math.round(r).toLocaleString('en-US').padStart(9);
  console.log(`${name.padEnd(11)} best ${fmt(rates[rates.length - 1])}  median ${fmt(rates[rates.length >> 1])} samples/s   grad sha256 ${digest.slice(0, 16)}`);
  return digest;
}

const wasm = wasmLinearKernels(dtype);
if (wasm === null) throw new Error('WebAssembly SIMD is not available in this engine');
const js = kernelsFor(dtype, 'js');
console.log(`MNIST 784-32-10, batch ${B}, ${dtype}, ${seconds} s per row`);
const digests = [
  run('js', js, makeNet((n) => allocFloat(dtype, n))),
  run('wasm copy', wasm, makeNet((n) => allocFloat(dtype, n))),
  run('wasm arena', wasm, makeNet((n) => wasmAllocFloat(dtype, n))),
];
console.log(digests.every((d) => d === digests[0]) ? 'gradients: identical bytes' : 'gradients: DIFFER');
