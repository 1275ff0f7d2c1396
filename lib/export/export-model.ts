// `dpt export`'s formats in one table: names, file extensions, encoders.
// Every encoder is a pure function of the model (and, for ONNX, the input
// scale), so one model always exports to the same bytes.

import type { Model } from '../wire/types.js';
import { encodeJson } from './json.js';
import { encodeNpz } from './npz.js';
import { encodeOnnx } from './onnx.js';
import { encodeSafetensors } from './safetensors.js';

export const EXPORT_FORMATS = ['npz', 'safetensors', 'onnx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXTENSION: Record<ExportFormat, string> = { npz: '.npz', safetensors: '.safetensors', onnx: '.onnx', json: '.json' };

export interface ExportOptions {
  /** The dataset's largest raw input value: the ONNX graph's input divisor for models with 'unit' input scaling. */
  maxValue?: number;
}

/** The file of `model` in `format`, as chunks to write one after the other. */
export function exportModel(model: Model, format: ExportFormat, opts: ExportOptions = {}): Uint8Array[] {
  switch (format) {
    case 'npz':
      return encodeNpz(model);
    case 'safetensors':
      return encodeSafetensors(model);
    case 'onnx':
      return [encodeOnnx(model, opts.maxValue)];
    case 'json':
      return [encodeJson(model)];
  }
}

/** Whether an ONNX export of `model` needs the dataset's largest value (ExportOptions.maxValue). */
export function needsMaxValue(model: Model, format: ExportFormat): boolean {
  return format === 'onnx' && model.config.inputScaling === 'unit';
}
