import { ConfigError } from '../../lib/errors.js';

/** The ConfigError `fn` throws (any other error is rethrown; no error fails the test). */
export function refusal(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
