import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@forge/files';
import { GenerationRecordSchema, type GenerationRecord } from './generation-record.ts';

/**
 * A content-addressed store of finished samples shared across runs and output dirs (data/generated/cache/):
 * one file per key, written temp-then-rename, so a crash leaves either the whole record or none.
 */
export class ContentCache {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached record for a key; undefined when absent or unreadable (a bad cache file is a miss, not a crash). */
  async get(key: string): Promise<GenerationRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = GenerationRecordSchema.safeParse(JSON.parse(text));
      return parsed.success && parsed.data.key === key ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores already-serialised (and redacted) record text under its key. */
  async put(key: string, serialised: string): Promise<void> {
    await writeFileAtomic(this.pathOf(key), `${serialised}\n`);
  }
}
