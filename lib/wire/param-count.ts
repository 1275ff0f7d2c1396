// The parameter count implied by a layer structure. The wire layer needs it
// to check that a params/gradient buffer has the right length before anyone
// reads it as weights.
import { WireError } from '../errors.js';

/**
 * Sum over layers of out*in (weights) + out (biases), for structure
 * [in, hidden..., out]. Throws WireError(what, ...) for a structure that
 * cannot describe a network: fewer than two layers or a non-positive size.
 */
export function paramCount(structure: readonly number[], what = 'structure'): number {
  if (structure.length < 2) {
    throw new WireError(what, `structure needs at least an input and an output layer, got [${structure.join(', ')}]`);
  }
  let n = 0;
  for (let l = 0; l < structure.length; l++) {
    const size = structure[l];
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new WireError(what, `layer ${l} size must be a positive integer, got ${size}`);
    }
    if (l > 0) n += size * structure[l - 1] + size;
  }
  if (!Number.isSafeInteger(n)) throw new WireError(what, `parameter count overflows: [${structure.join(', ')}]`);
  return n;
}
