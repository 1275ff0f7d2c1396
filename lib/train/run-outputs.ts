// What a training run leaves in its output folder:
//   metrics.jsonl  one JSON record per epoch, appended as each epoch ends
//   summary.json   the final numbers, the parameter digest and the full config
//   model.dpt      the trained model (see lib/wire/model-file.ts)
// Files are written whole and renamed into place, so a reader (or a crash)
// never sees half a summary.

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from '../wire/files.js';
import { join } from 'node:path';
import type { TrainConfig } from '../config.js';
import type { EpochMetrics, LoopState } from './train-loop.js';
import { paramsSha256 } from '../wire/tensors.js';
import { activeKernels } from '../math/kernels.js';

export interface RunSummary {
  testAccuracy: number;
  trainError: number;
  epochs: number;
  steps: number;
  samples: number;
  seconds: number;
  samplesPerSecond: number;
  paramsSha256: string;
  workers: number;
  dataset: { name: string; trainCount: number; testCount: number };
  config: TrainConfig;
  /** Kernel implementation of this process (workers may use others: the bits are the same). */
  kernels: string;
  node: string;
  finishedAt: string;
}

export function summarise(state: LoopState, config: TrainConfig, workers: number, dataset: RunSummary['dataset']): RunSummary {
  const last = state.history[state.history.length - 1];
  return {
    testAccuracy: last?.testAccuracy ?? 0,
    trainError: last?.trainError ?? 0,
    epochs: state.history.length,
    steps: state.version,
    samples: state.samples,
    seconds: state.seconds,
    samplesPerSecond: state.seconds > 0 ? state.samples / state.seconds : 0,
    paramsSha256: paramsSha256(state.params),
    workers,
    dataset,
    config,
    kernels: activeKernels(),
    node: process.version,
    finishedAt: new Date().toISOString(),
  };
}

export class RunOutputs {
  /** Starts metrics.jsonl afresh with the epochs already done (a resumed run's history). */
  constructor(readonly dir: string, history: readonly EpochMetrics[] = []) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'metrics.jsonl'), history.map((m) => JSON.stringify(m) + '\n').join(''));
  }

  get modelPath(): string {
    return join(this.dir, 'model.dpt');
  }

  appendEpoch(m: EpochMetrics): void {
    appendFileSync(join(this.dir, 'metrics.jsonl'), JSON.stringify(m) + '\n');
  }

  async writeSummary(s: RunSummary): Promise<void> {
    await writeFileAtomic(join(this.dir, 'summary.json'), [Buffer.from(JSON.stringify(s, null, 2) + '\n')]);
  }
}
