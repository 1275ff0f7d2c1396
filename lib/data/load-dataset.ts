// One entry point from the --dataset flag to a Dataset: a built-in name or a
// folder of IDX files.

import { existsSync, statSync } from 'node:fs';
import { DataFormatError } from '../errors.js';
import type { Dataset } from './dataset.js';
import { loadIdxFolder } from './idx-folder.js';
import { loadMnist } from './mnist.js';
import { loadParity } from './parity.js';

export const BUILTIN_DATASETS = ['mnist', 'parity'] as const;

export function loadDataset(spec: string): Dataset {
  if (spec === 'mnist') return loadMnist();
  if (spec === 'parity') return loadParity();
  // A typo such as 'minst' lands here; name both options so the user sees it.
  if (!existsSync(spec) || !statSync(spec).isDirectory()) {
    throw new DataFormatError(spec, `neither a known dataset name (${BUILTIN_DATASETS.map((n) => `'${n}'`).join(', ')}) nor a folder`);
  }
  return loadIdxFolder(spec);
}
