import { describeReceived } from '@forge/errors';
import { ACCEPTED_LABELS, canonicalLabel, toComplexity } from './complexity.ts';
import { CatalogError, type CatalogProblem } from './catalog-error.ts';
import type { Entry } from './entry.ts';

const CORE_KEYS = new Set(['id', 'prompt_id', 'user_prompt', 'complexity', 'original_complexity', 'metadata']);

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return `an array ${describeReceived(value)}`;
  if (value === null) return 'null';
  return `${typeof value} ${describeReceived(value)}`;
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

function checkEntry(raw: unknown, index: number, problems: CatalogProblem[]): Entry | undefined {
  if (!isObject(raw)) {
    problems.push({ entryId: entryLabel(index, undefined), expected: 'an object', received: kindOf(raw) });
    return undefined;
  }
  const id = readId(raw);
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

function checkDuplicates(entries: Array<{ entry: Entry; index: number }>, problems: CatalogProblem[]): void {
  const firstIndex = new Map<string, number>();
  for (const { entry, index } of entries) {
    const seen = firstIndex.get(entry.prompt_id);
    if (seen === undefined) {
      firstIndex.set(entry.prompt_id, index);
      continue;
    }
    problems.push({
      entryId: entryLabel(index, entry.prompt_id),
      field: 'id',
      problem: `duplicate id, already used by the entry at index ${seen}`,
      hint: 'give every entry its own id',
    });
  }
}

/**
 * Validates a parsed catalog (an array of entries) and normalises it, in file order.
 * Throws one CatalogError listing every problem found.
 */
export function parseCatalog(raw: unknown, file: string): Entry[] {
  if (!Array.isArray(raw)) {
    throw new CatalogError(file, [{ field: '(root)', expected: 'a JSON array of entries', received: kindOf(raw) }]);
  }
  if (raw.length === 0) {
    throw new CatalogError(file, [{ field: '(root)', expected: 'at least one entry', received: 'an empty array' }]);
  }
  const problems: CatalogProblem[] = [];
  const checked: Array<{ entry: Entry; index: number }> = [];
  raw.forEach((item, index) => {
    const entry = checkEntry(item, index, problems);
    if (entry) checked.push({ entry, index });
  });
  checkDuplicates(checked, problems);
  if (problems.length > 0) throw new CatalogError(file, problems);
  return checked.map(({ entry }) => entry);
}
