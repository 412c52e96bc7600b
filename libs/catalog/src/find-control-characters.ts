/** One control character found in a string of a parsed catalog. */
export interface ControlCharacter {
  /** Where: `user_prompt`, `metadata.tags[2]`, or `(key "…")` for a key of an object. */
  field: string;
  /** `U+0000`. */
  codePoint: string;
  /** Its position in that string (code units, from 0). */
  position: number;
}

// C0 controls except tab (09) and newline (0A), DEL, and the C1 controls: invisible in an editor, and a NUL or an
// escape sequence in a prompt reaches the model, the task logs and the terminal (issue 19 item 9).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

function describe(text: string, field: string): ControlCharacter | undefined {
  const match = CONTROL.exec(text);
  if (!match) return undefined;
  return { field, codePoint: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, position: match.index };
}

/** The first control character (other than newline and tab) of every string in `value`, keys included, by field. */
export function findControlCharacters(value: unknown, field = ''): ControlCharacter[] {
  if (typeof value === 'string') {
    const found = describe(value, field || '(value)');
    return found ? [found] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findControlCharacters(item, fieldPath(field, index)));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const inKey = describe(key, `${field === '' ? '' : `${field}.`}(key ${JSON.stringify(key)})`);
    return [...(inKey ? [inKey] : []), ...findControlCharacters(item, fieldPath(field, key))];
  });
}
