import { ACCEPTED_LABELS, canonicalLabel, toComplexity } from './complexity.ts';
import { CatalogError, type CatalogProblem } from './catalog-error.ts';
import type { Entry } from './entry.ts';

const CORE_KEYS = new Set(['id', 'prompt_id', 'user_prompt', 'complexity', 'original_complexity', 'metadata']);

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryLabel(index: number, id: string | undefined): string {
  return id ? `${id} (index ${index})` : `at index ${index}`;
}

function readId(raw: Raw): string | undefined {
  const value = raw.id ?? raw.prompt_id;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function metadataOf(raw: Raw): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(raw).filter(([key]) => !CORE_KEYS.has(key)));
  // A shard or curriculum file read back keeps the metadata it was written with.
  return isObject(raw.metadata) ? { ...raw.metadata, ...extra } : extra;
}

function checkEntry(raw: Raw, index: number, id: string | undefined, problems: CatalogProblem[]): Entry | undefined {
  const entryId = entryLabel(index, id);
  const before = problems.length;
  if (!id) problems.push({ entryId, field: 'id', expected: 'a non-empty string', received: raw.id ?? raw.prompt_id });
  const prompt = raw.user_prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    problems.push({ entryId, field: 'user_prompt', expected: 'a non-blank string', received: prompt });
  }
  const label = raw.complexity;
  const complexity = typeof label === 'string' ? toComplexity(label) : undefined;
  if (!complexity) problems.push({ entryId, field: 'complexity', expected: ACCEPTED_LABELS, received: label });
  if (problems.length > before) return undefined;
  const original = typeof raw.original_complexity === 'string' ? raw.original_complexity : (label as string);
  return {
    prompt_id: id!,
    user_prompt: prompt as string,
    complexity: complexity!,
    original_complexity: canonicalLabel(original),
    metadata: metadataOf(raw),
  };
}

/**
 * Validates a parsed catalog (an array of entries) and normalises it, in file order.
 * Throws one CatalogError listing every problem found.
 */
export function parseCatalog(raw: unknown, file: string, options: { allowEmpty?: boolean } = {}): Entry[] {
  if (!Array.isArray(raw)) {
    throw new CatalogError(file, [{ field: '(root)', expected: 'a JSON array of entries', received: raw }]);
  }
  // A catalog must hold prompts; a shard of it may be empty (a catalog with no medium prompts has an empty moderate shard).
  if (raw.length === 0 && !options.allowEmpty) {
    throw new CatalogError(file, [{ field: '(root)', expected: 'at least one entry', received: raw }]);
  }
  const problems: CatalogProblem[] = [];
  const entries: Entry[] = [];
  // Ids are tracked for every entry, valid or not, so a duplicate is reported alongside the entry's other problems.
  const firstIndex = new Map<string, number>();
  raw.forEach((item, index) => {
    if (!isObject(item)) {
      problems.push({ entryId: entryLabel(index, undefined), field: '(entry)', expected: 'an object', received: item });
      return;
    }
    const id = readId(item);
    const seen = id === undefined ? undefined : firstIndex.get(id);
    if (id !== undefined && seen !== undefined) {
      problems.push({
        entryId: entryLabel(index, id),
        field: 'id',
        problem: `duplicate id, already used by the entry at index ${seen}`,
        expected: 'an id no other entry uses',
        received: id,
        hint: 'give every entry its own id',
      });
    } else if (id !== undefined) {
      firstIndex.set(id, index);
    }
    const entry = checkEntry(item, index, id, problems);
    if (entry) entries.push(entry);
  });
  if (problems.length > 0) throw new CatalogError(file, problems);
  return entries;
}
