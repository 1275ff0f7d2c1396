// The step's reduction tree against an independent reference: the tree
// built explicitly as nested pairs by its definition, hand-computed sums
// where the tree and a running sum round differently, and the claim the
// distributed path rests on: any contiguous group of shards is whole
// subtrees, and adding those subtrees along the tree gives the root's bits
// for every way of cutting the step into groups.
import { describe, expect, it } from 'vitest';
import { isTreeNode, treeBlocks, treeReduce, treeSplit, type TreePart } from '../../lib/math/pairwise-tree.js';

type Tree = number | [Tree, Tree];

/** The tree over shards [a, a + n) by the definition: split at the largest power of two below n. */
function build(a: number, n: number): Tree {
  if (n === 1) return a;
  let h = 1;
  while (h < n) h *= 2;
  h /= 2;
  return [build(a, h), build(a + h, n - h)];
}

/** Every node of the explicit tree as "first,count". */
function nodes(t: Tree, out = new Set<string>()): { first: number; count: number } {
  if (typeof t === 'number') {
    out.add(`${t},1`);
    return { first: t, count: 1 };
  }
  const l = nodes(t[0], out);
  const r = nodes(t[1], out);
  out.add(`${l.first},${l.count + r.count}`);
  return { first: l.first, count: l.count + r.count };
}

function evalTree(t: Tree, leaves: number[]): number {
  return typeof t === 'number' ? leaves[t] : Math.fround(evalTree(t[0], leaves) + evalTree(t[1], leaves));
}

const addF32 = (l: number, r: number) => Math.fround(l + r);
const leavesOf = (leaves: number[]): TreePart<number>[] => leaves.map((value, first) => ({ first, count: 1, value }));

describe('the pairwise tree', () => {
  it('splits at the largest power of two below the count', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 17].map(treeSplit)).toEqual([1, 2, 2, 4, 4, 4, 4, 8, 16]);
  });

  it('has the hand-drawn shapes', () => {
    expect(build(0, 6)).toEqual([[[0, 1], [2, 3]], [4, 5]]);
    expect(build(0, 7)).toEqual([[[0, 1], [2, 3]], [[4, 5], 6]]);
    expect(build(0, 3)).toEqual([[0, 1], 2]);
  });

  it('adds pairwise, not as a running sum: hand-computed float32 values', () => {
    const e = 2 ** -24; // half an ulp of 1 in float32: 1 + e rounds back to 1
    // running sum: ((1 + e) + e) + e = 1; tree: (1 + e) + (e + e) = 1 + 2^-23
    expect(treeReduce(leavesOf([1, e, e, e]), 0, 4, addF32)).toBe(1 + 2 ** -23);
    // 3 shards: (1 + e) + e = 1
    expect(treeReduce(leavesOf([1, e, e]), 0, 3, addF32)).toBe(1);
    // 5 shards: ((e + e) + (e + e)) + 1 = 1 + 2^-22
    expect(treeReduce(leavesOf([e, e, e, e, 1]), 0, 5, addF32)).toBe(1 + 2 ** -22);
    expect(treeReduce(leavesOf([7]), 0, 1, addF32)).toBe(7);
  });

  it('knows its nodes, and cuts any range into whole subtrees, largest first', () => {
    for (let S = 1; S <= 20; S++) {
      const all = new Set<string>();
      nodes(build(0, S), all);
      for (let f = 0; f < S; f++) for (let c = 1; f + c <= S; c++) expect(isTreeNode(f, c, S)).toBe(all.has(`${f},${c}`));
      for (let a = 0; a < S; a++) {
        for (let b = a + 1; b <= S; b++) {
          const blocks = treeBlocks(a, b, S);
          let at = a;
          for (const blk of blocks) {
            expect(blk.first).toBe(at);
            expect(all.has(`${blk.first},${blk.count}`)).toBe(true);
            at += blk.count;
          }
          expect(at).toBe(b);
          // maximal: no two neighbouring blocks make a node together
          for (let i = 1; i < blocks.length; i++) expect(all.has(`${blocks[i - 1].first},${blocks[i - 1].count + blocks[i].count}`)).toBe(false);
        }
      }
    }
    expect(treeBlocks(0, 4, 8)).toEqual([{ first: 0, count: 4 }]);
    expect(treeBlocks(4, 7, 7)).toEqual([{ first: 4, count: 3 }]);
    expect(treeBlocks(3, 6, 8)).toEqual([{ first: 3, count: 1 }, { first: 4, count: 2 }]);
    expect(isTreeNode(4, 3, 8)).toBe(false);
    expect(() => isTreeNode(0, 1, 0)).toThrow(RangeError);
  });

  it('gives the root\'s bits for every way of cutting the step into contiguous groups', () => {
    // Random float32 leaves of mixed magnitudes, so that a different order would round differently.
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let S = 1; S <= 11; S++) {
      const leaves = Array.from({ length: S }, () => Math.fround((rnd() - 0.5) * 2 ** Math.floor(rnd() * 40 - 20)));
      const want = evalTree(build(0, S), leaves);
      // Every composition of S into contiguous groups (2^(S-1) of them): each group pre-added into its blocks, as a worker does.
      for (let cuts = 0; cuts < 2 ** (S - 1); cuts++) {
        const parts: TreePart<number>[] = [];
        let start = 0;
        for (let i = 1; i <= S; i++) {
          if (i === S || (cuts >> (i - 1)) & 1) {
            for (const blk of treeBlocks(start, i, S)) {
              parts.push({ ...blk, value: treeReduce(leavesOf(leaves).slice(blk.first, blk.first + blk.count), blk.first, blk.count, addF32) });
            }
            start = i;
          }
        }
        expect(treeReduce(parts, 0, S, addF32)).toBe(want);
      }
    }
  });

  it('refuses parts that are not a cover of whole subtrees', () => {
    const v = (first: number, count: number): TreePart<number> => ({ first, count, value: 1 });
    expect(() => treeReduce([v(0, 2), v(3, 1)], 0, 4, addF32)).toThrow(RangeError); // shard 2 missing
    expect(() => treeReduce([v(0, 3), v(3, 1)], 0, 4, addF32)).toThrow(RangeError); // [0,3) is not a node of 4
    expect(() => treeReduce([v(0, 2), v(0, 1), v(2, 2)], 0, 4, addF32)).toThrow(RangeError); // two parts at 0
    expect(() => treeReduce([v(0, 2), v(1, 1), v(2, 2)], 0, 4, addF32)).toThrow(RangeError); // overlap, unused part
    expect(() => treeBlocks(2, 2, 4)).toThrow(RangeError);
    expect(() => treeBlocks(0, 5, 4)).toThrow(RangeError);
  });
});
