// The command line a run records in its summary.json. Secrets reach dpt
// through files and the environment, but a Redis URL may still carry a
// password (`--redis redis://:pass@host`), so every URL's credentials are
// masked the way the logs mask them.

import { ConfigError } from '../lib/errors.js';
import { redactUrl } from '../lib/redis/connect.js';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `args` (the arguments after `node dpt`) with the user-info of every URL, bare or as `--flag=URL`, masked. */
export function maskCommandLine(args: readonly string[]): string[] {
  return args.map((a) => {
    const eq = /^(--[\w-]+=)(.*)$/s.exec(a);
    if (eq) return URL_LIKE.test(eq[2]) ? eq[1] + redactUrl(eq[2]) : a;
    return URL_LIKE.test(a) ? redactUrl(a) : a;
  });
}

/** --metrics-every: 0 (off) or a whole number of steps. */
export function parseMetricsEvery(v: string | undefined): number {
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v) || Number(v) > 1e9) throw new ConfigError('--metrics-every', `expected a whole number of steps (0 = no step records), got "${v}"`);
  return Number(v);
}
