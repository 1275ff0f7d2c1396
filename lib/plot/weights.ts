// The first layer's weights W_1 (units, inputs), read from the flat
// parameter buffer (lib/math/layout.ts). Inputs that form a square image
// (784 = 28x28 for MNIST) give one small image per hidden unit: what each
// unit looks for. Other inputs give one units x inputs heatmap with the
// values written in, like the article's figure 5 for parity, where the
// weights from the least significant bit (the last input) stand out.
// Colours are diverging around 0 over one symmetric domain, so blue is
// negative and orange positive in every cell.

import type { TopLevelSpec } from 'vega-lite';
import type { Float } from '../math/float.js';
import { paramLayout } from '../math/layout.js';
import { imageGridSpec, squareSide } from './image-grid.js';
import { PLOT_CONFIG } from './render-png.js';

export const WEIGHT_SCHEME = 'blueorange';

/**
 * Hidden units drawn at most: the first ones, in order. A 784-1024 layer
 * would otherwise be a grid of 1,024 images (800 K marks), minutes to render
 * and too small to read; the caption says how many were left out.
 */
export const MAX_UNITS_DRAWN = 64;

/** Inputs up to this many get their value written in each cell. */
const MAX_INPUTS_WITH_TEXT = 16;

/** Row u of W_1: the weights into hidden unit u, one per input. */
export function firstLayerRows(params: Float, structure: readonly number[]): Float[] {
  const layer = paramLayout(structure).layers[0];
  if (!layer) throw new RangeError(`a network of structure ${structure.join(',')} has no layer`);
  const { inputs, outputs, wOffset } = layer;
  return Array.from({ length: outputs }, (_, u) => params.subarray(wOffset + u * inputs, wOffset + (u + 1) * inputs));
}

/** The largest |w| of the rows, the half-width of the colour domain (1 for all-zero weights). */
function magnitude(rows: readonly Float[]): number {
  let m = 0;
  for (const r of rows) for (let i = 0; i < r.length; i++) m = Math.max(m, Math.abs(r[i]));
  return m > 0 ? m : 1;
}

export function weightsSpec(params: Float, structure: readonly number[], runLabel: string): TopLevelSpec {
  const all = firstLayerRows(params, structure);
  const rows = all.slice(0, MAX_UNITS_DRAWN);
  const shown = rows.length < all.length ? `; the first ${rows.length} of ${all.length} units` : '';
  const inputs = structure[0];
  const m = magnitude(rows);
  const title = `First-layer weights: ${runLabel} (${structure.join('-')})`;
  const side = squareSide(inputs);
  if (side !== null) {
    return imageGridSpec(rows.map((values, u) => ({ caption: `unit ${u}`, values })), {
      title,
      subtitle: `one ${side}x${side} image per hidden unit: its weights from each pixel; blue < 0 < orange${shown}`,
      side,
      color: { scheme: WEIGHT_SCHEME, domain: [-m, m], legend: 'weight' },
      columns: Math.min(8, rows.length),
    });
  }
  return weightMatrixSpec(rows, m, title, shown);
}

function weightMatrixSpec(rows: readonly Float[], m: number, title: string, shown: string): TopLevelSpec {
  const inputs = rows[0]?.length ?? 0;
  const values = rows.flatMap((r, u) => Array.from(r, (w, i) => ({ unit: u, input: i, weight: w, strong: Math.abs(w) > 0.6 * m })));
  const cell = inputs <= MAX_INPUTS_WITH_TEXT ? 44 : Math.max(4, Math.min(20, Math.floor(800 / inputs)));
  const x = { field: 'input', type: 'ordinal' as const, title: `input (${inputs - 1} = the last)`, axis: { labelAngle: 0 } };
  const y = { field: 'unit', type: 'ordinal' as const, title: 'hidden unit' };
  const cells = {
    name: 'cells',
    mark: { type: 'rect' as const },
    encoding: {
      x, y,
      color: { field: 'weight', type: 'quantitative' as const, title: 'weight', scale: { scheme: WEIGHT_SCHEME, domain: [-m, m] } },
    },
  };
  const text = {
    mark: { type: 'text' as const, fontSize: 11 },
    encoding: {
      x, y,
      text: { field: 'weight', type: 'quantitative' as const, format: '.2f' },
      color: { condition: { test: 'datum.strong', value: 'white' }, value: 'black' },
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: PLOT_CONFIG,
    title: { text: title, subtitle: `W_1: a row per hidden unit, a column per input; blue < 0 < orange${shown}` },
    width: inputs * cell,
    height: rows.length * cell,
    data: { values },
    layer: inputs <= MAX_INPUTS_WITH_TEXT ? [cells, text] : [cells],
  };
}
