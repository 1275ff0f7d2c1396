// What a worker sends for its job's shards (subtrees()) and what the loop
// makes of it (reduceOutcomes()): for every worker count and job packing
// the step's gradient, error sum and count come out with the bits of the
// tree over single shards, and a job's shards go out as few whole subtrees.
import { describe, expect, it } from 'vitest';
import { reduceOutcomes, type ShardOutcome } from '../../lib/train/train-loop.js';
import { autoShardsPerJob, jobGroups } from '../../services/step-protocol.js';
import { subtrees } from '../../services/worker/shard-processor.js';

const P = 33;

/** Shard gradients of mixed magnitudes (a different adding order rounds differently), fresh buffers each call. */
function leaves(K: number, seed: number): ShardOutcome[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: K }, (_, k) => {
    const gradient = new Float32Array(P).map(() => (rnd() - 0.5) * 2 ** Math.floor(rnd() * 30 - 15));
    return { first: k, count: 1, gradient, samples: 32 - (k % 3), errorSum: rnd() * 10 ** Math.floor(rnd() * 6), correct: k % 5 };
  });
}

/** The tree written out by hand for 8 shards: ((0+1)+(2+3))+((4+5)+(6+7)), float32 per addition. */
function byHand8(g: Float32Array[]): Float32Array {
  const f = Math.fround;
  return g[0].map((_, i) => f(f(f(g[0][i] + g[1][i]) + f(g[2][i] + g[3][i])) + f(f(g[4][i] + g[5][i]) + f(g[6][i] + g[7][i]))));
}

describe('a worker\'s subtrees and the loop\'s reduction', () => {
  it('8 shards: the root is the hand-written tree, for every worker count 1..8', () => {
    const want = byHand8(leaves(8, 7).map((o) => o.gradient as Float32Array));
    for (let W = 1; W <= 8; W++) {
      const all = leaves(8, 7);
      const sent = jobGroups(8, autoShardsPerJob(8, W)).flatMap((g) => subtrees(g.map((k) => all[k]), 8, P));
      const root = reduceOutcomes(sent, 0, 8, P);
      expect(Buffer.from(root.gradient.buffer).equals(Buffer.from(want.buffer)), `${W} workers`).toBe(true);
      if (W === 2) expect(sent.map((o) => [o.first, o.count])).toEqual([[0, 4], [4, 4]]);
    }
  });

  it('any shard count and packing: the same gradient, error sum, correct count and samples as single shards', () => {
    for (let K = 1; K <= 12; K++) {
      const ref = reduceOutcomes(leaves(K, K), 0, K, P);
      for (let perJob = 1; perJob <= K; perJob++) {
        const all = leaves(K, K);
        const sent = jobGroups(K, perJob).flatMap((g) => subtrees(g.map((k) => all[k]), K, P));
        const root = reduceOutcomes(sent, 0, K, P);
        expect(Buffer.from(root.gradient.buffer).equals(Buffer.from(ref.gradient.buffer)), `${K} shards, ${perJob} per job`).toBe(true);
        expect([root.errorSum, root.correct, root.samples, root.count]).toEqual([ref.errorSum, ref.correct, ref.samples, K]);
      }
    }
  });

  it('a job whose shards are not consecutive (re-queued ones) sends each run of them as its own subtrees', () => {
    const all = leaves(8, 3);
    expect(subtrees([all[1], all[2], all[3], all[6]], 8, P).map((o) => [o.first, o.count])).toEqual([[1, 1], [2, 2], [6, 1]]);
    expect(subtrees([all[4], all[5], all[6]], 7, P).map((o) => [o.first, o.count])).toEqual([[4, 3]]);
  });
});
