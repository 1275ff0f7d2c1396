#!/usr/bin/env node
// Copies the generated protobuf code (proto/gen: dpt.js and its dpt.d.ts)
// into dist/ beside the compiled sources that import it. tsc cannot emit it:
// declarations for the generated JavaScript would replace the generator's own.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist', 'proto', 'gen'), { recursive: true });
for (const name of ['dpt.js', 'dpt.d.ts']) copyFileSync(join(root, 'proto', 'gen', name), join(root, 'dist', 'proto', 'gen', name));
