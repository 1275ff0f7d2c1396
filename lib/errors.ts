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
 * A checkpoint written under another reduction (how a step's shard
 * gradients are added): continuing it would mix two arithmetics in one run,
 * whose bits neither reduction reproduces. `found` is '' for files written
 * before the reduction was recorded (the shard-order running sum). A
 * ModelFileError, so the CLI reports it as bad input (exit code 2).
 */
export class ReductionMismatchError extends ModelFileError {
  constructor(
    file: string,
    readonly found: string,
    readonly expected: string,
  ) {
    super(file, `was written under the reduction ${found === '' ? '"shard-order running sum" (before reductions were named)' : JSON.stringify(found)}, and this dpt adds shard gradients by ${JSON.stringify(expected)}; the run cannot continue with the same bits: start afresh (another --checkpoint-dir, or delete it)`);
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

/** A worker reported a shard it cannot compute (malformed job, bad payload); retrying would fail the same way. */
export class ShardFailedError extends DptError {
  constructor(
    readonly step: number,
    readonly shard: number,
    readonly reason: string,
  ) {
    super(`step ${step} shard ${shard} failed: ${reason}`);
  }
}

/** A step's shard results did not all arrive in time (no live workers, or workers failing). */
export class StepTimeoutError extends DptError {
  constructor(
    readonly step: number,
    readonly missing: number[],
    readonly waitedMs: number,
  ) {
    super(`step ${step}: no result for shard(s) ${missing.join(', ')} after ${Math.round(waitedMs / 1000)}s; are any workers running for this run?`);
  }
}

/** A run id is in a state that forbids the request (already finished, already running elsewhere). */
export class RunStateError extends DptError {
  constructor(
    readonly runId: string,
    readonly reason: string,
  ) {
    super(`run ${runId}: ${reason}`);
  }
}

/** A message on Redis failed authentication: written without the run's secret, under another lease, or altered. */
export class AuthError extends DptError {
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {
    super(`${what}: ${reason}`);
  }
}

/** The parameters or a gradient stopped being finite: the learning rate is too large for this network and data. */
export class DivergenceError extends DptError {
  constructor(
    readonly step: number,
    readonly where: string,
  ) {
    super(`step ${step}: ${where} contains NaN or infinite values; the run diverged (try a smaller --eta)`);
  }
}

/** This coordinator no longer holds its run's lease: another coordinator took the run over. */
export class LeaseLostError extends DptError {
  constructor(
    readonly runId: string,
    readonly reason: string,
  ) {
    super(`run ${runId}: ${reason}`);
  }
}

/** A worker process that `dpt train` forked died before the run was over (killed, or exited with an error). */
export class WorkerExitError extends DptError {
  constructor(
    readonly worker: number,
    readonly pid: number | undefined,
    /** The exit code, or null when a signal ended it. */
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`worker ${worker} (pid ${pid ?? '?'}) ${signal ? `was killed by ${signal}` : `exited with code ${code}`} before the run was over`);
  }
}

/** The run was stopped on request (SIGTERM, SIGINT) before its end; it can be continued from its checkpoint. */
export class RunStoppedError extends DptError {
  constructor(readonly signal: string) {
    super(`stopped by ${signal}; run the same command again (with its --checkpoint-dir, and for a coordinator its --run-id) to continue from the last checkpoint`);
  }
}

/** `dpt wait-redis` gave up: Redis at `url` (redacted) did not answer PING within `seconds`. */
export class RedisWaitTimeoutError extends DptError {
  constructor(
    readonly url: string,
    readonly seconds: number,
    readonly attempts: number,
    /** Why the last attempt failed. */
    readonly lastReason: string,
  ) {
    super(`${url}: Redis did not answer PING within ${seconds}s (${attempts} attempt${attempts === 1 ? '' : 's'}; last: ${lastReason})`);
  }
}

/** The metrics or dashboard HTTP server could not listen (port taken, no permission); `port` as asked. */
export class ServeError extends DptError {
  constructor(
    readonly port: number,
    readonly reason: string,
  ) {
    super(`cannot serve on port ${port}: ${reason}`);
  }
}
