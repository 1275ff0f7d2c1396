// Dataset (lib/data/dataset.ts) <-> DatasetBlob. Inputs keep their stored
// element type (bytes for MNIST) so the blob is as small as the source; the
// input_type field says how to read them back.
import { dpt } from '../../proto/gen/dpt.js';
import type { Dataset, Split } from '../data/dataset.js';
import { WireError } from '../errors.js';
import { u32 } from './field-checks.js';
import { decodeMessage, encodeMessage } from './message-codec.js';
import { arrayToBytes, bytesToArray, elementTypeOf, isElementType, type ElementType } from './tensor-bytes.js';

const WHAT = 'DatasetBlob';

function checkSplit(split: Split, name: string, inputSize: number, numClasses: number, inputType: ElementType): void {
  if (split.labels.length !== split.count) {
    throw new WireError(WHAT, `${name}: ${split.labels.length} labels for ${split.count} samples`);
  }
  if (split.inputs.length !== split.count * inputSize) {
    throw new WireError(WHAT, `${name}: ${split.inputs.length} input values, expected ${split.count} x ${inputSize}`);
  }
  if (elementTypeOf(split.inputs) !== inputType) {
    throw new WireError(WHAT, `${name} inputs are ${elementTypeOf(split.inputs)} but train inputs are ${inputType}`);
  }
  for (let i = 0; i < split.labels.length; i++) {
    if (split.labels[i] >= numClasses) {
      throw new WireError(WHAT, `${name} label ${i} is ${split.labels[i]}, not below numClasses ${numClasses}`);
    }
  }
}

export function encodeDatasetBlob(d: Dataset): Uint8Array {
  return encodeMessage(WHAT, dpt.DatasetBlob, () => {
    const inputType = elementTypeOf(d.train.inputs);
    checkSplit(d.train, 'train', d.inputSize, d.numClasses, inputType);
    checkSplit(d.test, 'test', d.inputSize, d.numClasses, inputType);
    return {
      name: d.name,
      inputSize: u32(d.inputSize, WHAT, 'inputSize'),
      numClasses: u32(d.numClasses, WHAT, 'numClasses'),
      maxValue: d.maxValue,
      inputType,
      trainInputs: arrayToBytes(d.train.inputs),
      trainLabels: d.train.labels,
      testInputs: arrayToBytes(d.test.inputs),
      testLabels: d.test.labels,
    };
  });
}

function splitFrom(inputs: Uint8Array, labels: Uint8Array, name: string, m: dpt.DatasetBlob, type: ElementType): Split {
  const count = labels.byteLength;
  const split: Split = {
    count,
    inputs: bytesToArray(inputs, type, count * m.inputSize, `${WHAT}.${name}Inputs`),
    // A plain Uint8Array view, not the Buffer protobufjs hands out (Buffer's
    // slice/toString semantics differ from what the rest of dpt expects).
    labels: bytesToArray(labels, 'uint8', count, `${WHAT}.${name}Labels`),
  };
  checkSplit(split, name, m.inputSize, m.numClasses, type);
  return split;
}

export function decodeDatasetBlob(bytes: Uint8Array): Dataset {
  return decodeMessage(WHAT, dpt.DatasetBlob, bytes, (m) => {
    if (!isElementType(m.inputType)) throw new WireError(WHAT, `unknown inputType ${JSON.stringify(m.inputType)}`);
    if (m.inputSize < 1 || m.numClasses < 1) {
      throw new WireError(WHAT, `inputSize (${m.inputSize}) and numClasses (${m.numClasses}) must be positive`);
    }
    return {
      name: m.name,
      inputSize: m.inputSize,
      numClasses: m.numClasses,
      maxValue: m.maxValue,
      train: splitFrom(m.trainInputs, m.trainLabels, 'train', m, m.inputType),
      test: splitFrom(m.testInputs, m.testLabels, 'test', m, m.inputType),
    };
  });
}
