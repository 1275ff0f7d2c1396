// What every export format holds: the model's parameters as named tensors,
// and the metadata that says how to compute with them. Also the one check
// every importer shares: tensors read from a file against the layout a
// config expects.
//
// Layer i (mapping C inputs to OC outputs) becomes two tensors:
//   layers.{i}.weight  (OC, C)  row-major, W_i as dpt stores it
//   layers.{i}.bias    (OC)
// listed weight then bias, layer by layer: their bytes, concatenated in that
// order, are exactly dpt's flat parameter buffer (lib/math/layout.ts), so
// they hash to the model's paramsSha256.

import { readFile } from 'node:fs/promises';
import type { DType, TrainConfig } from '../config.js';
import { DataFormatError } from '../errors.js';
import type { Float } from '../math/float.js';
import { kernelsFor } from '../math/kernels.js';
import { paramLayout } from '../math/layout.js';
import { errorMessage } from '../wire/fields.js';
import { paramsSha256 } from '../wire/tensors.js';
import type { Model } from '../wire/types.js';

export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** A view into the model's parameter buffer. */
  readonly data: Float;
}

/** The tensors of `params` (in `structure`'s layout), in file order: weight then bias per layer. */
export function layerTensors(structure: readonly number[], params: Float): NamedTensor[] {
  return expectedTensors(structure).map((t) => ({ name: t.name, shape: t.shape, data: params.subarray(t.offset, t.offset + t.size) }));
}

interface ExpectedTensor {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

function expectedTensors(structure: readonly number[]): ExpectedTensor[] {
  return paramLayout(structure).layers.flatMap(({ inputs, outputs, wOffset, bOffset }, i) => [
    { name: `layers.${i}.weight`, shape: [outputs, inputs], offset: wOffset, size: inputs * outputs },
    { name: `layers.${i}.bias`, shape: [outputs], offset: bOffset, size: outputs },
  ]);
}

/**
 * How to use the tensors: every format carries these (npz and json as JSON,
 * safetensors and ONNX as a string map, see metadataStrings).
 */
export interface ExportMetadata {
  /** Layer sizes, input first. */
  structure: number[];
  /** Applied after every layer, the output layer included, unless loss is cross-entropy. */
  activation: TrainConfig['activation'];
  /** cross-entropy: the output layer is a softmax over its logits instead of the activation. */
  loss: TrainConfig['loss'];
  dtype: DType;
  /** unit: dpt divided the raw input values by the dataset's largest value before the first layer. */
  inputScaling: TrainConfig['inputScaling'];
  /** The dataset the model was trained on: mnist, parity or a folder. */
  dataset: string;
  /** SHA-256 of the parameter buffer: of the tensors' bytes concatenated in file order. */
  paramsSha256: string;
  producer: string;
}

export function exportMetadata(model: Model): ExportMetadata {
  const { config } = model;
  return {
    structure: [...config.structure],
    activation: config.activation,
    loss: config.loss,
    dtype: config.dtype,
    inputScaling: config.inputScaling,
    dataset: config.dataset,
    paramsSha256: paramsSha256(model.params),
    producer: 'dpt',
  };
}

/** The metadata as a flat string map (safetensors' __metadata__, ONNX metadata_props): structure as "784,32,10". */
export function metadataStrings(m: ExportMetadata): Record<string, string> {
  return { ...m, structure: m.structure.join(',') };
}

// ---- Importing: tensors found in a file -> dpt's parameter buffer.

/** A tensor as a file stores it: its element type in the file's own words, its shape and its little-endian bytes. */
export interface StoredTensor {
  /** dpt's name for the element type, or null when it is neither float32 nor float64. */
  dtype: DType | null;
  /** The file format's name for it (`<f4`, `F32`, ...), for messages. */
  fileType: string;
  shape: readonly number[];
  bytes: Uint8Array;
}

const showShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Copies the tensors `config.structure` needs out of `tensors` into a new
 * parameter buffer of `config.dtype` (allocated where the kernels compute
 * fastest, like a fresh model's). Throws DataFormatError(file, ...) naming the
 * tensor and both shapes or types when one is missing, has another shape or
 * another dtype, or when the file holds layer tensors the structure has no
 * place for. `fileTypeOf` names a dtype in the file format's words.
 */
export function paramsFromTensors(
  file: string,
  config: Pick<TrainConfig, 'structure' | 'dtype'>,
  tensors: ReadonlyMap<string, StoredTensor>,
  fileTypeOf: (dtype: DType) => string,
): Float {
  const wanted = expectedTensors(config.structure);
  const structure = config.structure.join(',');
  const held = () => [...tensors].map(([name, t]) => `${name} ${showShape(t.shape)}`).join(', ') || 'none';
  const names = new Set(wanted.map((t) => t.name));
  for (const [name, t] of tensors) {
    if (/^layers\./.test(name) && !names.has(name)) {
      throw new DataFormatError(file, `tensor "${name}" ${showShape(t.shape)} has no place in structure ${structure} (layers.0 to layers.${wanted.length / 2 - 1}); the file holds ${held()}`);
    }
  }
  const params = kernelsFor(config.dtype).alloc(paramLayout(config.structure).size);
  const bytes = new Uint8Array(params.buffer, params.byteOffset, params.byteLength);
  const size = params.BYTES_PER_ELEMENT;
  for (const want of wanted) {
    const t = tensors.get(want.name);
    if (!t) throw new DataFormatError(file, `tensor "${want.name}" ${showShape(want.shape)} is missing (structure ${structure}); the file holds ${held()}`);
    if (t.shape.length !== want.shape.length || t.shape.some((n, j) => n !== want.shape[j])) {
      throw new DataFormatError(file, `tensor "${want.name}" has shape ${showShape(t.shape)} but structure ${structure} needs ${showShape(want.shape)}`);
    }
    if (t.dtype !== config.dtype) {
      throw new DataFormatError(file, `tensor "${want.name}" is ${t.dtype ?? 'of another type'} (${t.fileType}) but the config's dtype is ${config.dtype} (${fileTypeOf(config.dtype)})`);
    }
    if (t.bytes.byteLength !== want.size * size) {
      throw new DataFormatError(file, `tensor "${want.name}" ${showShape(want.shape)} holds ${t.bytes.byteLength} bytes, not ${want.size * size}`);
    }
    bytes.set(t.bytes, want.offset * size);
  }
  return params;
}

/** Product of a shape's dimensions (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A whole input file; a missing or unreadable one is a DataFormatError. */
export async function readInput(path: string, kind: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataFormatError(path, code === 'ENOENT' ? `no such ${kind} file` : `cannot read ${kind} file: ${errorMessage(e)}`);
  }
}
