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
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
