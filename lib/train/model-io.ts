// Saving a trained model (the model.dpt container is defined in
// lib/wire/model-file.ts: magic, version, checksum, protobuf payload).

import type { Dataset } from '../data/dataset.js';
import { writeModelFile } from '../wire/files.js';
import type { Model } from '../wire/types.js';
import type { TrainConfig } from '../config.js';
import { encodeDataset } from '../wire/codecs.js';
import type { LoopState } from './train-loop.js';

export async function saveModel(path: string, config: TrainConfig, dataset: Dataset, state: LoopState): Promise<void> {
  const model: Model = {
    config,
    params: state.params,
    dataset: encodeDataset(dataset).ref,
    history: state.history,
  };
  await writeModelFile(path, model);
}
