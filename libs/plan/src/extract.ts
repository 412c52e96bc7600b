import { getOwn, isPlainObject, setOwn } from './own-property.ts';
import { renderPython } from './render-python.ts';

/** How the environment reads an extraction path, before touching any data. */
export type ExtractPath =
  | { form: 'field'; key: string; text: string; name: string }
  | { form: 'dotted'; key: string; text: string; segments: string[] }
  | { form: 'list'; key: string; text: string; segments: string[] }
  | { form: 'project'; key: string; text: string; segments: string[]; field: string }
  | { form: 'map'; key: string; text: string; segments: string[]; mapKey: string; mapValue: string };

/** What applying one extraction path to a tool result gives: the state key, the value, and whether it is stored. */
export interface ExtractResult {
  key: string;
  value: unknown;
  success: boolean;
  stored: boolean;
}

/**
 * Reads an extraction path exactly as the environment does (the quirks are its contract):
 * - `alias = path` only with spaces around `=`; `p=price` is a field literally named "p=price";
 * - `x{k->v}` splits on `->` without trimming, so `{title -> score}` looks up "title " and " score";
 * - `x[][f]` takes everything between `[][` and the final `]` as one field name;
 * - the key is the last dotted segment with `[]` removed: `data.quote.price` → `price`,
 *   `results[][title]` → `results[title]`, `x{k->v}` → `x`; an alias replaces it.
 */
export function parseExtractPath(text: string): ExtractPath {
  const aliasAt = text.indexOf(' = ');
  const alias = aliasAt === -1 ? undefined : text.slice(0, aliasAt).trim();
  const path = aliasAt === -1 ? text : text.slice(aliasAt + 3).trim();
  const name = (base: string): string => alias ?? base.split('.').at(-1)!;
  const braceAt = path.indexOf('{');
  if (braceAt !== -1 && path.endsWith('}') && path.slice(braceAt).includes('->')) {
    const base = path.slice(0, braceAt);
    const inner = path.slice(braceAt + 1, -1);
    const arrowAt = inner.indexOf('->');
    return { form: 'map', text, key: name(base), segments: base.split('.'), mapKey: inner.slice(0, arrowAt), mapValue: inner.slice(arrowAt + 2) };
  }
  const projectAt = path.indexOf('[][');
  if (projectAt !== -1) {
    const base = path.slice(0, projectAt);
    const rest = path.slice(projectAt + 3);
    const field = rest.endsWith(']') ? rest.slice(0, -1) : rest;
    return { form: 'project', text, key: alias ?? path.split('.').at(-1)!.replace('[]', ''), segments: base.split('.'), field };
  }
  if (path.endsWith('[]')) {
    const base = path.slice(0, -2);
    return { form: 'list', text, key: name(base), segments: base.split('.') };
  }
  if (path.includes('.')) return { form: 'dotted', text, key: name(path), segments: path.split('.') };
  return { form: 'field', text, key: alias ?? path, name: path };
}

/** Applies one extraction path to a tool's structuredContent with the environment's semantics; never throws. */
export function extract(result: unknown, text: string): ExtractResult {
  const path = parseExtractPath(text);
  const root = isPlainObject(result) ? result : undefined;
  switch (path.form) {
    case 'field': {
      // A present key holding null succeeds but is not stored (the environment skips None values).
      const present = root !== undefined && Object.hasOwn(root, path.name);
      const value = present ? (root[path.name] ?? null) : null;
      return { key: path.key, value, success: present, stored: present && value !== null };
    }
    case 'dotted': {
      const value = walk(result, path.segments);
      return { key: path.key, value, success: value !== null, stored: value !== null };
    }
    case 'list': {
      if (path.segments.length === 1) {
        // Top-level `x[]` is result.get(x, []): missing gives [], a non-list value is kept as is.
        const value = root !== undefined && Object.hasOwn(root, path.segments[0]!) ? (root[path.segments[0]!] ?? null) : [];
        return { key: path.key, value, success: true, stored: value !== null };
      }
      const found = walk(result, path.segments);
      return { key: path.key, value: Array.isArray(found) ? found : [], success: found !== null, stored: found !== null };
    }
    case 'project': {
      const items = walk(result, path.segments);
      const value = Array.isArray(items) ? items.map((item) => (isPlainObject(item) ? (getOwn(item, path.field) ?? null) : null)) : [];
      return { key: path.key, value, success: true, stored: true };
    }
    case 'map': {
      const items = walk(result, path.segments);
      const value: Record<string, unknown> = {};
      if (Array.isArray(items)) {
        for (const item of items) {
          if (!isPlainObject(item)) continue;
          const key = getOwn(item, path.mapKey);
          if (key === undefined || key === null || Array.isArray(key) || isPlainObject(key)) continue;
          setOwn(value, typeof key === 'string' ? key : renderPython(key), getOwn(item, path.mapValue) ?? null);
        }
      }
      return { key: path.key, value, success: true, stored: true };
    }
  }
}

/** result.get(a, {}).get(b) ... : null as soon as a level is missing or not a dict. */
function walk(result: unknown, segments: string[]): unknown {
  let current: unknown = result;
  for (const segment of segments) {
    if (!isPlainObject(current)) return null;
    current = getOwn(current, segment) ?? null;
  }
  return current;
}
