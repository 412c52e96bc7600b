import { isPlainObject } from './own-property.ts';
import { PyFloat } from './py-float.ts';

/**
 * Python's text forms of plan values. The training environment is Python, so wherever a value becomes text
 * (placeholders in tool params, the left side of `~=`) the text must be Python's, not JavaScript's:
 * `None`/`True`, `2.0` for whole floats, `1e-05`, and `json.dumps` (", " / ": " separators, ensure_ascii)
 * for containers in placeholders.
 */

/** `str(value)` as Python prints it: containers use repr (`['a', None]`), floats use the shortest repr. */
export function renderPython(value: unknown): string {
  if (typeof value === 'string') return value;
  return renderRepr(value);
}

/** `json.dumps(value)` with Python's defaults: ", " and ": " separators, ensure_ascii escapes, NaN/Infinity. */
export function renderPythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (value instanceof PyFloat) return formatFloat(value.value, 'json');
  if (typeof value === 'number') return Number.isInteger(value) ? formatInt(value) : formatFloat(value, 'json');
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) return `[${value.map(renderPythonJson).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value).map((key) => `${jsonString(key)}: ${renderPythonJson(value[key])}`).join(', ')}}`;
  }
  return jsonString(String(value));
}

/** How a `${expr}` placeholder renders its value: strings as-is, lists/dicts as JSON text, scalars as `str()`. */
export function renderText(value: unknown): string {
  if (Array.isArray(value) || isPlainObject(value)) return renderPythonJson(value);
  return renderPython(value);
}

function renderRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value instanceof PyFloat) return formatFloat(value.value, 'repr');
  if (typeof value === 'number') return Number.isInteger(value) ? formatInt(value) : formatFloat(value, 'repr');
  if (typeof value === 'string') return reprString(value);
  if (Array.isArray(value)) return `[${value.map(renderRepr).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value).map((key) => `${reprString(key)}: ${renderRepr(value[key])}`).join(', ')}}`;
  }
  return reprString(String(value));
}

function formatInt(value: number): string {
  // Python ints never use exponent notation; JS switches to it from 1e21.
  if (Object.is(value, -0)) return '0';
  return Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
}

/** Python's float repr: shortest round-trip digits, fixed notation for exponents in [-4, 16), else `1e+16`. */
export function formatFloat(value: number, style: 'repr' | 'json'): string {
  if (Number.isNaN(value)) return style === 'json' ? 'NaN' : 'nan';
  if (!Number.isFinite(value)) {
    if (style === 'json') return value > 0 ? 'Infinity' : '-Infinity';
    return value > 0 ? 'inf' : '-inf';
  }
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa!.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= digits.length - 1) return `${sign}${digits}${'0'.repeat(exponent - digits.length + 1)}.0`;
    if (exponent >= 0) return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function jsonString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const code = text.charCodeAt(index);
    const escape = JSON_ESCAPES[char];
    if (escape !== undefined) out += escape;
    // ensure_ascii: everything outside printable ASCII becomes \uXXXX (UTF-16 units, as Python emits pairs).
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}${quote}`;
}
