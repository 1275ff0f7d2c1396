// `dpt plot` on real runs: two short parity runs (seeds 0 and 1) overlaid,
// and a tiny MNIST run. Every PNG is decoded; the pixels checked are the
// ones that would be wrong if the rendering broke: vega says where a cell
// is and what colour it has, and the PNG must have that colour there.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../../cli/train-command.js';
import { plotCommand, type PlotResult } from '../../cli/plot-command.js';
import { main } from '../../cli/main.js';
import { ConfigError, DataFormatError, ModelFileError } from '../../lib/errors.js';
import { loadDataset } from '../../lib/data/load-dataset.js';
import { confusionSpec } from '../../lib/plot/confusion.js';
import { digitSpec, MAX_MISCLASSIFIED, misclassified } from '../../lib/plot/digits.js';
import { DEFAULT_SCALE } from '../../lib/plot/render-png.js';
import { parseMetrics } from '../../lib/plot/run-folder.js';
import { MAX_UNITS_DRAWN, weightsSpec } from '../../lib/plot/weights.js';
import { paramLayout } from '../../lib/math/layout.js';
import { ModelContext } from '../../lib/train/model-context.js';
import { readModelFile } from '../../lib/wire/files.js';
import { countColor, decodePng, distance, parseColor, pixel, placedItems, type PlacedItem, type Rgb } from './scene.js';

const S = DEFAULT_SCALE;
const WHITE: Rgb = [255, 255, 255];
// The first two colours of Vega's default categorical scheme (tableau10): run 1 and run 2.
const RUN_COLORS: Rgb[] = [parseColor('#4c78a8'), parseColor('#f58518')];

const dir = mkdtempSync(join(tmpdir(), 'dpt-plot-'));
const parityA = join(dir, 'parity-seed0');
const parityB = join(dir, 'parity-seed1');
const mnist = join(dir, 'mnist-tiny');
let parity: PlotResult;
let digits: PlotResult;
const messages: string[] = [];

