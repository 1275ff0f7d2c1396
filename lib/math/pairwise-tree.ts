// The reduction of a step: a fixed pairwise tree over the step's shard sums.
//
// A step of S shards has one tree, whose shape depends on S alone. A node
// covers the shards [first, first + count); a node of 2 or more shards
// splits at the largest power of two below its count:
//
//   node(first, count) = node(first, h) + node(first + h, count - h),   h = 2^ceil(log2(count)) / 2
//
// so the root is node(0, S) and, for S = 6: ((g0 + g1) + (g2 + g3)) + (g4 + g5).
// Every node starts at a multiple of its own power of two, which is why a
// contiguous run of shards splits into few whole subtrees (treeBlocks): a
// worker holding shards 0..3 of 8 adds them into node(0, 4) and sends one
// tensor instead of four, and the coordinator adds whatever subtrees come
// back along the same tree (treeReduce). Who computed which node changes no
// bit: the value of every node is fixed by the shard sums and the tree.
// Pairwise summation also keeps the rounding error to O(log S) additions
// instead of the running sum's O(S).

/** The name of this reduction, recorded in summaries, models and checkpoints (a checkpoint of another one is refused). */
export const REDUCTION = 'pairwise-tree-v1';

/** A node of a step's tree: shards [first, first + count). */
export interface TreeNode {
  readonly first: number;
  readonly count: number;
}

/** Where a node of `count` shards splits: the largest power of two strictly below count (count >= 2). */
export function treeSplit(count: number): number {
  let h = 1;
  while (h * 2 < count) h *= 2;
  return h;
}

function checkShards(shards: number): void {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`a step has a whole number of shards, at least 1, not ${shards}`);
}

/** Whether shards [first, first + count) are a node of the tree over `shards` shards. */
export function isTreeNode(first: number, count: number, shards: number): boolean {
  checkShards(shards);
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > shards) return false;
  let a = 0;
  let n = shards;
  for (;;) {
    if (a === first && n === count) return true;
    if (n === 1) return false;
    const h = treeSplit(n);
    if (first < a + h) n = h;
    else {
      a += h;
      n -= h;
    }
  }
}

/**
 * Shards [first, end) as whole subtrees of the tree over `shards` shards, in
 * shard order, each as large as it can be: one node when the range is one.
 */
export function treeBlocks(first: number, end: number, shards: number): TreeNode[] {
  checkShards(shards);
  if (!Number.isInteger(first) || !Number.isInteger(end) || first < 0 || end > shards || first >= end) {
    throw new RangeError(`shards [${first}, ${end}) are not a range of a step of ${shards} shards`);
  }
  const blocks: TreeNode[] = [];
  for (let at = first; at < end;) {
    // Walk down from the root to the leaf `at`: the first node met that starts at `at` and ends by `end` is the largest.
    let a = 0;
    let n = shards;
    while (!(a === at && at + n <= end)) {
      const h = treeSplit(n);
      if (at < a + h) n = h;
      else {
        a += h;
        n -= h;
      }
    }
    blocks.push({ first: at, count: n });
    at += n;
  }
  return blocks;
}

/** A value standing for the node [first, first + count). */
export interface TreePart<T> extends TreeNode {
  readonly value: T;
}

/**
 * The value of node (first, count) from parts that are whole, disjoint
 * subtrees covering it: parts are added along the tree, `add(left, right)`
 * returning their sum (it may reuse left's storage). Throws RangeError when
 * the parts are not such a cover.
 */
export function treeReduce<T>(parts: readonly TreePart<T>[], first: number, count: number, add: (left: T, right: T) => T): T {
  const byFirst = new Map<number, TreePart<T>>();
  for (const p of parts) {
    if (byFirst.has(p.first)) throw new RangeError(`two parts start at shard ${p.first}`);
    byFirst.set(p.first, p);
  }
  let used = 0;
  const node = (a: number, n: number): T => {
    const p = byFirst.get(a);
    if (p && p.count === n) {
      used++;
      return p.value;
    }
    if (n === 1 || (p && p.count > n)) throw new RangeError(`shards [${a}, ${a + n}) are not covered by whole subtrees`);
    const h = treeSplit(n);
    // Left before right, always: the order in which `add` sees the values is part of the definition.
    const left = node(a, h);
    return add(left, node(a + h, n - h));
  };
  const value = node(first, count);
  if (used !== parts.length) throw new RangeError(`${parts.length - used} of ${parts.length} parts are not subtrees of shards [${first}, ${first + count})`);
  return value;
}
