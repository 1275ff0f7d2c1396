// A dataset's identity is the SHA-256 of its encoded DatasetBlob: what the
// coordinator uploads, what workers verify, what a model file records. The
// blob is encoded with an empty name, so the identity is the content alone:
// the embedded MNIST and a folder holding the same IDX files are one dataset.
// Encoding MNIST (55 MB) and hashing it takes a fraction of a second, so the
// result is cached per Dataset object.

import { sha256Hex } from '../wire/tensor-bytes.js';
import type { Dataset } from '../data/dataset.js';
import { encodeDatasetBlob } from '../wire/codecs.js';
import type { DatasetRef } from '../wire/types.js';

/** Upload chunk size: large enough for few round trips, small enough to stay far below Redis's 512 MB value limit. */
export const DATASET_CHUNK_BYTES = 4 * 1024 * 1024;

export interface EncodedDataset {
  ref: DatasetRef;
  blob: Uint8Array;
}

const cache = new WeakMap<Dataset, EncodedDataset>();

export function encodeDataset(ds: Dataset): EncodedDataset {
  let e = cache.get(ds);
  if (!e) {
    const blob = encodeDatasetBlob({ ...ds, name: '' });
    const ref: DatasetRef = {
      name: ds.name,
      sha256: sha256Hex(blob),
      bytes: blob.byteLength,
      chunks: Math.max(1, Math.ceil(blob.byteLength / DATASET_CHUNK_BYTES)),
      inputSize: ds.inputSize,
      numClasses: ds.numClasses,
      trainCount: ds.train.count,
      testCount: ds.test.count,
    };
    cache.set(ds, (e = { ref, blob }));
  }
  return e;
}
