// Every option of the commands that run (train, coordinator, worker), in one
// table, and how a value is found for each: a flag, else its environment
// variable, else the --config file, else (for the training config) the
// preset, else the default. Adding an option is one entry of OPTIONS; its
// flag (--batch-size) and variable (DPT_BATCH_SIZE) follow from its key.
//
// Values travel as text from every source (a file's numbers and lists are
// written out first), so each is checked by the one parser of its field, and
// a bad value is refused naming where it came from: the flag, the variable,
// or `FILE: key`. The commands then see the winning values exactly as if
// they had been typed as flags.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import {
  ACTIVATIONS, CONFIG_KEYS, DISPATCHES, DTYPES, FIELD_PARSERS, flagOf, INITS, INPUT_SCALINGS, LOSSES, PRESETS, presetValues,
  resolveConfig, type ConfigFlags, type TrainConfig,
} from './config.js';
import { ConfigError } from './errors.js';
import { LOG_LEVELS, redactUrl } from './log.js';

export const COMMANDS = ['train', 'coordinator', 'worker'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface OptionSpec {
  /** camelCase: commander's attribute, and the key in a --config file (kebab-case is accepted there too). */
  key: string;
  /** --kebab-case, from the key. */
  flag: string;
  /** The argument's placeholder, e.g. '<n>'; undefined for a switch (--quiet). */
  arg?: string;
  help: string;
  commands: readonly CommandName[];
  /** The value the command uses when no source gives one (shown in help and by `dpt config`; preset fields: see PRESETS). */
  default?: string;
  /** Environment variables, the first set one wins: DPT_<UPPER_SNAKE> and documented aliases. */
  env: readonly string[];
  /** Whether a --config file may set it (not --config itself). */
  inFile: boolean;
  /** Throws a ConfigError naming `name` (flag, variable or file key) when `v` is not a valid value. */
  check(name: string, v: string): void;
  /** What `dpt config` shows instead of the value (a Redis URL's password). */
  mask?(v: string): string;
}

export function envNameOf(key: string): string {
  return 'DPT_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}

// ---- Value checks for the options outside the training config (zod).
// zod and yaml load on first use: every worker process parses its options,
// and a busy machine feels each module a process start has to read.

const require = createRequire(import.meta.url);
type Z = typeof Zod.z;
let zodModule: Z | undefined;
const zod = (): Z => (zodModule ??= (require('zod') as typeof Zod).z);

type Schema = (z: Z) => Zod.ZodType;

function zodCheck(build: Schema): (name: string, v: string) => void {
  let schema: Zod.ZodType | undefined;
  return (name, v) => {
    const r = (schema ??= build(zod())).safeParse(v);
    if (!r.success) throw new ConfigError(name, `${r.error.issues[0].message}, got "${v}"`);
  };
}

const whole = (min: number, max: number): Schema => (z) => z.string()
  .regex(/^\d+$/, { error: 'expected a whole number' })
  .transform(Number)
  .pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }));
const text: Schema = (z) => z.string().min(1, { error: 'must not be empty' });
const choice = (values: readonly string[]): Schema => (z) => z.string().refine((v) => values.includes(v), { error: `expected one of ${values.join(', ')}` });
const SWITCH_VALUES = ['true', 'false', '1', '0'];


// ---- The table.

const TRAINING = ['train', 'coordinator'] as const;
const ALL = COMMANDS;

type Extra = Partial<Pick<OptionSpec, 'default' | 'mask'>> & { env?: string[]; inFile?: boolean; check?: OptionSpec['check'] };

function option(key: string, arg: string | undefined, help: string, commands: readonly CommandName[], extra: Extra = {}): OptionSpec {
  const isConfigField = (CONFIG_KEYS as string[]).includes(key);
  const check = extra.check ?? (isConfigField ? (name: string, v: string) => void FIELD_PARSERS[key as keyof TrainConfig](name, v)
    : arg === undefined ? zodCheck(choice(SWITCH_VALUES)) : zodCheck(text));
  return {
    key, flag: flagOf(key), arg, help, commands,
    default: extra.default,
    env: [envNameOf(key), ...(extra.env ?? [])],
    inFile: extra.inFile ?? true,
    check,
    mask: extra.mask,
  };
}

const list = (values: readonly string[]) => values.join(', ');

