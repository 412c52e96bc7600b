import { COMPLEXITIES, type Complexity } from './complexity.ts';
import type { Entry } from './entry.ts';

export type Shards = Record<Complexity, Entry[]>;

/** Splits entries by complexity, keeping their order within each shard. */
export function shardCatalog(entries: Entry[]): Shards {
  const shards = Object.fromEntries(COMPLEXITIES.map((level) => [level, [] as Entry[]])) as Shards;
  for (const entry of entries) shards[entry.complexity].push(entry);
  return shards;
}
