// `dpt completion bash|zsh`: a shell completion script, made from the
// program's own commands and options, so it never lags behind them.
//   bash: source <(dpt completion bash)        (or save it under bash-completion's completions/)
//   zsh:  source <(dpt completion zsh)         (bashcompinit emulation)

import type { Command } from 'commander';
import { ConfigError } from '../lib/errors.js';

export const SHELLS = ['bash', 'zsh'] as const;

/** Every command's flags, for the shell's case statement. */
function commandWords(program: Command): { names: string[]; flags: Map<string, string[]> } {
  const flags = new Map<string, string[]>();
  for (const cmd of program.commands) flags.set(cmd.name(), [...cmd.options.map((o) => o.long!).filter(Boolean), '--help']);
  return { names: program.commands.map((c) => c.name()), flags };
}

export function completionScript(program: Command, shell: string): string {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new ConfigError('dpt completion', `unknown shell "${shell}"; expected ${SHELLS.join(' or ')}`);
  const { names, flags } = commandWords(program);
  const cases = [...flags].map(([name, f]) => `    ${name}) words="${f.join(' ')}" ;;`).join('\n');
  const body = `_dpt() {
  local cur words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names.join(' ')} --version --help" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    *) words="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -F _dpt dpt
`;
  return shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${body}` : body;
}
