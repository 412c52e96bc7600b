import { writeFileAtomic } from '@forge/files';
import type { ContentCache } from './content-cache.ts';
import type { FailureRecord, GenerationRecord } from './generation-record.ts';

type Outcome = GenerationRecord | FailureRecord;

/**
 * After a complete run, rewrites both ledgers (temp-then-rename) to hold exactly this shard's results in entry
 * order, so an edited or reordered shard leaves no stale lines. Samples that drop out are kept in the cache.
 */
export async function compactOutputs(
  results: Array<Outcome | undefined>,
  samplesPath: string,
  failuresPath: string,
  oldSamples: GenerationRecord[],
  write: (value: unknown) => string,
  cache: ContentCache | undefined,
): Promise<void> {
  const kept = new Set(results.filter((result) => result?.status === 'sample').map((result) => result!.key));
  if (cache) {
    for (const record of oldSamples) if (!kept.has(record.key) && !(await cache.get(record.key))) await cache.put(record.key, write(record));
  }
  const lines = (status: Outcome['status']) =>
    results
      .filter((result): result is Outcome => result?.status === status)
      .map((result) => `${write(result)}\n`)
      .join('');
  await writeFileAtomic(samplesPath, lines('sample'));
  await writeFileAtomic(failuresPath, lines('failed'));
}
