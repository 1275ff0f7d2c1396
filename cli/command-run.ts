// What `dpt train` and `dpt coordinator` do alike before anything starts:
// the config, data and model resolved and checked, the starting weights
// (--init-from) read, the output folders made, and a checkpoint that
// cannot be continued refused. Every refusal comes here, before a broker,
// a worker, a server or a run on Redis exists.

import { checkStepCount, type ConfigFlags } from '../lib/config.js';
import { ConfigError } from '../lib/errors.js';
import { readInitialWeights } from '../lib/export/init-from.js';
import { loadCheckpoint, prepareRunDirs } from '../lib/train/run-files.js';
import { defaultOutDir, prepareRun, type PreparedRun } from '../lib/train/run-training.js';

export interface CommandRunFlags extends ConfigFlags {
  out?: string;
  checkpointDir?: string;
  initFrom?: string;
  initSha256?: string;
}

/** The prepared run and its output folder; `runId` is checked against a checkpoint's (undefined: any, as `dpt train`). */
export async function prepareCommandRun(opts: CommandRunFlags, runId: string | undefined): Promise<{ run: PreparedRun; outDir: string }> {
  const run = prepareRun(opts);
  if (opts.initSha256 !== undefined && opts.initFrom === undefined) throw new ConfigError('--init-sha256', 'pins the file of --init-from, which is not given');
  if (opts.initFrom !== undefined) run.ctx.startFrom(await readInitialWeights(opts.initFrom, run.config, opts.initSha256));
  checkStepCount(run.config, run.ctx.trainCount);
  const outDir = opts.out ?? defaultOutDir(run.config);
  prepareRunDirs(outDir, opts.checkpointDir);
  // Refused later, a coordinator's run would already be published, then marked failed and its workers sent home.
  if (opts.checkpointDir) await loadCheckpoint(opts.checkpointDir, runId, run.ctx);
  return { run, outDir };
}