beforeAll(async () => {
  // With step records between the epoch records, as `--metrics-every` writes them.
  await trainCommand({ preset: 'parity', epochs: '20', workers: '0', out: parityA, quiet: true, metricsEvery: '25' });
  await trainCommand({ preset: 'parity', epochs: '20', seed: '1', workers: '0', out: parityB, quiet: true });
  await trainCommand({ preset: 'mnist', maxSteps: '50', testLimit: '500', workers: '0', out: mnist, quiet: true });
  parity = await plotCommand([parityA, parityB], { out: join(dir, 'plots-parity') }, (s) => messages.push(s));
  digits = await plotCommand([mnist], { out: join(dir, 'plots-mnist') }, (s) => messages.push(s));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const png = (file: string) => decodePng(readFileSync(file));
const outFile = (r: PlotResult, name: string) => join(r.outDir, name);

/** The PNG pixel inside a placed cell, `inset` layout units from its top-left corner (clear of any text at its centre). */
function cellPixel(image: ReturnType<typeof png>, item: PlacedItem, inset = 3): Rgb {
  return pixel(image, (item.x + inset) * S, (item.y + inset) * S);
}

describe('dpt plot', () => {
  it('writes the curves for all runs and the model pictures for each', () => {
    expect(parity.files.map((f) => f.slice(parity.outDir.length + 1))).toEqual([
      'curves.png', 'parity-seed0-weights.png', 'parity-seed0-confusion.png', 'parity-seed1-weights.png', 'parity-seed1-confusion.png',
    ]);
    expect(digits.files.map((f) => f.slice(digits.outDir.length + 1))).toEqual([
      'curves.png', 'mnist-tiny-weights.png', 'mnist-tiny-confusion.png', 'mnist-tiny-digit.png', 'mnist-tiny-misclassified.png',
    ]);
    expect(parity.skipped).toEqual([]);
    expect(messages.at(-1)).toMatch(/^dpt: wrote 5 plots to .*plots-mnist: curves\.png, mnist-tiny-weights\.png/);
    for (const f of [...parity.files, ...digits.files]) {
      const image = png(f);
      expect(image.width, f).toBeGreaterThan(200);
      expect(image.height, f).toBeGreaterThan(150);
    }
  });

  it('curves: one line per run in both panels, in the run colours', () => {
    const image = png(outFile(parity, 'curves.png'));
    expect(image.width).toBeGreaterThan(1400); // two 360-unit panels at scale 2
    // Above the legend (at the bottom): the left panel is the error, the right one the accuracy.
    const top = Math.floor(image.height * 0.75);
    const half = Math.floor(image.width / 2);
    for (const color of RUN_COLORS) {
      expect(countColor(image, color, { x1: 0, y1: 0, x2: half, y2: top })).toBeGreaterThan(500);
      expect(countColor(image, color, { x1: half, y1: 0, x2: image.width, y2: top })).toBeGreaterThan(500);
    }
    // Mostly background: a rendering that filled the image would fail here.
    expect(countColor(image, WHITE)).toBeGreaterThan(image.width * image.height * 0.6);
  });

  it('parity weights: a units x inputs heatmap whose last column (the least significant bit) is coloured', async () => {
    const model = await readModelFile(join(parityA, 'model.dpt'));
    const image = png(outFile(parity, 'parity-seed0-weights.png'));
    const cells = await placedItems(weightsSpec(model.params, model.config.structure, 'parity-seed0'), 'cells');
    expect(cells).toHaveLength(3 * 10);
    // The hidden unit leaning most on the last bit; its cell is the rightmost of its row.
    const lsb = cells.filter((c) => c.datum.input === 9).sort((a, b) => Math.abs(b.datum.weight as number) - Math.abs(a.datum.weight as number))[0];
    const row = cells.filter((c) => c.datum.unit === lsb.datum.unit);
    expect(Math.max(...row.map((c) => c.x))).toBe(lsb.x);
    const got = cellPixel(image, lsb);
    expect(distance(got, parseColor(lsb.fill))).toBeLessThanOrEqual(3);
    expect(distance(got, WHITE)).toBeGreaterThan(40);
    // Every cell has its own colour where vega put it.
    for (const c of cells) expect(distance(cellPixel(image, c), parseColor(c.fill)), JSON.stringify(c.datum)).toBeLessThanOrEqual(3);
  });

  it('MNIST weights: one 28x28 image per hidden unit, 32 of them', async () => {
    const model = await readModelFile(join(mnist, 'model.dpt'));
    const image = png(outFile(digits, 'mnist-tiny-weights.png'));
    const pixels = await placedItems(weightsSpec(model.params, model.config.structure, 'mnist-tiny'), 'pixels');
    expect(pixels).toHaveLength(32 * 784);
    // 8 images of 84 layout units per row, 4 rows, at scale 2.
    expect(image.width).toBeGreaterThan(8 * 84 * S);
    expect(image.height).toBeGreaterThan(4 * 84 * S);
    const strongest = pixels.reduce((a, b) => (Math.abs(b.datum.value as number) > Math.abs(a.datum.value as number) ? b : a));
    const got = pixel(image, (strongest.x + strongest.width / 2) * S, (strongest.y + strongest.height / 2) * S);
    expect(distance(got, parseColor(strongest.fill))).toBeLessThanOrEqual(3);
    expect(distance(got, WHITE)).toBeGreaterThan(60);
  });

  it(`a wide layer draws its first ${MAX_UNITS_DRAWN} units only, and says so`, async () => {
    const structure = [784, 100, 10];
    const params = new Float32Array(paramLayout(structure).size).map((_, i) => Math.sin(i));
    const spec = weightsSpec(params, structure, 'wide');
    const pixels = await placedItems(spec, 'pixels');
    expect(pixels).toHaveLength(MAX_UNITS_DRAWN * 784);
    // The last unit drawn is unit 63, with its own weights (row 63 of W_1).
    const last = pixels.filter((p) => p.datum.caption === `unit ${MAX_UNITS_DRAWN - 1}`)
      .sort((a, b) => (a.datum.row as number) * 28 + (a.datum.col as number) - ((b.datum.row as number) * 28 + (b.datum.col as number)));
    expect(last.map((p) => p.datum.value)).toEqual(Array.from(params.subarray((MAX_UNITS_DRAWN - 1) * 784, MAX_UNITS_DRAWN * 784)));
    expect(JSON.stringify(spec)).toContain(`the first ${MAX_UNITS_DRAWN} of 100 units`);
    expect(JSON.stringify(weightsSpec(new Float32Array(paramLayout([784, 32, 10]).size), [784, 32, 10], 'narrow'))).not.toContain('units;');
  });

  it('digit: test sample 0 (a 7) large, its darkest pixel black where vega put it', async () => {
    const model = await readModelFile(join(mnist, 'model.dpt'));
    const dataset = loadDataset('mnist');
    const predictions = new ModelContext({ ...model.config, testLimit: 0 }, dataset).predict(model.params, dataset.test);
    const spec = digitSpec(dataset.test, predictions, 28, 255, 0, 'mnist-tiny');
    expect(JSON.stringify(spec)).toContain(`label 7, predicted ${predictions[0]}`);
    const image = png(outFile(digits, 'mnist-tiny-digit.png'));
    // 28 pixels of 8 units at scale 2, plus the title and caption.
    expect(image.width).toBeGreaterThanOrEqual(28 * 8 * S);
    expect(image.width).toBeLessThan(28 * 8 * S + 200);
    expect(image.height).toBeGreaterThanOrEqual(28 * 8 * S + 60);
    expect(image.height).toBeLessThan(28 * 8 * S + 300);
    const pixels = await placedItems(spec, 'pixels');
    expect(pixels).toHaveLength(784);
    const ink = pixels.find((p) => p.datum.value === 255)!;
    const paper = pixels.find((p) => p.datum.value === 0)!;
    const centre = (p: PlacedItem) => pixel(image, (p.x + p.width / 2) * S, (p.y + p.height / 2) * S);
    expect(distance(centre(ink), [0, 0, 0])).toBeLessThanOrEqual(3);
    expect(distance(centre(paper), WHITE)).toBeLessThanOrEqual(3);
  });

  it('misclassified: a grid of 8 columns of the first misclassified digits', async () => {
    const model = await readModelFile(join(mnist, 'model.dpt'));
    const dataset = loadDataset('mnist');
    const predictions = new ModelContext({ ...model.config, testLimit: 0 }, dataset).predict(model.params, dataset.test);
    const shown = Math.min(MAX_MISCLASSIFIED, misclassified(dataset.test, predictions).length);
    expect(shown).toBeGreaterThan(8); // 50 steps leave plenty of mistakes
    const image = png(outFile(digits, 'mnist-tiny-misclassified.png'));
    const rows = Math.ceil(shown / 8);
    // Images of 28 x 3 units, 6 apart, at scale 2; plus a title, captions and padding.
    expect(image.width).toBeGreaterThanOrEqual((8 * 84 + 7 * 6) * S);
    expect(image.width).toBeLessThan((8 * 84 + 7 * 6) * S + 300);
    expect(image.height).toBeGreaterThanOrEqual(rows * 84 * S);
    expect(image.height).toBeLessThan(rows * (84 + 30) * S + 300);
  });

  it('confusion: counts in cells, true rows x predicted columns, coloured by count', async () => {
    const image = png(outFile(parity, 'parity-seed0-confusion.png'));
    // After 20 epochs parity is solved: 162 of each class, on the diagonal.
    const cells = await placedItems(confusionSpec([[162, 0], [0, 162]], 'parity-seed0'), 'cells');
    expect(cells).toHaveLength(4);
    const at = (t: number, p: number) => cells.find((c) => c.datum.truth === t && c.datum.predicted === p)!;
    expect(at(0, 1).x).toBeGreaterThan(at(0, 0).x);
    expect(at(1, 0).y).toBeGreaterThan(at(0, 0).y);
    for (const c of cells) expect(distance(cellPixel(image, c), parseColor(c.fill))).toBeLessThanOrEqual(3);
    expect(distance(cellPixel(image, at(0, 0)), cellPixel(image, at(0, 1)))).toBeGreaterThan(60);
    const summary = JSON.parse(readFileSync(join(parityA, 'summary.json'), 'utf8'));
    expect(summary.testAccuracy).toBe(1);
  });

  it('one run without --out writes into RUN_DIR/plots; --scale 1 draws half as many pixels a side', async () => {
    const r = await plotCommand([parityA], { quiet: true, scale: '1' });
    expect(r.outDir).toBe(join(parityA, 'plots'));
    expect(existsSync(join(parityA, 'plots', 'curves.png'))).toBe(true);
    const small = png(join(r.outDir, 'parity-seed0-weights.png'));
    const large = png(outFile(parity, 'parity-seed0-weights.png'));
    expect(small.width).toBe(large.width / 2);
    expect(small.height).toBe(large.height / 2);
  });
});

describe('dpt plot: bad input', () => {
  const bad = join(dir, 'bad');
  const runWith = (name: string, metrics: string | null, model?: string) => {
    const d = join(bad, name);
    mkdirSync(d, { recursive: true });
    if (metrics !== null) writeFileSync(join(d, 'metrics.jsonl'), metrics);
    if (model) copyFileSync(model, join(d, 'model.dpt'));
    return d;
  };
  const quiet = { out: join(bad, 'out'), quiet: true };

  it('a folder without metrics.jsonl is refused, naming the file', async () => {
    const d = runWith('empty', null);
    const err = await plotCommand([d], quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFormatError);
    expect((err as DataFormatError).file).toBe(join(d, 'metrics.jsonl'));
    expect((err as Error).message).toMatch(/metrics\.jsonl: no such file \(.*is not a dpt run folder/);
    await expect(plotCommand([join(bad, 'nope')], quiet)).rejects.toThrow(/no such folder/);
  });

  it.each([
    ['{"epoch":0,"trainError":0.5,"testAccuracy":0.5}\n{"epoch":1,"trainErr', /metrics\.jsonl: line 2: not JSON/],
    ['{"epoch":0,"trainError":0.5,"testAccuracy":0.5}\n\n[1,2]\n', /metrics\.jsonl: line 3: expected a JSON object per line/],
    ['{"trainError":0.5,"testAccuracy":0.5}\n', /line 1: "epoch" must be a whole number, got undefined/],
    ['{"epoch":0,"trainError":0.5}\n', /line 1: no "testAccuracy"/],
    ['{"epoch":0,"trainError":0.5,"testAccuracy":"high"}\n', /line 1: "testAccuracy" must be a number, got "high"/],
    ['\n\n', /metrics\.jsonl: holds no epoch record yet/],
    ['{"kind":"step","step":10,"error":0.5,"seconds":0.1}\n', /metrics\.jsonl: holds no epoch record yet/],
    ['{"kind":7,"epoch":0,"trainError":0.5,"testAccuracy":0.5}\n', /line 1: "kind" must be a string, got 7/],
  ])('a malformed metrics.jsonl is refused with its line: %j', async (text, message) => {
    const d = runWith('malformed', text);
    await expect(plotCommand([d], quiet)).rejects.toThrow(message);
    await expect(plotCommand([d], quiet)).rejects.toBeInstanceOf(DataFormatError);
  });

  it('null values (a diverged run writes NaN as null) are gaps, not errors', () => {
    const points = parseMetrics('m.jsonl', '{"epoch":0,"trainError":null,"testAccuracy":0.1}\n{"epoch":1,"trainError":0.2,"testAccuracy":0.3}\n');
    expect(points).toEqual([
      { epoch: 0, trainError: null, testAccuracy: 0.1 },
      { epoch: 1, trainError: 0.2, testAccuracy: 0.3 },
    ]);
  });

  it('step records (--metrics-every) are skipped: the curves have one point per epoch record', () => {
    const text = readFileSync(join(parityA, 'metrics.jsonl'), 'utf8');
    const kinds = text.trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds.filter((k) => k === 'step').length).toBeGreaterThan(20);
    expect(kinds.filter((k) => k === 'epoch')).toHaveLength(20);
    expect(parseMetrics('m.jsonl', text).map((p) => p.epoch)).toEqual([...Array(20).keys()]);
    // Files from before records had a kind: every line an epoch record.
    expect(parseMetrics('m.jsonl', '{"epoch":0,"trainError":0.5,"testAccuracy":0.5}\n{"kind":"step","step":3}\n')).toEqual([
      { epoch: 0, trainError: 0.5, testAccuracy: 0.5 },
    ]);
  });

  it('a run without model.dpt still gets its curves; the model pictures are skipped with a message', async () => {
    const d = runWith('no-model', readFileSync(join(parityA, 'metrics.jsonl'), 'utf8'));
    const lines: string[] = [];
    const r = await plotCommand([d], { out: join(bad, 'out-no-model') }, (s) => lines.push(s));
    expect(r.files).toEqual([join(bad, 'out-no-model', 'curves.png')]);
    expect(r.skipped).toEqual([`${join(d, 'model.dpt')}: no model file; skipped the weights, digits and confusion matrix of no-model`]);
    expect(lines[0]).toBe(`dpt: ${r.skipped[0]}`);
    expect(png(r.files[0]).width).toBeGreaterThan(1000);
  });

  it('a corrupt model.dpt is refused, naming the file', async () => {
    const d = runWith('corrupt', readFileSync(join(parityA, 'metrics.jsonl'), 'utf8'), join(parityA, 'model.dpt'));
    const bytes = readFileSync(join(d, 'model.dpt'));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(join(d, 'model.dpt'), bytes);
    const err = await plotCommand([d], quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).file).toBe(join(d, 'model.dpt'));
    expect((err as Error).message).toMatch(/checksum mismatch/);
  });

  it('flags: several runs need --out; --sample must be a test sample; --scale a number in 0.5..8', async () => {
    await expect(plotCommand([parityA, parityB], { quiet: true })).rejects.toThrow(new ConfigError('--out', 'give an output folder when plotting several runs'));
    await expect(plotCommand([mnist], { ...quiet, sample: 'x' })).rejects.toThrow(/--sample: expected a test sample index/);
    await expect(plotCommand([mnist], { ...quiet, sample: '10000' })).rejects.toThrow(/--sample: 10000 is not a test sample index in 0\.\.9999/);
    for (const scale of ['0', '9', 'big', '-1']) await expect(plotCommand([mnist], { ...quiet, scale })).rejects.toThrow(/--scale: expected pixels per layout unit in 0\.5\.\.8/);
  });

  it('the CLI exits 2 with the message', async () => {
    const err: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
    try {
      expect(await main(['node', 'dpt', 'plot', join(bad, 'nope'), '--out', join(bad, 'out')])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err.join('\n')).toMatch(/^dpt: error: .*nope\/metrics\.jsonl: no such file \(no such folder/);
  });
});

describe('dpt plot, output errors', () => {
  it('--out that is an existing file: a ConfigError naming --out, no stack trace', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(plotCommand([parityA], { out: file, quiet: true })).rejects.toThrow(ConfigError);
    await expect(plotCommand([parityA], { out: file, quiet: true })).rejects.toThrow(/^--out: cannot create the folder/);
  });
});
