// Every error dpt raises on purpose, in one place. Each carries typed fields
// so a caller (the CLI, a worker deciding whether to retry) can act on it
// without parsing messages.

export class DptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A configuration value or flag is invalid; `flag` names it as the user typed it. */
export class ConfigError extends DptError {
  constructor(
    readonly flag: string,
    readonly reason: string,
  ) {
    super(`${flag}: ${reason}`);
  }
}

/** A data file (IDX, dataset folder) is missing, truncated or malformed. */
export class DataFormatError extends DptError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** A model or checkpoint file is not one dpt can read: wrong magic, version, checksum or content. */
export class ModelFileError extends DptError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * A payload that crossed a process boundary is malformed (bad protobuf,
 * wrong length, checksum mismatch, non-finite values). Never worth retrying:
 * the same bytes fail the same way.
 */
export class WireError extends DptError {
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {
    super(`${what}: ${reason}`);
  }
}

/** No Redis could be reached or started, or it refused us (auth, config). */
export class BrokerError extends DptError {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}
