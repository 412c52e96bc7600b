import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

export interface JsonlContent<T> {
  records: T[];
  /** Lines skipped: torn by a crash, not JSON, or not matching the schema. */
  skipped: number;
}

/**
 * Reads a JSONL ledger: every line is parsed with `schema`; lines that do not parse (a torn tail after kill -9)
 * are skipped and counted, never returned; of lines sharing an `identity` only the first (or, with keep 'last', the
 * latest) is returned, in first-seen order. A missing file reads as empty.
 */
export async function readJsonl<T>(
  path: string,
  schema: z.ZodType<T>,
  identity: (record: T) => string,
  keep: 'first' | 'last' = 'first',
): Promise<JsonlContent<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw error;
  }
  const byIdentity = new Map<string, T>();
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      skipped += 1;
      continue;
    }
    const id = identity(parsed.data);
    if (keep === 'last' || !byIdentity.has(id)) byIdentity.set(id, parsed.data);
  }
  return { records: [...byIdentity.values()], skipped };
}
