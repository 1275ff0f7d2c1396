// The ONNX export run by an independent engine: onnxruntime-node executes
// the exported graph of a trained MNIST model on all 10,000 test images
// (raw pixels in; the graph scales them) and must agree with dpt's own
// predictions: the same class for every image, every output within 1e-5
// (float32). The same for a float64 relu / cross-entropy model (softmax
// output) and a parity model (raw inputs, no Div node). The graph's
// structure and initializers are checked by decoding the ModelProto.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { exportCommand } from '../../cli/export-command.js';
import { trainCommand } from '../../cli/train-command.js';
import type { Dataset } from '../../lib/data/dataset.js';
import { loadDataset } from '../../lib/data/load-dataset.js';
import { ONNX_IR_VERSION, ONNX_OPSET, onnxModelType } from '../../lib/export/onnx.js';
import type { Float } from '../../lib/math/float.js';
import { paramLayout } from '../../lib/math/layout.js';
import { probabilities, Workspace, type NetSpec } from '../../lib/math/network.js';
import { gatherBatch, ModelContext } from '../../lib/train/model-context.js';
import { readModelFile } from '../../lib/wire/files.js';
import { joinParts, paramsSha256 } from '../../lib/wire/tensors.js';
import type { Model } from '../../lib/wire/types.js';
import { tempDir } from '../helpers/temp-files.js';

const dir = tempDir('export-onnx');

interface Case {
  model: Model;
  onnx: string;
  dataset: Dataset;
}

const cases: Record<string, Case> = {};
const sessions: ort.InferenceSession[] = [];

async function trainAndExport(name: string, flags: Parameters<typeof trainCommand>[0]): Promise<Case> {
  const out = join(dir, name);
  await trainCommand({ ...flags, workers: '0', out, quiet: true });
  const model = await readModelFile(join(out, 'model.dpt'));
  const onnx = (await exportCommand(join(out, 'model.dpt'), { format: 'onnx', quiet: true })).out;
  return { model, onnx, dataset: loadDataset(model.config.dataset) };
}

beforeAll(async () => {
  cases.mnist = await trainAndExport('mnist', { preset: 'mnist', maxSteps: '300', testLimit: '1000' });
  cases.softmax64 = await trainAndExport('mnist-relu-ce-f64', {
    preset: 'mnist', activation: 'relu', loss: 'cross-entropy', dtype: 'float64', eta: '0.1', maxSteps: '100', testLimit: '500',
  });
  cases.parity = await trainAndExport('parity', { preset: 'parity', epochs: '50' });
}, 120_000);

afterAll(async () => {
  for (const s of sessions) await s.release();
});

/** dpt's outputs for every sample of the test set: `dpt predict`'s values (lib/math/network.ts probabilities). */
function dptOutputs({ model, dataset }: Case): Float {
  const { config, params } = model;
  const net: NetSpec = { layout: paramLayout(config.structure), activation: config.activation, loss: config.loss };
  const test = dataset.test;
  const K = dataset.numClasses;
  const chunk = 1000;
  const ws = new Workspace(net.layout, chunk, params);
  const out = config.dtype === 'float32' ? new Float32Array(test.count * K) : new Float64Array(test.count * K);
  const labels = new Uint8Array(chunk);
  for (let start = 0; start < test.count; start += chunk) {
    const n = Math.min(chunk, test.count - start);
    const idx = Array.from({ length: n }, (_, r) => start + r);
    gatherBatch(ws.input, labels, test, dataset.inputSize, idx, config.inputScaling, dataset.maxValue);
    out.set(probabilities(net, params, ws, n).subarray(0, n * K), start * K);
  }
  return out;
}

/** onnxruntime's outputs for every sample of the test set, fed raw input values. */
async function ortOutputs({ model, onnx, dataset }: Case): Promise<Float> {
  const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  sessions.push(session);
  expect(session.inputNames).toEqual(['input']);
  expect(session.outputNames).toEqual(['output']);
  const test = dataset.test;
  const input = model.config.dtype === 'float32' ? Float32Array.from(test.inputs) : Float64Array.from(test.inputs);
  const result = await session.run({ input: new ort.Tensor(model.config.dtype, input, [test.count, dataset.inputSize]) });
  const output = result.output;
  expect(output.dims).toEqual([test.count, dataset.numClasses]);
  return output.data as Float;
}

/** Index of the first largest value of each row, as ModelContext.predict picks it. */
function argmaxRows(out: Float, K: number): Uint8Array {
  const classes = new Uint8Array(out.length / K);
  for (let r = 0; r < classes.length; r++) {
    let best = 0;
    for (let j = 1; j < K; j++) if (out[r * K + j] > out[r * K + best]) best = j;
    classes[r] = best;
  }
  return classes;
}