export const OPTIONS: readonly OptionSpec[] = [
  option('config', '<file>', 'read options from a YAML or JSON file, or a run\'s summary.json (to run it again)', ALL, { inFile: false }),
  // The training configuration: what determines a run's bits.
  option('preset', '<name>', `start from a preset: ${Object.keys(PRESETS).join(', ')} (default: mnist)`, TRAINING, {
    check: (name, v) => void presetValues(v, name),
  }),
  option('dataset', '<name|dir>', 'mnist, parity, or a folder of IDX files (raw or .gz)', TRAINING),
  option('structure', '<sizes>', 'layer sizes, input first, e.g. 784,32,10', TRAINING),
  option('epochs', '<n>', 'passes over the training set', TRAINING),
  option('batchSize', '<n>', 'samples per SGD step', TRAINING),
  option('shardSize', '<n>', 'samples per shard (the unit of work and of summation order)', TRAINING),
  option('eta', '<x>', 'learning rate', TRAINING),
  option('seed', '<n>', 'seed of every random draw (0..4294967295)', TRAINING),
  option('activation', '<f>', `hidden and output activation: ${list(ACTIVATIONS)}`, TRAINING),
  option('loss', '<l>', `squared error (the article) or softmax cross-entropy: ${list(LOSSES)}`, TRAINING),
  option('init', '<i>', `parameter init: ${list(INITS)}`, TRAINING),
  option('dtype', '<t>', `arithmetic precision: ${list(DTYPES)}`, TRAINING),
  option('inputScaling', '<s>', `raw values (the article) or scaled to [0, 1]: ${list(INPUT_SCALINGS)}`, TRAINING),
  option('trainLimit', '<n>', 'train on the first n samples only (0 = all)', TRAINING),
  option('testLimit', '<n>', 'evaluate on the first n test samples only (0 = all)', TRAINING),
  option('maxSteps', '<n>', 'stop after n SGD steps (0 = no limit)', TRAINING),
  option('initFrom', '<file>', 'start from the weights of a model.dpt, .npz or .safetensors file of the same structure and dtype', TRAINING),
  option('initSha256', '<hex>', 'refuse --init-from unless the file has this SHA-256 (set by --config SUMMARY.json of a warm-started run)', TRAINING, {
    check: zodCheck((z) => z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lowercase hex digits' })),
  }),
  // How and where the run happens: never part of its bits.
  option('workers', '<n>', 'worker processes to fork (0 = compute in this process)', ['train'], { default: '0', check: zodCheck(whole(0, 256)) }),
  option('shardsPerJob', '<n>', 'shards one queue job carries: auto = ceil(shards / workers), one job per worker; 1 balances unequal workers best', TRAINING, {
    default: 'auto', check: zodCheck((z) => z.string().refine((v) => v === 'auto' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65536), {
      error: 'expected auto or a whole number of shards (1..65536)',
    })),
  }),
  option('dispatch', '<d>', `how shard jobs reach the workers: ${list(DISPATCHES)} (list: a sealed Redis list, the fastest; bullmq: a BullMQ queue, with its job records and tooling)`, TRAINING, {
    default: 'list', check: zodCheck(choice(DISPATCHES)),
  }),
  option('runId', '<id>', 'name of the run (workers join by it; a worker without it joins the newest active run)', ['coordinator', 'worker']),
  option('data', '<name|dir>', 'use a local copy of the dataset (mnist, parity or a folder), verified by hash, instead of downloading it', ['worker']),
  option('redis', '<url>', 'Redis URL, e.g. redis://:password@host:6379 (for train with --workers > 0: default a private redis-server)', ALL, {
    env: ['REDIS_URL'], mask: redactUrl,
  }),
  option('prefix', '<p>', 'Redis key prefix', ALL, { default: 'dpt' }),
  option('out', '<dir>', 'output folder for summary.json, metrics.jsonl, model.dpt (default runs/<dataset>-<time>)', TRAINING),
  option('checkpointDir', '<dir>', 'save a checkpoint every epoch; resume from it when present (with more --epochs: continue)', TRAINING),
  option('secretFile', '<file>', 'file holding the secret shared by coordinator and workers (else DPT_SECRET; train: else a random one)', ALL),
  option('redisCa', '<file>', 'PEM file of the CA that signed a rediss:// server\'s certificate', ALL),
  option('leaseMs', '<ms>', 'the run\'s lease: renewed every quarter; a dead coordinator\'s run is free this long after its last renewal', ['coordinator'], {
    default: '10000', check: zodCheck(whole(1000, 2 ** 31 - 1)),
  }),
  option('lockMs', '<ms>', '--dispatch bullmq: the job lock, renewed while a job runs: a dead worker\'s job goes to another within about this long', ['worker'], {
    default: '5000', check: zodCheck(whole(100, 2 ** 31 - 1)),
  }),
  option('logLevel', '<l>', `log level: ${list(LOG_LEVELS)}`, ['coordinator', 'worker'], { default: 'info', check: zodCheck(choice(LOG_LEVELS)) }),
  // Observability, wired by the commands that serve or record it.
  // No table default for the metrics port: train serves none unless asked,
  // coordinator and worker serve on 9464 (cli/monitoring.ts), and a port
  // given on purpose that is taken is an error where the default only warns.
  option('metricsPort', '<port>', 'serve /metrics, /healthz, /readyz (and the coordinator\'s dashboard at /) on this port, 0 = off; default: off for train, 9464 for coordinator and worker', ALL, {
    check: zodCheck(whole(0, 65535)),
  }),
  option('dashboard', '<port>', 'serve the live dashboard alone on this port', TRAINING, { check: zodCheck(whole(1, 65535)) }),
  option('metricsEvery', '<n>', 'also write a "step" record (step, error, seconds) to metrics.jsonl every n steps (0 = off)', TRAINING, {
    default: '0', check: zodCheck(whole(0, 2 ** 32 - 1)),
  }),
  option('quiet', undefined, 'print nothing but errors', ['train']),
];

