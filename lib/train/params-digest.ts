// The fingerprint of a run's result: SHA-256 over the parameter buffer's
// little-endian bytes. Two runs are "the same" exactly when these match.

import { createHash } from 'node:crypto';
import type { Float } from '../math/float.js';

export function paramsSha256(params: Float): string {
  return createHash('sha256').update(new Uint8Array(params.buffer, params.byteOffset, params.byteLength)).digest('hex');
}
