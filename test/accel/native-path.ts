// The native addon's elementwise kernels run eight lanes at a time on the
// avx512 path and one at a time on the others: tests check both.
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
