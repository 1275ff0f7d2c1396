// A Vega-Lite spec to PNG bytes, offline: vega-lite compiles the spec to
// Vega, vega lays it out and draws SVG (no canvas, no browser), and resvg
// rasterises the SVG with the system's fonts. Every spec in lib/plot carries
// its data inline, so nothing is ever loaded: the view's loader refuses, so a
// spec that tried to fetch data (or an image) would fail here, not reach out
// to the network.

import { Resvg } from '@resvg/resvg-js';
import { compile, type TopLevelSpec } from 'vega-lite';
import { View, parse, type Loader } from 'vega';

export interface RenderOptions {
  /** Pixels per layout unit: 2 draws a 400-unit-wide chart 800 pixels wide. */
  scale?: number;
}

export const DEFAULT_SCALE = 2;

/** Common look of every dpt plot: white background, DejaVu Sans (or the system's sans-serif). */
export const PLOT_CONFIG = {
  background: 'white',
  font: 'DejaVu Sans, sans-serif',
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#333', anchor: 'start' as const, offset: 10 },
};

const refuse = (what: string) => (uri: string): Promise<never> =>
  Promise.reject(new Error(`dpt plots load nothing (${what} "${uri}"): put the data in the spec`));

const OFFLINE: Loader = {
  load: refuse('load'),
  sanitize: refuse('sanitize'),
  http: refuse('http'),
  file: refuse('file'),
};

/** The spec drawn as SVG text, at `scale` pixels per layout unit. */
export async function renderSvg(spec: TopLevelSpec, opts: RenderOptions = {}): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none', loader: OFFLINE });
  try {
    return await view.toSVG(opts.scale ?? DEFAULT_SCALE);
  } finally {
    view.finalize();
  }
}

/**
 * Set by specs whose rects are pixels of an image: they are drawn with crisp
 * edges, since anti-aliased edges of adjacent rects leave faint seams between
 * them. Other specs keep smooth lines.
 */
export const PIXELATED = { pixelated: true };

/** The spec drawn as a PNG file's bytes. */
export async function renderPng(spec: TopLevelSpec, opts: RenderOptions = {}): Promise<Buffer> {
  const svg = await renderSvg(spec, opts);
  const pixelated = spec.usermeta?.pixelated === true;
  const resvg = new Resvg(svg, {
    background: 'white',
    shapeRendering: pixelated ? 1 : 2, // crispEdges or geometricPrecision

    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
