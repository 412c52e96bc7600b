import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '@forge/files';
import { GenerationRecordSchema, type GenerationRecord } from './generation-record.ts';
import { replaceFile } from './replace-file.ts';

/** The second line of an entry: the sha256 of the first (the record's JSON text). */
const HASH_PREFIX = 'sha256 ';

/**
 * A content-addressed store of finished samples shared across runs and output dirs (data/generated/cache/):
 * one file per key, written temp-then-rename but not fsynced (the ledger is the source of truth; issue 14). Each
 * entry is the record line and a line with its sha256, so an entry torn by a power cut (empty, cut short, or
 * with blocks of zeros) fails the hash and reads as a miss. Entries from before the hash line (written fsynced)
 * are still read, checked by their schema and key.
 */
export class ContentCache {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached record for a key; undefined when absent, torn or unreadable (a bad cache file is a miss, not a crash). */
  async get(key: string): Promise<GenerationRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch {
      return undefined;
    }
    const record = recordText(text);
    if (record === undefined) return undefined;
    try {
      const parsed = GenerationRecordSchema.safeParse(JSON.parse(record));
      return parsed.success && parsed.data.key === key ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores already-serialised (and redacted) record text, one line, under its key. */
  async put(key: string, serialised: string): Promise<void> {
    await replaceFile(this.pathOf(key), `${serialised}\n${HASH_PREFIX}${sha256(serialised)}\n`);
  }
}

/** The record line of an entry whose hash matches; a pre-hash entry (one line) as it is; undefined when torn. */
function recordText(text: string): string | undefined {
  const end = text.indexOf('\n');
  if (end < 0) return undefined;
  const record = text.slice(0, end);
  const rest = text.slice(end + 1);
  if (rest === '') return record;
  return rest === `${HASH_PREFIX}${sha256(record)}\n` ? record : undefined;
}