/**
 * `v` checked as option `key` would be from the command line, as a number
 * (or 'auto'): how the commands read the values the table checks, so each
 * rule is written once.
 */
export function optionNumber(key: string, v: string): number {
  const spec = OPTIONS.find((o) => o.key === key);
  if (!spec) throw new Error(`no option ${key}`);
  spec.check(spec.flag, v);
  return Number(v);
}

export function optionsOf(command: CommandName): OptionSpec[] {
  return OPTIONS.filter((o) => o.commands.includes(command));
}

// ---- Where a value came from.

export type SourceKind = 'flag' | 'env' | 'file' | 'preset' | 'default';

export interface Source {
  kind: SourceKind;
  /** '--eta', 'DPT_ETA', 'run.yaml: eta', 'preset parity', 'default'. */
  name: string;
}

export interface ResolvedOptions {
  /** The given options as the command's flags: text, or true for a switch. Absent: the command's default (or the preset's). */
  values: Record<string, string | true>;
  sources: Record<string, Source>;
}

/**
 * The options of `command`, merged: flags > environment > --config file.
 * `flags` are commander's (only the options given on the command line).
 * Each value is checked where it was found, so an error names its source.
 */
export function resolveOptions(command: CommandName, flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const specs = optionsOf(command);
  const values: Record<string, string | true> = {};
  const sources: Record<string, Source> = {};
  const take = (spec: OptionSpec, v: string, source: Source) => {
    spec.check(source.name, v);
    if (spec.arg === undefined) {
      if (v === 'true' || v === '1') values[spec.key] = true;
    } else values[spec.key] = v;
    sources[spec.key] = source;
  };
  const byKey = new Map(specs.map((s) => [s.key, s]));
  for (const key of Object.keys(flags)) {
    if (flags[key] === undefined) continue;
    const spec = byKey.get(key);
    if (!spec) throw new ConfigError(flagOf(key), `is not an option of dpt ${command}`);
    take(spec, flags[key] === true ? 'true' : String(flags[key]), { kind: 'flag', name: spec.flag });
  }
  for (const spec of specs) {
    if (spec.key in sources) continue;
    const name = spec.env.find((e) => env[e] !== undefined && env[e] !== '');
    if (name) take(spec, env[name]!, { kind: 'env', name });
  }
  const file = values.config;
  if (typeof file === 'string') {
    for (const [key, { value, name }] of Object.entries(readConfigFile(file, specs))) {
      if (!(key in sources)) take(byKey.get(key)!, value, { kind: 'file', name });
    }
  }
  return { values, sources };
}

// ---- --config files.

/** The shapes a file may have, built on first use. */
function fileSchemas(z: Z) {
  return {
    /** A value in a file: text, a number, a switch, or a list of numbers (a structure). */
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.number())]),
    file: z.record(z.string(), z.unknown(), { error: 'expected a mapping of option names to values' }),
    /** A run's summary.json: its config block is the run's training configuration. */
    summary: z.object({
      paramsSha256: z.string(),
      config: z.record(z.string(), z.unknown()),
      initFrom: z.object({ file: z.string(), sha256: z.string() }).optional(),
    }),
  };
}

const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The options a YAML or JSON file sets, as text, with the name each is
 * known by in errors (`FILE: key`). A run's whole summary.json counts as its
 * `config` block. Options of the other commands are skipped; unknown keys are
 * refused, not ignored: a misspelt option would silently train something else.
 */
