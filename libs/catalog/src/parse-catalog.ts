import { ACCEPTED_LABELS, canonicalLabel, toComplexity } from './complexity.ts';
import { CatalogError, type CatalogProblem } from './catalog-error.ts';
import type { Entry } from './entry.ts';
import { findControlCharacters } from './find-control-characters.ts';

export interface ParseCatalogOptions {
  /** A shard of a catalog may be empty (a catalog with no medium prompts has an empty moderate shard). */
  allowEmpty?: boolean;
  /** Refuse a user_prompt longer than this many characters (code points); no limit when absent. */
  maxPromptChars?: number;
}

/** `forge prepare`'s default for --max-prompt-chars: a long research question is 2,000; 16,000 is a pasted document. */
export const DEFAULT_MAX_PROMPT_CHARS = 16_000;

const CORE_KEYS = new Set(['id', 'prompt_id', 'user_prompt', 'complexity', 'original_complexity', 'metadata']);

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryLabel(index: number, id: string | undefined): string {
  // An id's own control characters are shown escaped, so the message cannot drive the terminal.
  const shown = id?.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown ? `${shown} (index ${index})` : `at index ${index}`;
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

function checkControlCharacters(raw: Raw, entryId: string, problems: CatalogProblem[]): void {
  for (const found of findControlCharacters(raw)) {
    problems.push({
      entryId,
      field: found.field,
      problem: `control character ${found.codePoint} at position ${found.position}`,
      expected: 'text without control characters other than newline and tab',
      hint: 'remove it (an escaped \\u0000 in the JSON counts too)',
    });
  }
}

function checkPromptLength(prompt: string, entryId: string, maxPromptChars: number | undefined, problems: CatalogProblem[]): void {
  if (maxPromptChars === undefined || prompt.length <= maxPromptChars) return;
  const length = [...prompt].length;
  if (length <= maxPromptChars) return;
  problems.push({
    entryId,
    field: 'user_prompt',
    problem: `the prompt is ${length} characters long`,
    expected: `at most ${maxPromptChars} characters`,
    received: prompt,
    hint: 'shorten it, or raise --max-prompt-chars (env MAX_PROMPT_CHARS)',
  });
}

function checkEntry(raw: Raw, index: number, id: string | undefined, problems: CatalogProblem[], options: ParseCatalogOptions): Entry | undefined {
  const entryId = entryLabel(index, id);
  const before = problems.length;
  if (!id) problems.push({ entryId, field: 'id', expected: 'a non-empty string', received: raw.id ?? raw.prompt_id });
  const prompt = raw.user_prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    problems.push({ entryId, field: 'user_prompt', expected: 'a non-blank string', received: prompt });
  } else {
    checkPromptLength(prompt, entryId, options.maxPromptChars, problems);
  }
  checkControlCharacters(raw, entryId, problems);
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
 * Validates a parsed catalog (an array of entries) and normalises it, in file order: ids, prompts (not blank, not
 * over `maxPromptChars`), complexities, and no control characters in any string. Throws one CatalogError listing
 * every problem found.
 */
export function parseCatalog(raw: unknown, file: string, options: ParseCatalogOptions = {}): Entry[] {
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
    const entry = checkEntry(item, index, id, problems, options);
    if (entry) entries.push(entry);
  });
  if (problems.length > 0) throw new CatalogError(file, problems);
  return entries;
}
