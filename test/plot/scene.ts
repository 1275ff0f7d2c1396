// Test helpers: where vega places the marks of a spec (so a test can look
// at the right pixels of the PNG), and reading pixels and colours.
import { PNG } from 'pngjs';
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface PlacedItem {
  /** Top-left corner and size in layout units, from the image's top-left. */
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  datum: Record<string, unknown>;
}

interface SceneMark {
  name?: string;
  items: SceneItem[];
}

interface SceneItem {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
  datum?: Record<string, unknown>;
  items?: SceneMark[];
}

/** Every item of the marks whose Vega name starts with `name` (a Vega-Lite `name: 'cells'` becomes 'cells_marks'). */
export async function placedItems(spec: TopLevelSpec, name: string): Promise<PlacedItem[]> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  // Where vega's renderers put the root group: the padding plus the autosize origin.
  const pad = view.padding();
  const ox = (typeof pad === 'number' ? pad : pad.left ?? 0) + view.origin()[0];
  const oy = (typeof pad === 'number' ? pad : pad.top ?? 0) + view.origin()[1];
  const found: PlacedItem[] = [];
  const walk = (mark: SceneMark, dx: number, dy: number) => {
    for (const item of mark.items) {
      const x = dx + (item.x ?? 0);
      const y = dy + (item.y ?? 0);
      if (mark.name?.startsWith(name)) {
        found.push({ x, y, width: item.width ?? 0, height: item.height ?? 0, fill: item.fill ?? '', datum: item.datum ?? {} });
      }
      for (const child of item.items ?? []) walk(child, x, y);
    }
  };
  // At run time scenegraph() is a Scenegraph holding the root mark (vega's typings call it the mark itself).
  walk((view.scenegraph() as unknown as { root: SceneMark }).root, ox, oy);
  view.finalize();
  return found;
}

export type Rgb = [number, number, number];

export function decodePng(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/** The pixel at (x, y), in pixels. */
export function pixel(png: PNG, x: number, y: number): Rgb {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)', as vega writes fills. */
export function parseColor(css: string): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  if (css === 'white') return [255, 255, 255];
  if (css === 'black') return [0, 0, 0];
  throw new Error(`unparsed colour ${css}`);
}

export function distance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/** Pixels of the region whose colour is within `tolerance` of `color`. */
export function countColor(png: PNG, color: Rgb, region = { x1: 0, y1: 0, x2: png.width, y2: png.height }, tolerance = 8): number {
  let n = 0;
  for (let y = region.y1; y < region.y2; y++) {
    for (let x = region.x1; x < region.x2; x++) if (distance(pixel(png, x, y), color) <= tolerance) n++;
  }
  return n;
}