async function compare(c: Case, tolerance: number): Promise<void> {
  const K = c.dataset.numClasses;
  const ours = dptOutputs(c);
  const theirs = await ortOutputs(c);
  expect(theirs.constructor).toBe(ours.constructor);
  expect(theirs.length).toBe(ours.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
  expect(worst).toBeLessThanOrEqual(tolerance);
  const predicted = new ModelContext({ ...c.model.config, testLimit: 0 }, c.dataset).predict(c.model.params, c.dataset.test);
  const fromOnnx = argmaxRows(theirs, K);
  const differ = [...predicted.keys()].filter((i) => predicted[i] !== fromOnnx[i]);
  expect(differ, `samples whose ONNX class differs from dpt's: ${differ.slice(0, 10).join(', ')}`).toEqual([]);
  expect(predicted.length).toBe(c.dataset.test.count);
}

describe('onnxruntime runs the exported graph', () => {
  it('mnist (784-32-10 sigmoid, float32, unit scaling): all 10,000 test images, same class, outputs within 1e-5', async () => {
    expect(cases.mnist.dataset.test.count).toBe(10_000);
    await compare(cases.mnist, 1e-5);
  });

  it('mnist relu / cross-entropy, float64: softmax probabilities within 1e-10, same class on all 10,000', async () => {
    await compare(cases.softmax64, 1e-10);
  });

  it('parity (raw inputs, no scaling): same outputs and classes', async () => {
    await compare(cases.parity, 1e-5);
  });
});

describe('the ModelProto', () => {
  const decode = (file: string) => onnxModelType().toObject(onnxModelType().decode(readFileSync(file)), { longs: Number, bytes: Array, arrays: true }) as {
    irVersion: number; opsetImport: { domain?: string; version: number }[]; producerName: string; docString: string;
    metadataProps: { key: string; value: string }[];
    graph: {
      node: { opType: string; input: string[]; output: string[]; attribute?: { name: string; i: number }[] }[];
      initializer: { name: string; dims: number[]; dataType: number; rawData: number[] }[];
      input: { name: string; type: { tensorType: { elemType: number; shape: { dim: { dimParam?: string; dimValue?: number }[] } } } }[];
      output: { name: string; type: { tensorType: { elemType: number; shape: { dim: { dimParam?: string; dimValue?: number }[] } } } }[];
    };
  };

  it('mnist: ir_version 8, opset 13, Div then Gemm + Sigmoid per layer, the parameters as initializers', () => {
    const { model, onnx } = cases.mnist;
    const m = decode(onnx);
    expect(m.irVersion).toBe(ONNX_IR_VERSION);
    expect(ONNX_IR_VERSION).toBe(8);
    expect(m.opsetImport).toEqual([{ version: ONNX_OPSET }]); // domain '' (the default domain) is proto3's default, so not on the wire
    expect(ONNX_OPSET).toBe(13);
    expect(m.producerName).toBe('dpt');
    const g = m.graph;
    expect(g.node.map((n) => `${n.opType}(${n.input.join(', ')}) -> ${n.output.join(', ')}`)).toEqual([
      'Div(input, max_value) -> scaled',
      'Gemm(scaled, layers.0.weight, layers.0.bias) -> layers.0.z',
      'Sigmoid(layers.0.z) -> layers.0.a',
      'Gemm(layers.0.a, layers.1.weight, layers.1.bias) -> layers.1.z',
      'Sigmoid(layers.1.z) -> output',
    ]);
    for (const n of g.node.filter((x) => x.opType === 'Gemm')) expect(n.attribute).toEqual([{ name: 'transB', type: 2, i: 1 }]);
    expect(g.initializer.map((t) => [t.name, t.dims, t.dataType])).toEqual([
      ['layers.0.weight', [32, 784], 1], ['layers.0.bias', [32], 1], ['layers.1.weight', [10, 32], 1], ['layers.1.bias', [10], 1], ['max_value', [], 1],
    ]);
    const weights = g.initializer.filter((t) => t.name !== 'max_value').map((t) => Uint8Array.from(t.rawData));
    expect(paramsSha256(new Float32Array(joinParts(weights).buffer))).toBe(paramsSha256(model.params));
    expect(new Float32Array(Uint8Array.from(g.initializer[4].rawData).buffer)[0]).toBe(255);
    expect(g.input).toEqual([{ name: 'input', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 784 }] } } } }]);
    expect(g.output).toEqual([{ name: 'output', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 10 }] } } } }]);
    expect(Object.fromEntries(m.metadataProps.map((p) => [p.key, p.value]))).toEqual({
      structure: '784,32,10', activation: 'sigmoid', loss: 'squared', dtype: 'float32', inputScaling: 'unit', dataset: 'mnist',
      paramsSha256: paramsSha256(model.params), producer: 'dpt', maxValue: '255',
    });
    expect(m.docString).toMatch(/input \[N, 784\]: raw feature values; the graph divides them by max_value \(255\)/);
  });

  it('cross-entropy: Softmax(axis=1) on the output layer, DOUBLE tensors; raw scaling: no Div', () => {
    const ce = decode(cases.softmax64.onnx).graph;
    expect(ce.node.map((n) => n.opType)).toEqual(['Div', 'Gemm', 'Relu', 'Gemm', 'Softmax']);
    expect(ce.node[4].attribute).toEqual([{ name: 'axis', type: 2, i: 1 }]);
    expect(new Set(ce.initializer.map((t) => t.dataType))).toEqual(new Set([11]));
    expect(ce.input[0].type.tensorType.elemType).toBe(11);
    const parity = decode(cases.parity.onnx).graph;
    expect(parity.node.map((n) => n.opType)).toEqual(['Gemm', 'Sigmoid', 'Gemm', 'Sigmoid']);
    expect(parity.node[0].input[0]).toBe('input');
  });

  it('one model always exports to the same bytes', async () => {
    const again = join(dir, 'again.onnx');
    await exportCommand(join(dir, 'mnist', 'model.dpt'), { out: again, quiet: true });
    expect(Buffer.compare(readFileSync(again), readFileSync(cases.mnist.onnx))).toBe(0);
  });
});
