// Where dpt's package is installed: the nearest folder above this module
// holding a package.json (lib/ in the sources, dist/lib/ once compiled; dist/
// has no package.json). Built artefacts (the WebAssembly and native kernels)
// and the CLI entry are found from here.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (root = dir);
}

let version: string | undefined;

/** dpt's version, from its package.json (run records carry it). */
export function packageVersion(): string {
  if (version !== undefined) return version;
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return (version = typeof pkg.version === 'string' ? pkg.version : 'unknown');
}
