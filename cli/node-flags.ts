// The Node flags every dpt process should run with. One today: V8's young
// generation capped at 1 MB per semi-space.
//
// Each distributed step receives ~100 KB tensors (the weights in a worker,
// every gradient in the coordinator) into fresh Buffers: Node's socket reads
// and ioredis's joining of a reply's packets allocate them, outside the JS
// heap. They die within the step, but V8 frees that memory only when it
// collects the small JS objects holding it. With the default young
// generation (growing to 16 MB per semi-space), scavenges are rare when
// little JS garbage is made, so the outside memory piled up until V8 ran a
// full mark-compact for it, whose pauses made a heavy tail of step times.
// A small young generation is scavenged often, and each scavenge frees
// those Buffers cheaply (the numbers: bench/README.md).
//
// It has to be a command-line flag (v8.setFlagsFromString at startup does
// not shrink the young generation), so it is written out where dpt
// processes start: bin/dpt.js's shebang, the npm scripts, the Dockerfile's
// NODE_OPTIONS, and the workers `dpt train` forks (local-workers.ts).
// test/deploy checks that those copies agree with this list.

import v8 from 'node:v8';

export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * V8 settings dpt applies itself when a command starts (applyRuntimeFlags):
 * Node refuses them in NODE_OPTIONS, and they take effect at run time.
 *
 * --heap-growing-percent=300: after each full collection V8 lets the heap
 * grow to 4x what survived (its default is a factor of 1.1-4 chosen from
 * how busy the process was, about 1.3 in a worker, whose heap is ~26 MB).
 * A distributed step allocates ~140 KB of small JS objects in each process
 * and promotes some; with the default factor a worker ran a full
 * mark-compact every ~70 steps, each 10-25 ms of marking (part of it on a
 * second thread that competes for the same cores), and those pauses were
 * most of a 2-worker run's heavy tail of step times. With 4x it runs one
 * every few hundred steps, at the price of a larger JS heap between
 * collections (up to 4x the ~26 MB a worker keeps alive; a worker's RSS,
 * dataset included, is ~270 MB). Numbers: bench/README.md.
 */
export const RUNTIME_V8_FLAGS: readonly string[] = ['--heap-growing-percent=300'];

/** Applies RUNTIME_V8_FLAGS to this process. */
export function applyRuntimeFlags(): void {
  for (const flag of RUNTIME_V8_FLAGS) v8.setFlagsFromString(flag);
}
