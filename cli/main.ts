// The `dpt` command line. Each command lives in its own module; this file
// only declares flags and turns errors into exit codes:
//   0 success, 1 runtime failure, 2 bad usage or input (ConfigError, DataFormatError, ModelFileError).

import '../lib/accel/register.js';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, DataFormatError, DptError, ModelFileError } from '../lib/errors.js';
import { trainCommand } from './train-command.js';
import { evalCommand } from './eval-command.js';
import { predictCommand } from './predict-command.js';
import { plotCommand } from './plot-command.js';
import { exportCommand } from './export-command.js';
import { coordinatorCommand } from './coordinator-command.js';
import { workerCommand } from './worker-command.js';
import { LOG_LEVELS } from '../lib/log.js';
import { EXPORT_FORMATS } from '../lib/export/export-model.js';
import { brokerErrorFor } from '../lib/redis/connect.js';
import { ACTIVATIONS, DTYPES, INITS, INPUT_SCALINGS, LOSSES, PRESETS } from '../lib/config.js';
import { KERNEL_IMPLS, kernelsAvailable, selectKernels, type KernelImpl } from '../lib/math/kernels.js';
import { nativeUnavailableReason } from '../lib/accel/native/native-kernels.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Flags that define a training configuration (shared by train and coordinator). */
export function addTrainingFlags(cmd: Command): Command {
  return cmd
    .option('--preset <name>', `start from a preset: ${Object.keys(PRESETS).join(', ')} (default: mnist)`)
    .option('--dataset <name|dir>', 'mnist, parity, or a folder of IDX files (raw or .gz)')
    .option('--structure <sizes>', 'layer sizes, input first, e.g. 784,32,10')
    .option('--epochs <n>', 'passes over the training set')
    .option('--batch-size <n>', 'samples per SGD step')
    .option('--shard-size <n>', 'samples per shard (the unit of work and of summation order)')
    .option('--eta <x>', 'learning rate')
    .option('--seed <n>', 'seed of every random draw (0..4294967295)')
    .addOption(new Option('--activation <f>', 'hidden and output activation').choices(ACTIVATIONS))
    .addOption(new Option('--loss <l>', 'squared error (the article) or softmax cross-entropy').choices(LOSSES))
    .addOption(new Option('--init <i>', 'parameter init').choices(INITS))
    .addOption(new Option('--dtype <t>', 'arithmetic precision').choices(DTYPES))
    .addOption(new Option('--input-scaling <s>', 'raw values (the article) or scaled to [0, 1]').choices(INPUT_SCALINGS))
    .option('--train-limit <n>', 'train on the first n samples only (0 = all)')
    .option('--test-limit <n>', 'evaluate on the first n test samples only (0 = all)')
    .option('--max-steps <n>', 'stop after n SGD steps (0 = no limit)');
}

const SHARDS_PER_JOB_HELP = 'shards one queue job carries: auto = ceil(shards / workers), one job per worker; 1 balances unequal workers best';

