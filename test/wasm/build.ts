// Builds the wasm module if it is missing or stale (a no-op in ~50 ms when it
// is up to date), so `vitest run test/wasm` works straight after a checkout
// and after anything that wiped build/ (node-gyp's clean removes it whole).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function ensureWasmBuilt(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-wasm.mjs', import.meta.url))], { stdio: 'pipe' });
}
