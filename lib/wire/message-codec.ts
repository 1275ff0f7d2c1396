// The two wrappers every codec goes through, so that no raw protobufjs error
// (RangeError "index out of range", "invalid wire type"...) or converter
// TypeError ever escapes: callers only ever see WireError naming the message.
import { WireError } from '../errors.js';
import { errorMessage } from './field-checks.js';

interface Encodable<P> {
  encode(message: P): { finish(): Uint8Array };
}

interface Decodable<M> {
  decode(bytes: Uint8Array): M;
}

export function encodeMessage<P>(what: string, type: Encodable<P>, build: () => P): Uint8Array {
  // build() runs the field checks; its WireErrors pass through unchanged.
  const message = build();
  try {
    return type.encode(message).finish();
  } catch (e) {
    throw new WireError(what, `cannot encode: ${errorMessage(e)}`);
  }
}

/** As encodeMessage for a message built as parts (tensor-message.ts). */
export function encodeTensorMessage(what: string, build: () => Uint8Array[]): Uint8Array[] {
  try {
    return build();
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError(what, `cannot encode: ${errorMessage(e)}`);
  }
}

export function decodeMessage<M, T>(what: string, type: Decodable<M>, bytes: Uint8Array, convert: (m: M) => T): T {
  if (!(bytes instanceof Uint8Array)) throw new WireError(what, `expected bytes, got ${typeof bytes}`);
  let message: M;
  try {
    message = type.decode(bytes);
  } catch (e) {
    throw new WireError(what, `not a valid ${what} message (${bytes.byteLength} bytes): ${errorMessage(e)}`);
  }
  try {
    return convert(message);
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError(what, `invalid ${what} message: ${errorMessage(e)}`);
  }
}
