// Structured logs (pino): JSON lines by default, for log shippers and
// Kubernetes; human-readable when stdout is a terminal. Per-epoch lines are
// info, per-step lines debug. Redis URLs are redacted before they get here.

import { pino, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export function createLogger(name: string, level = process.env.DPT_LOG_LEVEL ?? 'info'): Logger {
  if (process.stdout.isTTY) {
    return pino({ name, level, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  // Synchronous writes: a worker that exits right after its last line still prints it.
  return pino({ name, level }, pino.destination({ dest: 1, sync: true }));
}

// ---- Redis URLs carry their password inline (redis://user:pass@host), and URLs
// end up in logs, error messages and job data. Everything that prints a URL
// prints redactUrl(url) instead.

const MASK = '***';

/**
 * `url` with its whole user-info part and any `password=` query value
 * replaced by `***`: `redis://u:p@h:6379/0` -> `redis://***@h:6379/0`.
 * The user name goes too: some providers put the secret there.
 * Works on strings that are not valid URLs (a raw `@` or `/` in a password,
 * no scheme at all), erring towards hiding too much.
 */
export function redactUrl(url: string): string {
  let out = url;
  // A bare socket path has no user-info; an '@' in it is part of the path.
  if (!out.startsWith('/')) {
    const start = /^[a-z][a-z0-9+.-]*:\/\//i.exec(out)?.[0].length ?? 0;
    // The last '@' ends the user-info even when the password holds a raw '@'.
    const at = out.lastIndexOf('@');
    if (at >= start) out = out.slice(0, start) + MASK + out.slice(at);
  }
  return out.replace(/([?&]password=)[^&#]*/gi, `$1${MASK}`);
}
