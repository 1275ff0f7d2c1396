// The few WebAssembly JS API types this folder uses. The project compiles
// against ES2022 + Node 20 types, which do not declare the WebAssembly
// namespace, and declaring it globally could clash with other declarations
// later; so the API is typed here, locally, and read from globalThis.

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

/** The engine's WebAssembly object, or undefined when it has none. */
export const engine: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

// (module (func (result v128) (v128.const i32x4 0 0 0 0))): valid exactly
// when the engine supports fixed-width SIMD.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b, // code: v128.const 0, end
]);

/** True when this engine runs WebAssembly with fixed-width SIMD. */
export function simdSupported(): boolean {
  return engine !== undefined && engine.validate(SIMD_PROBE);
}
