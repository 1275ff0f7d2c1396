import { describe, expect, it } from 'vitest';
import { shardJobId, shardJobPriority } from '../../services/step-protocol.js';

describe('shard job ids and priorities', () => {
  it('one id per (step, shard)', () => {
    expect(shardJobId(12, 3)).toBe('s12-3');
    expect(shardJobId(1, 23)).not.toBe(shardJobId(12, 3));
  });

  it('earlier steps have higher priority (smaller numbers), within BullMQ range 1..2097151, wrapping after it', () => {
    expect(shardJobPriority(0)).toBe(1);
    for (const s of [0, 1, 17, 2_097_149]) expect(shardJobPriority(s)).toBeLessThan(shardJobPriority(s + 1));
    expect(shardJobPriority(2_097_150)).toBe(2_097_151);
    expect(shardJobPriority(2_097_151)).toBe(1);
    for (const s of [0, 5, 2_097_150, 2_097_151, 10 ** 9]) {
      expect(shardJobPriority(s)).toBeGreaterThanOrEqual(1);
      expect(shardJobPriority(s)).toBeLessThanOrEqual(2_097_151);
    }
  });
});
