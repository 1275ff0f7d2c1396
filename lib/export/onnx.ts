// The model as an ONNX graph (ir_version 8, opset 13) that computes what
// dpt's predictions compute (lib/math/network.ts `probabilities`):
//
//   input [N, C0], raw feature values, in the model's dtype
//   Div(input, max_value)                    only for --input-scaling unit, as dpt scales inputs
//   per layer i:  Gemm(x, layers.{i}.weight, layers.{i}.bias, transB=1)    x W^T + b
//                 Sigmoid | Relu | Tanh      (the model's activation, output layer included)
//                 Softmax(axis=1) instead on the output layer of a cross-entropy model
//   output [N, classes]: dpt predict's outputs; the predicted class is their argmax
//
// The parameters are initializers with raw little-endian data, named as in
// the other formats (lib/export/tensors.ts), so their bytes in order are the
// parameter buffer. Dividing by max_value in the graph gives exactly dpt's
// scaled inputs: both round the true quotient once to the dtype (exact as
// long as max_value is representable in it, as 255 is). The ModelProto
// comes from proto/onnx/onnx.proto (upstream's field numbers), loaded here
// with protobufjs.

import { join } from 'node:path';
import protobuf from 'protobufjs';
import { ConfigError, DptError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { errorMessage } from '../wire/fields.js';
import { tensorToBytes } from '../wire/tensors.js';
import type { Model } from '../wire/types.js';
import { exportMetadata, layerTensors, metadataStrings } from './tensors.js';

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;

// Enum values of onnx.proto (TensorProto.DataType, AttributeProto.AttributeType).
const ELEM_TYPE = { float32: 1, float64: 11 } as const; // FLOAT, DOUBLE
const ATTR_INT = 2;

const OP_OF = { sigmoid: 'Sigmoid', relu: 'Relu', tanh: 'Tanh' } as const;

let modelType: protobuf.Type | null = null;

/** onnx.ModelProto, from proto/onnx/onnx.proto (loaded once). */
export function onnxModelType(): protobuf.Type {
  if (modelType) return modelType;
  const file = join(packageRoot(), 'proto', 'onnx', 'onnx.proto');
  try {
    return (modelType = protobuf.loadSync(file).lookupType('onnx.ModelProto'));
  } catch (e) {
    // An installation without proto/ (a partial copy of the package) cannot write ONNX.
    throw new DptError(`cannot load the ONNX schema ${file}: ${errorMessage(e)}; it ships with dpt (proto/onnx/)`);
  }
}

/**
 * The ONNX ModelProto bytes of `model`. `maxValue` (the dataset's largest raw
 * input value) is required when the model scales its inputs ('unit'), and
 * becomes the graph's divisor.
 */
export function encodeOnnx(model: Model, maxValue?: number): Uint8Array {
  const { config } = model;
  const elemType = ELEM_TYPE[config.dtype];
  const Float = config.dtype === 'float32' ? Float32Array : Float64Array;
  const scaled = config.inputScaling === 'unit';
  if (scaled && (maxValue === undefined || !(maxValue > 0) || !Number.isFinite(maxValue))) {
    throw new ConfigError('--dataset', `the model divides its inputs by the dataset's largest value; need that value (a positive number), got ${maxValue}`);
  }
  const structure = config.structure;
  const K = structure[structure.length - 1];
  const tensors = layerTensors(structure, model.params);
  const initializer = tensors.map((t) => ({ name: t.name, dims: t.shape, dataType: elemType, rawData: tensorToBytes(t.data) }));
  const node: object[] = [];
  let x = 'input';
  if (scaled) {
    initializer.push({ name: 'max_value', dims: [], dataType: elemType, rawData: tensorToBytes(Float.of(maxValue as number)) });
    node.push({ name: 'scale', opType: 'Div', input: [x, 'max_value'], output: ['scaled'] });
    x = 'scaled';
  }
  const L = structure.length - 1;
  for (let i = 0; i < L; i++) {
    const last = i === L - 1;
    const z = `layers.${i}.z`;
    const a = last ? 'output' : `layers.${i}.a`;
    node.push({
      name: `layers.${i}.gemm`, opType: 'Gemm', input: [x, `layers.${i}.weight`, `layers.${i}.bias`], output: [z],
      attribute: [{ name: 'transB', type: ATTR_INT, i: 1 }],
    });
    if (last && config.loss === 'cross-entropy') {
      node.push({ name: `layers.${i}.softmax`, opType: 'Softmax', input: [z], output: [a], attribute: [{ name: 'axis', type: ATTR_INT, i: 1 }] });
    } else {
      node.push({ name: `layers.${i}.${config.activation}`, opType: OP_OF[config.activation], input: [z], output: [a] });
    }
    x = a;
  }
  const valueInfo = (name: string, dims: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  });
  const outputs = config.loss === 'cross-entropy' ? 'softmax probabilities' : `${config.activation} activations`;
  const docString = [
    `dpt MLP ${structure.join('-')}, ${config.activation}, ${config.loss} loss, ${config.dtype}.`,
    scaled
      ? `input [N, ${structure[0]}]: raw feature values; the graph divides them by max_value (${maxValue}) as dpt's input scaling 'unit' does.`
      : `input [N, ${structure[0]}]: raw feature values, as dpt's input scaling 'raw' uses them.`,
    `output [N, ${K}]: the output layer's ${outputs}; the predicted class is the argmax.`,
  ].join('\n');
  const metadata = { ...metadataStrings(exportMetadata(model)), ...(scaled ? { maxValue: String(maxValue) } : {}) };
  const Type = onnxModelType();
  const message = Type.fromObject({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'dpt',
    docString,
    graph: {
      name: 'dpt_mlp',
      node,
      initializer,
      input: [valueInfo('input', ['N', structure[0]])],
      output: [valueInfo('output', ['N', K])],
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return Type.encode(message).finish();
}
