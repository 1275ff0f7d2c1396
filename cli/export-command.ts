// `dpt export MODEL --format npz|safetensors|onnx|json --out FILE`: a saved
// model's parameters and metadata in a format other tools read (numpy,
// safetensors, ONNX runtimes, anything with a JSON parser). The formats are
// in lib/export/; this decides the format and file, finds the input scale an
// ONNX graph needs, and writes the file atomically.

import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadDataset } from '../lib/data/load-dataset.js';
import { ConfigError, DataFormatError, ModelFileError } from '../lib/errors.js';
import { EXPORT_FORMATS, EXTENSION, exportModel, needsMaxValue, type ExportFormat } from '../lib/export/export-model.js';
import { checkAgainstDataset } from '../lib/train/model-context.js';
import { errorMessage } from '../lib/wire/fields.js';
import { readModelFile, writeFileAtomic } from '../lib/wire/files.js';
import { paramsSha256 } from '../lib/wire/tensors.js';

export interface ExportCommandOptions {
  /** npz, safetensors, onnx or json; default: from --out's extension. */
  format?: string;
  /** Default: MODEL with its .dpt extension replaced by the format's. */
  out?: string;
  /** Dataset whose largest value scales an ONNX graph's inputs (default: the one trained on). */
  dataset?: string;
  quiet?: boolean;
}

export interface ExportResult {
  out: string;
  format: ExportFormat;
  bytes: number;
  paramsSha256: string;
}

export async function exportCommand(modelPath: string, opts: ExportCommandOptions, log: (s: string) => void = (s) => console.log(s)): Promise<ExportResult> {
  const format = parseFormat(opts.format, opts.out);
  const out = opts.out ?? modelPath.replace(/\.dpt$/, '') + EXTENSION[format];
  if (resolve(out) === resolve(modelPath)) throw new ConfigError('--out', `${out} is the model file itself; choose another output file`);
  const model = await readModelFile(modelPath);
  let maxValue: number | undefined;
  if (needsMaxValue(model, format)) {
    const name = opts.dataset ?? model.config.dataset;
    try {
      const dataset = loadDataset(name);
      checkAgainstDataset(model.config, dataset);
      maxValue = dataset.maxValue;
    } catch (e) {
      if (!(e instanceof DataFormatError) && !(e instanceof ConfigError)) throw e;
      throw new ConfigError('--dataset', `the ONNX graph divides the inputs by the largest value of the model's dataset, which could not be loaded (${e.message}); give the dataset with --dataset NAME|DIR`);
    }
  }
  const chunks = exportModel(model, format, { maxValue });
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeFileAtomic(out, chunks);
  } catch (e) {
    throw new ModelFileError(out, `cannot write the ${format} file: ${errorMessage(e)}`);
  }
  const result: ExportResult = { out, format, bytes: chunks.reduce((n, c) => n + c.byteLength, 0), paramsSha256: paramsSha256(model.params) };
  if (!opts.quiet) log(`dpt: wrote ${out} (${format}, ${result.bytes} bytes); params sha256 ${result.paramsSha256}`);
  return result;
}

function parseFormat(format: string | undefined, out: string | undefined): ExportFormat {
  if (format !== undefined) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ConfigError('--format', `expected one of ${EXPORT_FORMATS.join(', ')}, got "${format}"`);
    return format as ExportFormat;
  }
  const byExtension = EXPORT_FORMATS.find((f) => out?.toLowerCase().endsWith(EXTENSION[f]));
  if (byExtension) return byExtension;
  throw new ConfigError('--format', `give --format ${EXPORT_FORMATS.join('|')}, or an --out file ending in ${EXPORT_FORMATS.map((f) => EXTENSION[f]).join(', ')}`);
}
