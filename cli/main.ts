// The `dpt` command line. Each command lives in its own module; this file
// only declares flags and turns errors into exit codes:
//   0 success (and --help, --version), 1 runtime failure, 2 bad usage or input (ConfigError,
//   DataFormatError, ModelFileError; a bare `dpt` prints the help and exits 2: no command given).

import '../lib/accel/register.js';
import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../lib/package-root.js';
import { completionScript, SHELLS } from './completion-command.js';
import { ConfigError, DataFormatError, DptError, ModelFileError } from '../lib/errors.js';
import { trainCommand, type TrainOptions } from './train-command.js';
import { evalCommand } from './eval-command.js';
import { predictCommand } from './predict-command.js';
import { plotCommand } from './plot-command.js';
import { exportCommand } from './export-command.js';
import { coordinatorCommand, type CoordinatorCommandOptions } from './coordinator-command.js';
import { workerCommand, type WorkerCommandOptions } from './worker-command.js';
import { configCommand } from './config-command.js';
import { waitRedisCommand } from './wait-redis-command.js';
import { maskCommandLine } from './command-line.js';
import { EXPORT_FORMATS } from '../lib/export/export-model.js';
import { brokerErrorFor } from '../lib/redis/connect.js';
import { COMMANDS, OPTIONS, optionsOf, resolveOptions, type CommandName } from '../lib/options.js';
import { KERNEL_IMPLS, kernelsAvailable, selectKernels, type KernelImpl } from '../lib/math/kernels.js';
import { nativeUnavailableReason } from '../lib/accel/native/native-kernels.js';
import { applyRuntimeFlags } from './node-flags.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Declares the options of `command` from the one table (lib/options.ts). No
 * defaults are given to commander: an option it reports was typed, so the
 * environment and the --config file can fill the others in order.
 */
function addOptions(cmd: Command, command: CommandName | 'config'): Command {
  const specs = command === 'config' ? OPTIONS : optionsOf(command);
  for (const o of specs) {
    const env = o.env.join(' or ');
    const extra = o.default !== undefined ? `; default: ${o.default}` : '';
    cmd.addOption(new Option(o.arg ? `${o.flag} ${o.arg}` : o.flag, `${o.help} (env ${env}${extra})`));
  }
  return cmd;
}

/** The command's options from flags, environment and --config, as its flags. */
function resolved<T>(command: CommandName, flags: Record<string, unknown>): T {
  return resolveOptions(command, flags).values as T;
}

/** `commandLine`: the arguments after `node dpt`, masked, which summary.json records. */
export function buildProgram(commandLine: readonly string[] = []): Command {
  const program = new Command('dpt')
    .description('dpt: data-parallel MLP training with bit-identical results for any number of workers')
    .version(packageVersion(), '-V, --version', 'print dpt\'s version')
    .showHelpAfterError()
    // Throw instead of exiting, so usage errors get exit code 2 like every other bad input.
    .exitOverride();

  addOptions(program.command('train').description('train a network (in-process with --workers 0)'), 'train')
    .action(async (opts: Record<string, unknown>) => {
      await trainCommand({ ...resolved<TrainOptions>('train', opts), commandLine });
    });

  addOptions(program.command('coordinator').description('coordinate a distributed run; workers join with `dpt worker`'), 'coordinator')
    .action(async (opts: Record<string, unknown>) => {
      await coordinatorCommand({ ...resolved<CoordinatorCommandOptions>('coordinator', opts), commandLine });
    });

  addOptions(program.command('worker').description('compute shard gradients for a run; exits 0 when the run is over'), 'worker')
    .action(async (opts: Record<string, unknown>) => {
      await workerCommand(resolved<WorkerCommandOptions>('worker', opts));
    });

  addOptions(program.command('config').argument('[command]', `the command whose options to resolve: ${COMMANDS.join(', ')}`, 'train')
    .description('print the options a command would run with, and where each came from (secrets masked)'), 'config')
    .option('--json', 'print one JSON object')
    .action((command: string, opts: Record<string, unknown>) => {
      configCommand(command, opts);
    });

  program.command('completion').argument('<shell>', SHELLS.join(' or '))
    .description('print a shell completion script: source <(dpt completion bash)')
    .action((shell: string) => {
      console.log(completionScript(program, shell));
    });

  program.command('wait-redis').description('wait until Redis answers PING (exit 0), or exit 1 after --timeout; for init containers and scripts')
    .option('--redis <url>', 'Redis URL (default: REDIS_URL)')
    .option('--timeout <s>', 'give up after this many seconds', '60')
    .option('--redis-ca <file>', 'PEM file of the CA that signed a rediss:// server\'s certificate (default: DPT_REDIS_CA)')
    .option('--quiet', 'print nothing but errors')
    .action(async (opts) => {
      await waitRedisCommand(opts);
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
    applyRuntimeFlags();
    await buildProgram(maskCommandLine(argv.slice(2))).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed the message (or the help) already. Asked-for help and --version
      // exit 0; anything else is bad usage, 2, bare `dpt` (help instead of a command) included.
      return e.exitCode === 0 ? 0 : 2;
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
