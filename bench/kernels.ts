// Kernel throughput: training samples per second on one core (forward +
// backward of a whole batch, no I/O), for each kernel implementation, on
// the same inputs in the same process.

import { selectKernels, type KernelImpl } from '../lib/math/kernels.js';
import { paramLayout } from '../lib/math/layout.js';
import { backward, Workspace } from '../lib/math/network.js';
import { initParams } from '../lib/math/init.js';
import { stream } from '../lib/random/streams.js';
import { loadMnist } from '../lib/data/mnist.js';
import { gatherBatch } from '../lib/train/gather.js';

export interface KernelResult {
  impl: KernelImpl;
  structure: number[];
  batch: number;
  samplesPerSecond: number;
}

export function benchKernel(impl: KernelImpl, structure: number[], batch: number, seconds: number): KernelResult {
  selectKernels(impl);
  try {
    const layout = paramLayout(structure);
    const params = new Float32Array(layout.size);
    initParams(params, layout, 'xavier', stream(0, 'init', 0));
    const grad = new Float32Array(layout.size);
    const ws = new Workspace(layout, batch, params);
    const labels = new Uint8Array(batch);
    const mnist = loadMnist();
    gatherBatch(ws.input, labels, mnist.train, 784, Array.from({ length: batch }, (_, i) => i), 'unit', 255);
    const net = { layout, activation: 'sigmoid', loss: 'squared' } as const;
    backward(net, params, grad, ws, labels, batch); // warm-up: compile the kernels
    let samples = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      backward(net, params, grad, ws, labels, batch);
      samples += batch;
    }
    return { impl, structure, batch, samplesPerSecond: samples / ((performance.now() - started) / 1000) };
  } finally {
    selectKernels('js');
  }
}
