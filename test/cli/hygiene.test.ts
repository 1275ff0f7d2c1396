// The CLI's own surface: --version, bare `dpt` (help, exit 2: no command
// given), --help (exit 0), and shell completion generated from the program.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s + '\n'));
  const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s + '\n'));
  try {
    const code = await main(['node', 'dpt', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

describe('dpt CLI surface', () => {
  it('--version prints the package version, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const r = await run('--version');
    expect([r.code, r.out.trim()]).toEqual([0, version]);
  });

  it('bare dpt prints the help on stderr and exits 2; asked-for help exits 0', async () => {
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/^Usage: dpt \[options\] \[command\]/);
    expect((await run('--help')).code).toBe(0);
    expect((await run('help', 'train')).code).toBe(0);
    expect((await run('no-such-command')).code).toBe(2);
  });

  it('completion bash|zsh: a script the shell parses, with every command and its flags', async () => {
    const r = await run('completion', 'bash');
    expect(r.code).toBe(0);
    expect(spawnSync('bash', ['-n'], { input: r.out }).status).toBe(0);
    expect(r.out).toMatch(/compgen -W "train coordinator worker config completion wait-redis eval predict plot export/);
    expect(r.out).toMatch(/ {4}train\) words="[^"]*--config[^"]*--init-from/);
    expect(r.out).toMatch(/ {4}worker\) words="[^"]*--lock-ms/);
    expect((await run('completion', 'zsh')).out).toMatch(/^autoload -U \+X bashcompinit/);
    const fish = await run('completion', 'fish');
    expect([fish.code, fish.err]).toEqual([2, 'dpt: error: dpt completion: unknown shell "fish"; expected bash or zsh\n']);
  });
});
