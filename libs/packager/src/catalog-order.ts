import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ComplexitySchema } from '@forge/catalog';
import { ForgeError } from '@forge/errors';
import type { RecordRef } from './index-run.ts';
import type { RecordTable } from './record-table.ts';
import { NotAJsonArray, scanJsonArray } from './scan-json-array.ts';

const PreparedPromptSchema = z.object({ prompt_id: z.string() }).loose();
// Chunked shards also need each prompt's complexity, for its place in its whole shard.
const ChunkedPromptSchema = z.object({ prompt_id: z.string(), complexity: ComplexitySchema }).loose();
const ORDER_EXPECTED = 'an array of {prompt_id, user_prompt, complexity, ...}';
const CHUNKED_EXPECTED = 'an array of {prompt_id, complexity, ...}';

/** Catalog position of each prompt id, from data/inputs/curriculum_prompts.json. */
export type CatalogOrder = ReadonlyMap<string, number>;

/** Reads the prepared catalog's order; null when the file is absent (records then keep their prompt_index order). */
export async function readCatalogOrder(path: string): Promise<CatalogOrder | null> {
  const order = new Map<string, number>();
  const found = await scanPreparedPrompts(path, false, (prompt, position) => order.set(prompt.prompt_id, position));
  return found ? order : null;
}

/** Sorts records into catalog order; prompts the catalog no longer lists follow, by prompt_index. */
export function orderRecords<T extends Pick<RecordRef, 'prompt_id' | 'prompt_index'>>(records: T[], order: CatalogOrder | null): T[] {
  const position = (record: T) => order?.get(record.prompt_id) ?? Number.MAX_SAFE_INTEGER;
  return [...records].sort((a, b) => position(a) - position(b) || a.prompt_index - b.prompt_index || a.prompt_id.localeCompare(b.prompt_id));
}

/**
 * One streamed pass over the prepared catalog: each prompt id the table holds gets its catalog position and, for
 * chunked shards, its place within its complexity's whole shard (the prompt_index an unchunked run gives it). A
 * prompt id listed twice takes its last place, as building a Map of the file did. false when the file is absent
 * (an error instead when the shards are chunked: the positions are needed).
 */
export async function placeRecords(table: RecordTable, path: string, chunked: boolean): Promise<boolean> {
  const counters = new Map<string, number>();
  return scanPreparedPrompts(path, chunked, (prompt, position) => {
    if (!chunked) return table.place(prompt.prompt_id, position);
    const shardPosition = counters.get(prompt.complexity as string) ?? 0;
    counters.set(prompt.complexity as string, shardPosition + 1);
    table.place(prompt.prompt_id, position, shardPosition);
  });
}

type PreparedPrompt = z.infer<typeof PreparedPromptSchema>;

/** Streams the file's prompts through `visit`, each checked as it comes; false when the file is absent. */
async function scanPreparedPrompts(path: string, chunked: boolean, visit: (prompt: PreparedPrompt, position: number) => void): Promise<boolean> {
  const schema = chunked ? ChunkedPromptSchema : PreparedPromptSchema;
  const expected = chunked ? CHUNKED_EXPECTED : ORDER_EXPECTED;
  let position = 0;
  try {
    for await (const value of scanJsonArray(path)) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new ForgeError({ file: path, expected, received: value, hint: 'rerun prepare-prompts' });
      visit(parsed.data, position);
      position += 1;
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (chunked) throw new ForgeError({ file: path, expected, received: {}, hint: 'rerun prepare-prompts' });
      return false;
    }
    if (error instanceof SyntaxError) throw new ForgeError({ file: path, problem: 'not valid JSON', cause: error, hint: 'rerun prepare-prompts' });
    if (error instanceof NotAJsonArray) return rejectWhole(path, expected);
    throw error;
  }
}

/** A file that is not an array: read whole, to say whether it is JSON at all, as reading it whole always did. */
async function rejectWhole(path: string, expected: string): Promise<never> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ForgeError({ file: path, problem: 'not valid JSON', cause: error, hint: 'rerun prepare-prompts' });
  }
  throw new ForgeError({ file: path, expected, received: value, hint: 'rerun prepare-prompts' });
}
