// The fingerprint of a run's result: SHA-256 over the parameter buffer's
// little-endian bytes. Two runs are "the same" exactly when these match.

import { sha256Hex } from '../wire/tensor-bytes.js';
import type { Float } from '../math/float.js';

export function paramsSha256(params: Float): string {
  return sha256Hex(new Uint8Array(params.buffer, params.byteOffset, params.byteLength));
}
