// Reading what `dpt train` leaves in a run folder, for plotting after the
// fact: metrics.jsonl (required: one JSON record per epoch, beside "step"
// records of --metrics-every, which the curves do not use) and model.dpt
// (optional: a run still training, or stopped before its end, has none yet).
// A file that is there but unreadable is refused with the file and, for
// metrics.jsonl, the line.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DataFormatError } from '../errors.js';
import { readModelFile } from '../wire/files.js';
import type { Model } from '../wire/types.js';

/** What the curves need of one epoch's record; a diverged run writes NaN as null, kept here as a gap. */
export interface EpochPoint {
  epoch: number;
  trainError: number | null;
  testAccuracy: number | null;
}

export interface RunFolder {
  /** The folder as given. */
  dir: string;
  /** Its name on the plots: the folder's name, or the path as given when two runs share a name. */
  label: string;
  history: EpochPoint[];
  /** null when the folder has no model.dpt. */
  model: Model | null;
  modelPath: string;
}

const PLOTTED = ['trainError', 'testAccuracy'] as const;

/** Parses metrics.jsonl; every malformed line is a DataFormatError naming the file and the line. */
export function parseMetrics(file: string, text: string): EpochPoint[] {
  const points: EpochPoint[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const bad = (why: string) => new DataFormatError(file, `line ${i + 1}: ${why}`);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      throw bad(`not JSON (${(e as Error).message})`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw bad('expected a JSON object per line');
    const r = record as Record<string, unknown>;
    // Files written before records had a kind hold epoch records only.
    if (r.kind !== undefined && r.kind !== 'epoch') {
      if (typeof r.kind !== 'string') throw bad(`"kind" must be a string, got ${JSON.stringify(r.kind)}`);
      continue;
    }
    if (!Number.isInteger(r.epoch) || (r.epoch as number) < 0) throw bad(`"epoch" must be a whole number, got ${JSON.stringify(r.epoch)}`);
    const point: EpochPoint = { epoch: r.epoch as number, trainError: null, testAccuracy: null };
    for (const k of PLOTTED) {
      const v = r[k];
      if (v === undefined) throw bad(`no "${k}"`);
      if (v !== null && typeof v !== 'number') throw bad(`"${k}" must be a number, got ${JSON.stringify(v)}`);
      point[k] = v;
    }
    points.push(point);
  }
  if (points.length === 0) throw new DataFormatError(file, 'holds no epoch record yet');
  return points;
}

export function metricsPath(dir: string): string {
  return join(dir, 'metrics.jsonl');
}

export function modelPath(dir: string): string {
  return join(dir, 'model.dpt');
}

/** Reads one run folder; a missing model.dpt is not an error (model: null), a corrupt one is (ModelFileError). */
export async function readRunFolder(dir: string): Promise<Omit<RunFolder, 'label'>> {
  const file = metricsPath(dir);
  if (!existsSync(file)) {
    const why = !existsSync(dir) ? `no such folder ${dir}` : statSync(dir).isDirectory() ? `${dir} is not a dpt run folder` : `${dir} is not a folder`;
    throw new DataFormatError(file, `no such file (${why}; \`dpt train --out DIR\` writes DIR/metrics.jsonl)`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataFormatError(file, `cannot read it: ${(e as Error).message}`);
  }
  const history = parseMetrics(file, text);
  const path = modelPath(dir);
  const model = existsSync(path) ? await readModelFile(path) : null;
  return { dir, history, model, modelPath: path };
}

/** Reads every run folder and labels each by its name, or by its path where names collide. */
export async function readRunFolders(dirs: readonly string[]): Promise<RunFolder[]> {
  const runs: Omit<RunFolder, 'label'>[] = [];
  for (const dir of dirs) runs.push(await readRunFolder(dir));
  const name = (dir: string) => basename(resolve(dir));
  return runs.map((r) => {
    const shared = runs.filter((o) => name(o.dir) === name(r.dir)).length > 1;
    return { ...r, label: shared ? r.dir : name(r.dir) };
  });
}
