// The public surface of lib/wire, the only module that turns values into
// bytes and back (Redis payloads, model and checkpoint files).
export * from './codecs.js';
export * from './model-file.js';
export { paramCount } from './param-count.js';
export { bytesToTensor, hasOnlyFinite, sha256, tensorToBytes, type Tensor } from './tensor-bytes.js';
export type * from './types.js';
