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