export function readConfigFile(path: string, specs: readonly OptionSpec[]): Record<string, { value: string; name: string }> {
  let textOf: string;
  try {
    textOf = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError('--config', `cannot read ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = extname(path).toLowerCase() === '.json' ? JSON.parse(textOf) : (require('yaml') as typeof Yaml).parse(textOf);
  } catch (e) {
    throw new ConfigError('--config', `${path} is not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  const { value: FileValue, file: FileShape, summary: Summary } = fileSchemas(zod());
  const shape = FileShape.safeParse(parsed ?? {});
  if (!shape.success) throw new ConfigError('--config', `${path}: ${shape.error.issues[0].message}`);
  const summary = Summary.safeParse(shape.data);
  // A warm-started run is only the same run from the same weights: its file, pinned to its hash.
  const init = summary.success && summary.data.initFrom ? { initFrom: summary.data.initFrom.file, initSha256: summary.data.initFrom.sha256 } : {};
  const entries = summary.success ? { ...summary.data.config, ...init } : shape.data;
  const where = (key: string) => !summary.success ? `${path}: ${key}` : key in init ? `${path}: initFrom` : `${path}: config.${key}`;
  const byKey = new Map(specs.filter((s) => s.inFile).map((s) => [s.key, s]));
  const known = new Set(OPTIONS.filter((s) => s.inFile).map((s) => s.key));
  const out: Record<string, { value: string; name: string }> = {};
  for (const [fileKey, raw] of Object.entries(entries)) {
    const name = where(fileKey);
    const spec = byKey.get(camel(fileKey));
    // One file may serve a whole deployment: a worker skips the coordinator's options, and the other way round.
    if (!spec && known.has(camel(fileKey))) continue;
    if (!spec) throw new ConfigError(name, `unknown option; a config file may set ${[...known].join(', ')}`);
    const v = FileValue.safeParse(raw);
    if (!v.success) throw new ConfigError(name, 'expected text, a number, true/false or a list of numbers');
    if (raw === null) continue;
    out[spec.key] = { value: Array.isArray(v.data) ? v.data.join(',') : String(v.data), name };
  }
  return out;
}

// ---- What `dpt config` shows.

export interface ShownOption {
  key: string;
  value: string;
  source: Source;
}

/**
 * Every option of `command` with its value and where it came from, the
 * training configuration resolved in full (preset and defaults included),
 * secrets masked. The secret itself is never shown, only where it is read from.
 */
export function describeOptions(command: CommandName, resolved: ResolvedOptions, env: NodeJS.ProcessEnv = process.env): ShownOption[] {
  const shown: ShownOption[] = [];
  const { values, sources } = resolved;
  const training = command !== 'worker';
  const config = training ? resolveConfig(values as ConfigFlags) : null;
  const preset = typeof values.preset === 'string' ? values.preset : undefined;
  for (const spec of optionsOf(command)) {
    const key = spec.key;
    let value: string | undefined;
    let source: Source;
    if (key in sources) {
      const v = values[key];
      value = v === undefined ? 'false' : v === true ? 'true' : v;
      source = sources[key];
    } else if (config && (CONFIG_KEYS as string[]).includes(key)) {
      const inPreset = preset !== undefined && Object.hasOwn(PRESETS[preset], key);
      value = String(config[key as keyof TrainConfig]);
      source = inPreset ? { kind: 'preset', name: `preset ${preset}` } : { kind: 'default', name: 'default' };
    } else {
      value = spec.key === 'preset' ? undefined : spec.default;
      source = { kind: 'default', name: 'default' };
    }
    if (value === undefined) continue;
    shown.push({ key, value: spec.mask ? spec.mask(value) : value, source });
  }
  const secretFile = values.secretFile;
  const secret: ShownOption = typeof secretFile === 'string' ? { key: 'secret', value: '***', source: { kind: sources.secretFile.kind, name: `${sources.secretFile.name} ${secretFile}` } }
    : env.DPT_SECRET ? { key: 'secret', value: '***', source: { kind: 'env', name: 'DPT_SECRET' } }
      : { key: 'secret', value: command === 'train' ? '(random, one per run)' : '(none: required)', source: { kind: 'default', name: 'default' } };
  shown.push(secret);
  return shown;
}

/** `dpt config`'s text: one line per option, `key  value  source`. */
export function formatOptions(command: CommandName, shown: readonly ShownOption[]): string {
  const kw = Math.max(...shown.map((s) => s.key.length));
  const vw = Math.min(40, Math.max(...shown.map((s) => s.value.length)));
  const lines = shown.map((s) => `  ${s.key.padEnd(kw)}  ${s.value.padEnd(vw)}  ${s.source.name}`);
  return [`dpt ${command}: resolved options (flags > environment > --config file > preset > defaults)`, ...lines].join('\n');
}