export function buildProgram(): Command {
  const program = new Command('dpt')
    .description('dpt: data-parallel MLP training with bit-identical results for any number of workers')
    .showHelpAfterError()
    // Throw instead of exiting, so usage errors get exit code 2 like every other bad input.
    .exitOverride();

  addTrainingFlags(program.command('train').description('train a network (in-process with --workers 0)'))
    .option('--workers <n>', 'worker processes to fork (0 = compute in this process)', '0')
    .option('--shards-per-job <n>', SHARDS_PER_JOB_HELP, 'auto')
    .option('--redis <url>', 'Redis for --workers > 0 (default: REDIS_URL, else a private redis-server)')
    .option('--prefix <p>', 'Redis key prefix', 'dpt')
    .option('--out <dir>', 'output folder for summary.json, metrics.jsonl, model.dpt (default runs/<dataset>-<time>)')
    .option('--checkpoint-dir <dir>', 'save a checkpoint every epoch; resume from it when present')
    .option('--secret-file <file>', 'secret for the forked workers\' messages (default: DPT_SECRET, else a random one)')
    .option('--redis-ca <file>', 'PEM file of the CA that signed a rediss:// server\'s certificate (default: DPT_REDIS_CA)')
    .option('--quiet', 'print nothing but errors')
    .option('--metrics-port <port>', 'serve /metrics, /healthz, /readyz and the dashboard on this port (default: DPT_METRICS_PORT, else off)')
    .option('--dashboard <port>', 'serve the live dashboard alone on this port')
    .action(async (opts) => {
      await trainCommand(opts);
    });

  addTrainingFlags(program.command('coordinator').description('coordinate a distributed run; workers join with `dpt worker`'))
    .option('--run-id <id>', 'name of the run (workers join by it)')
    .option('--shards-per-job <n>', SHARDS_PER_JOB_HELP, 'auto')
    .option('--redis <url>', 'Redis URL, e.g. redis://:password@host:6379 (default: REDIS_URL)')
    .option('--prefix <p>', 'Redis key prefix', 'dpt')
    .option('--out <dir>', 'output folder (default runs/<dataset>-<time>)')
    .option('--checkpoint-dir <dir>', 'save a checkpoint every epoch; a restarted coordinator resumes from it')
    .option('--secret-file <file>', 'the secret shared with the workers (default: DPT_SECRET)')
    .option('--lease-ms <ms>', 'the run\'s lease: renewed every quarter; a dead coordinator\'s run is free this long after its last renewal', '10000')
    .option('--redis-ca <file>', 'PEM file of the CA that signed a rediss:// server\'s certificate (default: DPT_REDIS_CA)')
    .addOption(new Option('--log-level <l>', 'log level (default: DPT_LOG_LEVEL, else info)').choices(LOG_LEVELS))
    .option('--metrics-port <port>', 'serve /metrics, /healthz, /readyz and the dashboard on this port, 0 = off (default: DPT_METRICS_PORT, else 9464)')
    .option('--dashboard <port>', 'serve the live dashboard alone on this port')
    .action(async (opts) => {
      await coordinatorCommand(opts);
    });

  program.command('worker').description('compute shard gradients for a run; exits 0 when the run is over')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL)')
    .option('--run-id <id>', 'run to join (default: the newest active run)')
    .option('--data <name|dir>', 'use a local copy of the dataset (mnist, parity or a folder), verified by hash, instead of downloading it')
    .option('--prefix <p>', 'Redis key prefix', 'dpt')
    .option('--lock-ms <ms>', 'BullMQ job lock, renewed while a job runs: a dead worker\'s job goes to another within about this long', '5000')
    .option('--secret-file <file>', 'the secret shared with the coordinator (default: DPT_SECRET)')
    .option('--redis-ca <file>', 'PEM file of the CA that signed a rediss:// server\'s certificate (default: DPT_REDIS_CA)')
    .addOption(new Option('--log-level <l>', 'log level (default: DPT_LOG_LEVEL, else info)').choices(LOG_LEVELS))
    .option('--metrics-port <port>', 'serve /metrics, /healthz and /readyz on this port, 0 = off (default: DPT_METRICS_PORT, else 9464)')
    .action(async (opts) => {
      await workerCommand(opts);
    });

  program.command('eval').argument('<model>', 'a model.dpt file')
    .description('accuracy and confusion matrix of a saved model')
    .option('--dataset <name|dir>', 'evaluate on this dataset instead of the one trained on')
    .option('--split <s>', 'test or train', 'test')
    .option('--json', 'print one JSON object')
    .action(async (model: string, opts) => {
      await evalCommand(model, opts);
    });

  program.command('predict').argument('<model>', 'a model.dpt file')
    .description('classify test-set samples (--index) or the images of an IDX file (--idx)')
    .option('--index <i>', 'test-set sample index (repeatable)', collect)
    .option('--idx <file>', 'an IDX images file (raw or .gz)')
    .option('--dataset <name|dir>', 'dataset whose test set --index refers to (default: the one trained on)')
    .option('--json', 'one JSON object per line')
    .action(async (model: string, opts) => {
      await predictCommand(model, opts);
    });

  program.command('plot').argument('<run-dirs...>', 'run folders (written by train --out DIR)')
    .description('PNG plots of runs: learning curves overlaid, first-layer weights, digits, confusion matrix')
    .option('--out <dir>', 'output folder (default: RUN_DIR/plots for one run)')
    .option('--sample <i>', 'test sample drawn as the single digit', '0')
    .option('--scale <x>', 'pixels per layout unit: 1 for small files, 2 (default) for sharp ones')
    .option('--quiet', 'print nothing but errors')
    .action(async (runDirs: string[], opts) => {
      await plotCommand(runDirs, opts);
    });

  program.command('export').argument('<model>', 'a model.dpt file')
    .description('write a model\'s parameters and metadata as npz, safetensors, onnx or json')
    .addOption(new Option('--format <f>', 'file format (default: from --out\'s extension)').choices(EXPORT_FORMATS))
    .option('--out <file>', 'output file (default: MODEL with the format\'s extension)')
    .option('--dataset <name|dir>', 'dataset whose largest value scales the ONNX graph\'s inputs (default: the one trained on)')
    .option('--quiet', 'print nothing but errors')
    .action(async (model: string, opts) => {
      await exportCommand(model, opts);
    });

  return program;
}

/** DPT_KERNELS picks the kernel implementation (default: the fastest available). */
function applyKernelChoice(): void {
  const wanted = process.env.DPT_KERNELS;
  if (!wanted) return;
  if (!(KERNEL_IMPLS as readonly string[]).includes(wanted)) throw new ConfigError('DPT_KERNELS', `expected one of ${KERNEL_IMPLS.join(', ')}, got "${wanted}"`);
  if (!kernelsAvailable(wanted as KernelImpl)) {
    const why = wanted === 'native' ? nativeUnavailableReason() : null;
    throw new ConfigError('DPT_KERNELS', `kernels "${wanted}" are not available here (${why ?? 'not built or not supported'})`);
  }
  selectKernels(wanted as KernelImpl);
}

export async function main(argv: string[]): Promise<number> {
  try {
    applyKernelChoice();
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed the message (or the help) already
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 2;
    }
    if (e instanceof ConfigError || e instanceof DataFormatError || e instanceof ModelFileError) {
      console.error(`dpt: error: ${e.message}`);
      return 2;
    }
    // A Redis answer no retry can fix (NOPERM, OOM) is a BrokerError, whichever command met it.
    const error = brokerErrorFor(e) ?? e;
    if (error instanceof DptError) {
      console.error(`dpt: error: ${error.message}`);
      return 1;
    }
    throw e;
  }
}
