// The shared secret that coordinator and workers derive their message keys
// from (services/step-protocol.ts). It comes from a file (--secret-file,
// e.g. a mounted Kubernetes Secret) or the environment (DPT_SECRET), never
// from a command line, where `ps` would show it. `dpt train` makes its own
// for the workers it forks and hands it over through their environment.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../lib/errors.js';

/** Fewer bytes than this are refused: a guessable secret lets a stranger forge results. */
const MIN_SECRET_BYTES = 16;

/** The environment variable a worker process reads its secret from. */
export const SECRET_ENV = 'DPT_SECRET';

/** --secret-file, else DPT_SECRET; null when neither is set. */
export function readSecret(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Uint8Array | null {
  let secret: Buffer;
  let source: string;
  if (file !== undefined) {
    source = '--secret-file';
    try {
      secret = readFileSync(file);
    } catch (e) {
      throw new ConfigError(source, `cannot read ${file}: ${(e as Error).message}`);
    }
    // A trailing newline (echo secret > file) is not part of the secret.
    while (secret.length > 0 && (secret[secret.length - 1] === 0x0a || secret[secret.length - 1] === 0x0d)) secret = secret.subarray(0, -1);
  } else if (env[SECRET_ENV]) {
    source = SECRET_ENV;
    secret = Buffer.from(env[SECRET_ENV]!);
  } else return null;
  if (secret.length < MIN_SECRET_BYTES) {
    throw new ConfigError(source, `the secret is ${secret.length} bytes; use at least ${MIN_SECRET_BYTES} (e.g. \`openssl rand -hex 32\`)`);
  }
  return secret;
}

/** As readSecret, for a process that must share it with processes it did not start. */
export function requireSecret(file: string | undefined): Uint8Array {
  const secret = readSecret(file);
  if (!secret) {
    throw new ConfigError('--secret-file', `required (or set ${SECRET_ENV}): coordinator and workers must share a secret so that ` +
      'no one else who can write to Redis can forge a message they accept; the same value on every machine, e.g. `openssl rand -hex 32`');
  }
  return secret;
}

/**
 * The secret of a `dpt train` run: the user's when given, else a fresh
 * random one for its own workers (hex text, so that it travels through their
 * environment as the same bytes).
 */
export function trainSecret(file: string | undefined): Buffer {
  const secret = readSecret(file);
  if (!secret) return Buffer.from(randomBytes(32).toString('hex'));
  // The forked workers get it as environment text: only bytes that are text survive that unchanged.
  if (secret.includes(0) || !Buffer.from(Buffer.from(secret).toString()).equals(secret)) {
    throw new ConfigError(file !== undefined ? '--secret-file' : SECRET_ENV, 'the secret must be UTF-8 text without NUL bytes (e.g. `openssl rand -hex 32`)');
  }
  return Buffer.from(secret);
}
