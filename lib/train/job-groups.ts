// How a step's shards are packed into queue jobs. A shard is the unit of
// summation order (each has its own gradient, and the coordinator adds them
// in shard order), so packing changes no bit of the result; it only changes
// how many jobs carry them. Every job costs a full round of queue work (an
// add script on the coordinator, a completion script and two round trips on
// a worker), so with 4 shards on 2 workers, 2 jobs of 2 shards finish a
// step sooner than 4 jobs of one (bench/README.md).
//
// With W workers and S shards, jobs of ceil(S / W) shards keep the step's
// length (in shards computed one after another) what single-shard jobs give
// equal workers: ceil(S / W). Unequal or failing workers are where single
// shards balance better: the coordinator's --shards-per-job 1.

/** `shards` shard indices 0..shards-1 cut into consecutive groups of at most `perJob`, near-equal in size. */
export function jobGroups(shards: number, perJob: number): number[][] {
  if (!Number.isInteger(shards) || shards < 0) throw new RangeError(`shard count must be a whole number, got ${shards}`);
  if (!Number.isInteger(perJob) || perJob < 1) throw new RangeError(`shards per job must be a whole number of at least 1, got ${perJob}`);
  const jobs = Math.ceil(shards / perJob);
  const groups: number[][] = [];
  let next = 0;
  for (let j = 0; j < jobs; j++) {
    const size = Math.ceil((shards - next) / (jobs - j));
    groups.push(Array.from({ length: size }, (_, i) => next + i));
    next += size;
  }
  return groups;
}

/** Shards per job for `workers` workers (0: not known yet, one shard per job): ceil(shards / workers). */
export function autoShardsPerJob(shards: number, workers: number): number {
  return workers > 0 ? Math.max(1, Math.ceil(shards / workers)) : 1;
}
