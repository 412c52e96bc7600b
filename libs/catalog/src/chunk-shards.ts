import { createHash } from 'node:crypto';
import { COMPLEXITIES, type Complexity } from './complexity.ts';
import type { Entry } from './entry.ts';
import type { Shards } from './shard-catalog.ts';

/** One chunk of one complexity's shard: the unit the Nx playbook generates and caches (`generate-moderate-3`). */
export interface ShardChunk {
  /** `<complexity>-<index>`, e.g. `moderate-3`: the chunk's file and target name. */
  name: string;
  complexity: Complexity;
  index: number;
  entries: Entry[];
}

/** The most chunks a shard may be split into; a bound so a typo (400 for 4) does not make 1,200 Nx targets. */
export const MAX_CHUNKS = 64;

/**
 * Which of `count` chunks a prompt belongs to: a hash of its id alone, never its position, so inserting, deleting
 * or editing one prompt moves no other prompt between chunks (issue 15).
 */
export function chunkIndex(promptId: string, count: number): number {
  return createHash('sha256').update(promptId).digest().readUInt32BE(0) % count;
}

/** `moderate-3`. */
export function chunkName(complexity: Complexity, index: number): string {
  return `${complexity}-${index}`;
}

/** Splits every shard into `count` chunks by chunkIndex, keeping catalog order within each chunk; empty chunks are kept. */
export function chunkShards(shards: Shards, count: number): ShardChunk[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CHUNKS) {
    throw new RangeError(`chunk count must be a whole number from 1 to ${MAX_CHUNKS}, got ${count}`);
  }
  return COMPLEXITIES.flatMap((complexity) => {
    const chunks = Array.from({ length: count }, (_, index): ShardChunk => ({ name: chunkName(complexity, index), complexity, index, entries: [] }));
    for (const entry of shards[complexity]) chunks[chunkIndex(entry.prompt_id, count)].entries.push(entry);
    return chunks;
  });
}
