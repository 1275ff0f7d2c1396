// `dpt config [command] [options]`: the options `dpt <command>` would run
// with, each with the flag, variable, file key, preset or default it came
// from. Secrets are masked: the output may be pasted into an issue.

import { ConfigError } from '../lib/errors.js';
import { COMMANDS, describeOptions, formatOptions, resolveOptions, type CommandName } from '../lib/options.js';

export function configCommand(command: string, opts: Record<string, unknown>, print: (line: string) => void = console.log): void {
  if (!(COMMANDS as readonly string[]).includes(command)) throw new ConfigError('dpt config', `unknown command "${command}"; expected one of ${COMMANDS.join(', ')}`);
  const { json, ...flags } = opts;
  const resolved = resolveOptions(command as CommandName, flags);
  const shown = describeOptions(command as CommandName, resolved);
  if (json) {
    print(JSON.stringify({ command, options: Object.fromEntries(shown.map((s) => [s.key, { value: s.value, source: s.source.name }])) }, null, 2));
  } else print(formatOptions(command as CommandName, shown));
}
