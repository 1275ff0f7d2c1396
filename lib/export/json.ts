// The model as plain JSON, for browsers and for reading by eye:
//
//   {
//     "metadata": {"structure": [784, 32, 10], "activation": "sigmoid", ...},
//     "tensors": {
//       "layers.0.weight": {"dtype": "float32", "shape": [32, 784], "data": [
//         [w00, w01, ...],          one line per row (output unit)
//         ...]},
//       "layers.0.bias": {"dtype": "float32", "shape": [32], "data": [b0, b1, ...]},
//       ...
//     }
//   }
//
// Tensors appear in file order (lib/export/tensors.ts). Each number is the
// shortest decimal that reads back to the same value in the model's dtype:
// Math.fround(x) or np.float32(x) of a float32 entry, the JSON number itself
// for float64, gives the stored bits (-0 is written -0.0 so it stays -0).
// NaN and infinities have no JSON form: a model holding any is refused.

import { ConfigError } from '../errors.js';
import type { Float } from '../math/float.js';
import type { Model } from '../wire/types.js';
import { exportMetadata, layerTensors } from './tensors.js';

/** The model as a JSON document (UTF-8). */
export function encodeJson(model: Model): Uint8Array {
  const dtype = model.config.dtype;
  const format = dtype === 'float32' ? float32Text : float64Text;
  const tensors = layerTensors(model.config.structure, model.params).map((t) => {
    const head = `    ${JSON.stringify(t.name)}: {"dtype": ${JSON.stringify(dtype)}, "shape": [${t.shape.join(', ')}], "data": `;
    const row = (from: number, to: number) => `[${numbers(t.data, from, to, format, t.name).join(', ')}]`;
    if (t.shape.length === 1) return `${head}${row(0, t.data.length)}}`;
    const C = t.shape[1];
    const rows = Array.from({ length: t.shape[0] }, (_, r) => `      ${row(r * C, (r + 1) * C)}`);
    return `${head}[\n${rows.join(',\n')}]}`;
  });
  const text = `{\n  "metadata": ${JSON.stringify(exportMetadata(model))},\n  "tensors": {\n${tensors.join(',\n')}\n  }\n}\n`;
  return new TextEncoder().encode(text);
}

function numbers(data: Float, from: number, to: number, format: (v: number) => string, name: string): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) throw new ConfigError('--format', `JSON cannot hold ${v} (${name}[${i}]); export this model as npz or safetensors`);
    out.push(format(v));
  }
  return out;
}

/** The shortest decimal that Math.fround maps back to v (a float32 value). */
export function float32Text(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  for (let p = 1; p < 9; p++) {
    const s = String(Number(v.toPrecision(p)));
    if (Math.fround(Number(s)) === v) return s;
  }
  return String(Number(v.toPrecision(9))); // 9 significant digits always identify a float32
}

/** JavaScript's own shortest round-trip form of a float64 value. */
export function float64Text(v: number): string {
  return Object.is(v, -0) ? '-0.0' : String(v);
}
