// Where dpt's package is installed: the nearest folder above this module
// holding a package.json (lib/ in the sources, dist/lib/ once compiled; dist/
// has no package.json). Built artefacts (the WebAssembly and native kernels)
// and the CLI entry are found from here.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (root = dir);
}
