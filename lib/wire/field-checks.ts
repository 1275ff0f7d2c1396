// Field-level checks shared by the codecs. protobufjs silently coerces on
// encode (NaN or -1 into a uint32 becomes 0 or 4294967295) and fills absent
// fields with defaults on decode, so both directions check here and fail with
// a WireError naming the message and field instead.
import { WireError } from '../errors.js';

const U32_MAX = 0xffff_ffff;

export function u32(value: number, what: string, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new WireError(what, `${field} must be an unsigned 32-bit integer, got ${value}`);
  }
  return value;
}

export function u32s(values: readonly number[], what: string, field: string): number[] {
  return values.map((v, i) => u32(v, what, `${field}[${i}]`));
}

/** uint64 as a JS number: exact only up to 2^53, so larger values are refused rather than rounded. */
export function u64(value: unknown, what: string, field: string): number {
  // The generated code is post-processed to decode uint64 as numbers; a Long
  // (low/high halves) is still accepted in case protobufjs gets reconfigured.
  let n = value;
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    const { low, high } = value as { low: number; high: number };
    n = (high >>> 0) * 2 ** 32 + (low >>> 0);
  }
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new WireError(what, `${field} must be a non-negative integer below 2^53, got ${String(n)}`);
  }
  return n;
}

export function present<T>(value: T | null | undefined, what: string, field: string): T {
  if (value === null || value === undefined) throw new WireError(what, `${field} is missing`);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new WireError(what, `unknown ${field} ${JSON.stringify(value)} (expected ${allowed.join(' | ')})`);
  }
  return value as T;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
