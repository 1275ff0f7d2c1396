// `--init-from FILE`: the initial parameters of a run read from a model.dpt,
// an .npz or a .safetensors file (dpt's own exports, or a file another tool
// wrote with the same tensor names and shapes). The file must fit the run's
// structure and dtype exactly: a tensor of another shape or type is refused,
// naming it and both shapes, never reshaped or converted, so a warm start
// gives the same bits wherever it runs.

import type { DType, TrainConfig } from '../config.js';
import { DataFormatError, ModelFileError, WireError } from '../errors.js';
import type { Float } from '../math/float.js';
import { decodeModel } from '../wire/codecs.js';
import { unframe } from '../wire/files.js';
import { sha256Hex } from '../wire/tensors.js';
import { npzParams } from './npz.js';
import { safetensorsParams } from './safetensors.js';
import { layerTensors, paramsFromTensors, readInput, type StoredTensor } from './tensors.js';

export interface InitialWeights {
  /** The file as given. */
  file: string;
  /** SHA-256 of the file's bytes, recorded in the run's summary. */
  sha256: string;
  params: Float;
}

type InitFormat = 'dpt' | 'npz' | 'safetensors';

/** The format by content (the extension may lie or be missing): dpt's magic, a zip's, or else safetensors. */
function formatOf(bytes: Uint8Array): InitFormat {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head === 'DPTMODEL') return 'dpt';
  if (head.startsWith('PK')) return 'npz';
  return 'safetensors';
}

/**
 * The weights in `file`, in `config`'s layout; a DataFormatError or
 * ModelFileError says what does not fit. With `sha256`, a file with other
 * bytes is refused (a rerun from a summary.json must start from the same weights).
 */
export async function readInitialWeights(file: string, config: Pick<TrainConfig, 'structure' | 'dtype'>, sha256?: string): Promise<InitialWeights> {
  const bytes = await readInput(file, 'weights');
  const digest = sha256Hex(bytes);
  if (sha256 !== undefined && digest !== sha256) {
    throw new DataFormatError(file, `its SHA-256 is ${digest}, not ${sha256} (--init-sha256): these are not the weights the run started from`);
  }
  const format = formatOf(bytes);
  const params = format === 'npz' ? npzParams(file, bytes, config)
    : format === 'safetensors' ? safetensorsParams(file, bytes, config)
      : modelParams(file, bytes, config);
  return { file, sha256: digest, params };
}

/** A model.dpt's parameters as the tensors an export would hold, checked like any other file's. */
function modelParams(file: string, bytes: Uint8Array, config: Pick<TrainConfig, 'structure' | 'dtype'>): Float {
  const payload = unframe(file, bytes, 'model');
  let model;
  try {
    model = decodeModel(payload);
  } catch (e) {
    if (e instanceof WireError) throw new ModelFileError(file, `undecodable model payload: ${e.message}`);
    throw e;
  }
  const tensors = new Map<string, StoredTensor>();
  for (const t of layerTensors(model.config.structure, model.params)) {
    tensors.set(t.name, { dtype: model.config.dtype, fileType: model.config.dtype, shape: t.shape, bytes: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) });
  }
  return paramsFromTensors(file, config, tensors, (d: DType) => d);
}

