// Packing a step's shards into jobs: consecutive, near-equal groups of at
// most the given size, covering every shard once in order.
import { describe, expect, it } from 'vitest';
import { autoShardsPerJob, jobGroups } from '../../services/step-protocol.js';

describe('jobGroups', () => {
  it('cuts shards into consecutive groups of near-equal size', () => {
    expect(jobGroups(4, 2)).toEqual([[0, 1], [2, 3]]);
    expect(jobGroups(4, 1)).toEqual([[0], [1], [2], [3]]);
    expect(jobGroups(5, 3)).toEqual([[0, 1, 2], [3, 4]]);
    expect(jobGroups(7, 3)).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
    expect(jobGroups(3, 8)).toEqual([[0, 1, 2]]);
    expect(jobGroups(0, 2)).toEqual([]);
  });

  it('covers every shard exactly once, in order, never above the size asked for', () => {
    for (let shards = 0; shards <= 40; shards++) {
      for (let perJob = 1; perJob <= 12; perJob++) {
        const groups = jobGroups(shards, perJob);
        expect(groups.flat()).toEqual(Array.from({ length: shards }, (_, i) => i));
        expect(groups.length).toBe(Math.ceil(shards / perJob));
        for (const g of groups) expect(g.length).toBeLessThanOrEqual(perJob);
        const sizes = groups.map((g) => g.length);
        if (sizes.length) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses a size below one and non-whole counts', () => {
    expect(() => jobGroups(4, 0)).toThrow(RangeError);
    expect(() => jobGroups(4, 1.5)).toThrow(/whole number/);
    expect(() => jobGroups(-1, 2)).toThrow(RangeError);
  });
});

describe('autoShardsPerJob', () => {
  it('makes one job per worker, and one shard per job while the workers are unknown', () => {
    expect(autoShardsPerJob(4, 2)).toBe(2);
    expect(autoShardsPerJob(4, 3)).toBe(2);
    expect(autoShardsPerJob(4, 1)).toBe(4);
    expect(autoShardsPerJob(2, 8)).toBe(1);
    expect(autoShardsPerJob(4, 0)).toBe(1);
  });
});
