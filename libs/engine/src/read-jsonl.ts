import type { z } from 'zod';
import { jsonlLines, parseJsonlLine } from './jsonl-lines.ts';

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
  const byIdentity = new Map<string, T>();
  let skipped = 0;
  for await (const { text } of jsonlLines(path)) {
    const record = parseJsonlLine(text, schema);
    if (record === undefined) {
      skipped += 1;
      continue;
    }
    const id = identity(record);
    if (keep === 'last' || !byIdentity.has(id)) byIdentity.set(id, record);
  }
  return { records: [...byIdentity.values()], skipped };
}
