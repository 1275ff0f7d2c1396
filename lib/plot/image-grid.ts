// A grid of small square images as one Vega-Lite chart: every pixel is a
// `rect` (row, column, value), the images are facets captioned and ordered
// by the caller, and one colour scale serves them all, so the same value has
// the same colour in every image. Used for first-layer weights (one image
// per hidden unit) and for digits.

import type { ColorScheme } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { PIXELATED, PLOT_CONFIG } from './render-png.js';

/** The side of a square image of n values, or null when n is not a square (then it is no image). */
export function squareSide(n: number): number | null {
  const side = Math.round(Math.sqrt(n));
  return side > 1 && side * side === n ? side : null;
}

export interface GridImage {
  caption: string;
  /** side * side values, row-major. */
  values: ArrayLike<number>;
}

/** The colour of a pixel over a fixed domain, so images and runs compare: a Vega scheme, or a range from low to high. */
export interface PixelColor {
  scheme?: ColorScheme;
  range?: string[];
  domain: [number, number];
  /** Legend title; null draws no legend. */
  legend: string | null;
}

export interface ImageGridOptions {
  title: string;
  subtitle?: string | string[];
  side: number;
  color: PixelColor;
  /** Images per row of the grid (default: about square). */
  columns?: number;
  /** Width and height of one pixel, in layout units. */
  cell?: number;
}

export function imageGridSpec(images: readonly GridImage[], opts: ImageGridOptions): TopLevelSpec {
  const { side } = opts;
  const cell = opts.cell ?? 3;
  const values = [];
  for (let i = 0; i < images.length; i++) {
    const v = images[i].values;
    if (v.length !== side * side) throw new RangeError(`image ${i} has ${v.length} values, not ${side}x${side}`);
    for (let p = 0; p < v.length; p++) values.push({ image: i, caption: images[i].caption, row: Math.floor(p / side), col: p % side, value: v[p] });
  }
  // The outer padding keeps the pixels off the frame, which is drawn beneath them.
  const band = { type: 'band' as const, paddingInner: 0, paddingOuter: 0.3 };
  const { scheme, range, domain, legend } = opts.color;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { ...PLOT_CONFIG, view: { stroke: '#999' }, header: { labelFontSize: 11, labelPadding: 2 } },
    usermeta: PIXELATED,
    title: { text: opts.title, subtitle: opts.subtitle },
    data: { values },
    columns: opts.columns ?? Math.ceil(Math.sqrt(images.length)),
    spacing: 6,
    facet: { field: 'caption', type: 'nominal', sort: { field: 'image', op: 'min' }, title: null },
    spec: {
      name: 'pixels',
      width: side * cell,
      height: side * cell,
      mark: { type: 'rect', strokeWidth: 0 },
      encoding: {
        x: { field: 'col', type: 'ordinal', axis: null, scale: band },
        y: { field: 'row', type: 'ordinal', axis: null, scale: band },
        color: {
          field: 'value', type: 'quantitative',
          scale: { ...(range ? { range } : { scheme }), domain, clamp: true },
          legend: legend === null ? null : { title: legend, orient: 'right', gradientLength: Math.max(100, side * cell) },
        },
      },
    },
  };
}
