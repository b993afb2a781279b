// Computing Merkle tree hashes of leaf ranges from stored complete-subtree hashes.
import { LedgerError } from './errors.js';
import type { LogHasher } from './hasher.js';
import { completeSubtreesOfRange, type LeafRange, type NodeId } from './tree-math.js';

/**
 * Where stored hashes of complete subtrees come from (a database, tiles, memory). Level 0 is the
 * leaf hashes. A source answers only for subtrees entirely inside the log.
 */
export interface SubtreeHashSource {
  /** The hash of complete subtree `node`, or undefined when the source does not hold it. */
  subtreeHash(node: NodeId): Uint8Array | undefined;
}

/** Key of a node in maps: level and index packed into one string. */
export function nodeKey(node: NodeId): string {
  return `${node.level}:${node.index}`;
}

/** A source over a Map filled from one database query (see `nodesNeededFor…`). */
export class MapSubtreeHashSource implements SubtreeHashSource {
  private readonly hashes = new Map<string, Uint8Array>();
  set(node: NodeId, hash: Uint8Array): void {
    this.hashes.set(nodeKey(node), hash);
  }
  subtreeHash(node: NodeId): Uint8Array | undefined {
    return this.hashes.get(nodeKey(node));
  }
}

/** MTH(D[start:end]) from the complete subtrees of the range, folded right to left (RFC 9162 §2.1.1). */
export function hashOfRange(
  range: LeafRange,
  source: SubtreeHashSource,
  hasher: LogHasher,
): Uint8Array {
  if (range.end <= range.start) return hasher.emptyRoot();
  const nodes = completeSubtreesOfRange(range);
  let hash = requireSubtree(source, nodes[nodes.length - 1]);
  for (let i = nodes.length - 2; i >= 0; i--)
    hash = hasher.hashChildren(requireSubtree(source, nodes[i]), hash);
  return hash;
}

/** Every stored subtree needed to hash all of `ranges`, without repeats. */
export function nodesNeededForRanges(ranges: readonly LeafRange[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const range of ranges) {
    for (const node of completeSubtreesOfRange(range)) seen.set(nodeKey(node), node);
  }
  return [...seen.values()];
}

function requireSubtree(source: SubtreeHashSource, node: NodeId): Uint8Array {
  const hash = source.subtreeHash(node);
  if (hash === undefined) {
    throw new LedgerError('ledger_index_out_of_range', `subtree ${nodeKey(node)} is not stored`, {
      details: { level: node.level, index: node.index },
    });
  }
  return hash;
}
