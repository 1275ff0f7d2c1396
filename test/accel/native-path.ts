// The native addon's elementwise kernels run eight lanes at a time on the
// avx512 path and one at a time on the others: tests check both.
import { existsSync, readFileSync } from 'node:fs';
import { nativeBestPath, setNativePath, type NativePath } from '../../lib/accel/native/native-kernels.js';

/** Runs f with the native kernels on `path`, then puts the best path back; false when this CPU cannot run it. */
export function onNativePath<T>(path: NativePath, f: () => T): T | false {
  if (!setNativePath(path)) return false;
  try {
    return f();
  } finally {
    const best = nativeBestPath();
    if (best) setNativePath(best);
  }
}

/**
 * The path the addon must pick on this CPU, from the kernel's CPU flags
 * (avx512f, else avx2, else portable); null where they cannot be read
 * (not Linux on x86-64). The addon checks the same flags with CPUID.
 */
export function cpuWidestPath(): NativePath | null {
  if (process.platform !== 'linux' || process.arch !== 'x64' || !existsSync('/proc/cpuinfo')) return null;
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
  if (!line) return null;
  const flags = new Set(line.slice(line.indexOf(':') + 1).trim().split(/\s+/));
  return flags.has('avx512f') ? 'avx512' : flags.has('avx2') ? 'avx2' : 'portable';
}
