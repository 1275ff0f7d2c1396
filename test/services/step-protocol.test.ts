// Job data from the queue is checked before any work: a malformed job is a
// WireError naming the job and what is wrong, never a crash or a retry.
import { describe, expect, it } from 'vitest';
import { WireError } from '../../lib/errors.js';
import { parseShardJobData } from '../../services/step-protocol.js';

const parse = (data: unknown) => parseShardJobData(data, 100, 4, 3, 'job s7-0');

describe('parseShardJobData', () => {
  it('accepts one shard or several in increasing order', () => {
    expect(parse({ step: 7, version: 7, shardsInStep: 1, shards: [{ shard: 0, indices: [5, 1] }] })).toEqual({ step: 7, version: 7, shardsInStep: 1, shards: [{ shard: 0, indices: [5, 1] }] });
    const three = { step: 7, version: 6, shardsInStep: 3, shards: [{ shard: 0, indices: [0] }, { shard: 1, indices: [99, 98, 97, 96] }, { shard: 2, indices: [3] }] };
    expect(parse(three)).toEqual(three);
  });

  it.each([
    [null, /job s7-0: job data is not an object/],
    [{ version: 7, shardsInStep: 3, shards: [{ shard: 0, indices: [1] }] }, /step is undefined, not a whole number/],
    [{ step: 7, version: -1, shardsInStep: 3, shards: [{ shard: 0, indices: [1] }] }, /version is -1/],
    [{ step: 7, version: 7, shardsInStep: 3, shard: 0, indices: [1] }, /shards must be an array of 1\.\.3 shards/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [] }, /shards must be an array of 1\.\.3 shards/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [0, 1, 2, 3].map((shard) => ({ shard, indices: [1] })) }, /1\.\.3 shards/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [null] }, /shards\[0\] is not an object/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [{ shard: 2, indices: [1] }, { shard: 2, indices: [2] }] }, /shards\[1\]\.shard is 2: shard numbers must be whole, increasing/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [{ shard: 1.5, indices: [1] }] }, /shards\[0\]\.shard is 1\.5/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [{ shard: 0, indices: [] }] }, /shard 0: indices must be an array of 1\.\.4 sample indices/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [{ shard: 0, indices: [1, 2, 3, 4, 5] }] }, /shard 0: indices must be an array of 1\.\.4/],
    [{ step: 7, version: 7, shardsInStep: 3, shards: [{ shard: 0, indices: [1] }, { shard: 1, indices: [100] }] }, /shard 1: sample index 100 is outside 0\.\.99/],
    [{ step: 7, version: 7, shards: [{ shard: 0, indices: [1] }] }, /shardsInStep is undefined, not a whole number in 1\.\.3/],
    [{ step: 7, version: 7, shardsInStep: 4, shards: [{ shard: 0, indices: [1] }] }, /shardsInStep is 4/],
    [{ step: 7, version: 7, shardsInStep: 2, shards: [{ shard: 2, indices: [1] }] }, /shards\[0\]\.shard is 2: .*below shardsInStep \(2\)/],
  ])('refuses %j', (data, message) => {
    expect(() => parse(data)).toThrow(WireError);
    expect(() => parse(data)).toThrow(message);
  });
});
