import { describe, expect, it } from 'vitest';
import { epochOrder, planStep, stepsPerEpoch } from '../../lib/train/plan.js';

describe('epoch planning', () => {
  it('visits every sample exactly once per epoch, in batches and shards of the configured sizes', () => {
    const N = 1000;
    const B = 256;
    const S = 64;
    const order = epochOrder(7, 3, N);
    const seen = new Uint8Array(N);
    const steps = stepsPerEpoch(N, B);
    expect(steps).toBe(4);
    for (let k = 0; k < steps; k++) {
      const plan = planStep(order, 3, k, B, S);
      expect(plan.step).toBe(3 * steps + k);
      expect(plan.size).toBe(k < 3 ? 256 : 232);
      expect(plan.shards.map((s) => s.indices.length)).toEqual(k < 3 ? [64, 64, 64, 64] : [64, 64, 64, 40]);
      plan.shards.forEach((s, i) => expect(s.index).toBe(i));
      for (const s of plan.shards) for (const i of s.indices) seen[i]++;
    }
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('computes any epoch directly from (seed, epoch), and epochs differ', () => {
    expect(epochOrder(1, 5, 100)).toEqual(epochOrder(1, 5, 100));
    expect(epochOrder(1, 5, 100)).not.toEqual(epochOrder(1, 4, 100));
    expect(epochOrder(2, 5, 100)).not.toEqual(epochOrder(1, 5, 100));
  });

  it('keeps a shard inside its batch when shardSize exceeds batchSize', () => {
    const plan = planStep(epochOrder(0, 0, 10), 0, 1, 4, 64);
    expect(plan.shards.length).toBe(1);
    expect(plan.shards[0].indices.length).toBe(4);
  });
});
