import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ForgeError } from '@forge/errors';
import type { RecordRef } from './index-run.ts';

const PreparedPromptsSchema = z.array(z.object({ prompt_id: z.string() }).loose());

/** Catalog position of each prompt id, from data/inputs/curriculum_prompts.json. */
export type CatalogOrder = ReadonlyMap<string, number>;

/** Reads the prepared catalog's order; null when the file is absent (records then keep their prompt_index order). */
export async function readCatalogOrder(path: string): Promise<CatalogOrder | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ForgeError({ file: path, problem: 'not valid JSON', cause: error, hint: 'rerun prepare-prompts' });
  }
  const parsed = PreparedPromptsSchema.safeParse(value);
  if (!parsed.success) {
    throw new ForgeError({ file: path, expected: 'an array of {prompt_id, user_prompt, complexity, ...}', received: value, hint: 'rerun prepare-prompts' });
  }
  return new Map(parsed.data.map((entry, index) => [entry.prompt_id, index]));
}

/** Sorts records into catalog order; prompts the catalog no longer lists follow, by prompt_index. */
export function orderRecords<T extends Pick<RecordRef, 'prompt_id' | 'prompt_index'>>(records: T[], order: CatalogOrder | null): T[] {
  const position = (record: T) => order?.get(record.prompt_id) ?? Number.MAX_SAFE_INTEGER;
  return [...records].sort((a, b) => position(a) - position(b) || a.prompt_index - b.prompt_index || a.prompt_id.localeCompare(b.prompt_id));
}
