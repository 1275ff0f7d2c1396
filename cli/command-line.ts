// The command line a run records in its summary.json. Secrets reach dpt
// through files and the environment, but a Redis URL may still carry a
// password (`--redis redis://:pass@host`), so every URL's credentials are
// masked the way the logs mask them.

import { optionNumber } from '../lib/options.js';
import { redactUrl } from '../lib/log.js';

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
  return v === undefined ? 0 : optionNumber('metricsEvery', v);
}
