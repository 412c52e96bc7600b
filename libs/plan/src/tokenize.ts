import { DslParseError } from './dsl-parse-error.ts';
import { PyFloat } from './py-float.ts';

export type Token =
  | { kind: 'number'; value: number | PyFloat; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'keyword'; value: string; start: number; end: number }
  | { kind: 'operator'; value: string; start: number; end: number }
  | { kind: 'end'; value: ''; start: number; end: number };

/** Bounds chosen so evaluation recursion stays far from the JS stack limit on hostile input. */
export const MAX_TOKENS = 2000;

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'None', 'True', 'False']);
const UNSUPPORTED_KEYWORDS = new Set([
  'if', 'else', 'elif', 'for', 'while', 'lambda', 'def', 'class', 'return', 'import', 'from', 'as', 'with', 'yield',
  'del', 'pass', 'global', 'nonlocal', 'assert', 'break', 'continue', 'try', 'except', 'finally', 'raise', 'async', 'await',
]);
// Longest first, so `//` wins over `/` and `<=` over `<`.
const OPERATORS = ['~=', '//', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.'];
const REJECTED: Record<string, string> = {
  '**': 'the power operator `**` is not supported',
  '=': '`=` is not an operator here; compare with `==`',
  '!': '`!` is not Python; use `not`',
  '&': 'bitwise `&` is not supported; use `and`',
  '|': 'bitwise `|` is not supported; use `or`',
  '^': 'bitwise `^` is not supported',
  '~': '`~` is not supported; the regex operator is ` ~= ` with one space on each side, in accept_if only',
  '<<': 'shift operators are not supported',
  '>>': 'shift operators are not supported',
  '@': '`@` is not supported',
  ';': '`;` is not supported: one expression only',
  '`': 'backticks are not Python; quote strings with \' or "',
};
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const NUMBER =
  /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?)/y;

/** Splits Python-flavoured expression text into tokens; throws DslParseError with the offending column. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let depth = 0;
  const fail = (offset: number, problem: string, hint?: string): never => {
    throw new DslParseError({ source, offset, problem, hint });
  };
  while (index < source.length) {
    const char = source[index]!;
    if (char === ' ' || char === '\t' || char === '\r') {
      index += 1;
      continue;
    }
    if (char === '\n') {
      // Python only allows a line break inside brackets; leading/trailing ones are stripped like eval() does.
      if (depth === 0 && tokens.length > 0 && source.slice(index).trim() !== '') fail(index, 'line break outside brackets', 'keep the expression on one line or wrap it in parentheses');
      index += 1;
      continue;
    }
    if (char === '#') {
      while (index < source.length && source[index] !== '\n') index += 1;
      continue;
    }
    if (tokens.length >= MAX_TOKENS) fail(index, `expression longer than ${MAX_TOKENS} tokens`);
    const start = index;
    if (isStringStart(source, index)) {
      const { value, end } = readString(source, index, fail);
      tokens.push({ kind: 'string', value, start, end });
      index = end;
      continue;
    }
    if (NAME_START.test(char)) {
      while (index < source.length && NAME_PART.test(source[index]!)) index += 1;
      const word = source.slice(start, index);
      if (UNSUPPORTED_KEYWORDS.has(word)) fail(start, `Python keyword \`${word}\` is not supported in plan expressions`);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'name', value: word, start, end: index });
      continue;
    }
    if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[index + 1] ?? ''))) {
      NUMBER.lastIndex = index;
      const text = NUMBER.exec(source)![0];
      index += text.length;
      if (NAME_PART.test(source[index] ?? '')) fail(index, `invalid number literal \`${source.slice(start, index + 1)}\``);
      tokens.push({ kind: 'number', value: numberValue(text, start, fail), start, end: index });
      continue;
    }
    for (const bad of ['**', '<<', '>>']) if (source.startsWith(bad, index)) fail(index, REJECTED[bad]!);
    const operator = OPERATORS.find((candidate) => source.startsWith(candidate, index));
    if (operator === undefined) {
      fail(index, REJECTED[char] ?? `unexpected character \`${char}\``);
    } else {
      if (operator === '(' || operator === '[' || operator === '{') depth += 1;
      if (operator === ')' || operator === ']' || operator === '}') depth = Math.max(0, depth - 1);
      index += operator.length;
      tokens.push({ kind: 'operator', value: operator, start, end: index });
    }
  }
  tokens.push({ kind: 'end', value: '', start: source.length, end: source.length });
  return tokens;
}

function numberValue(text: string, start: number, fail: (offset: number, problem: string) => never): number | PyFloat {
  const clean = text.replace(/_/g, '');
  if (/^0[xXoObB]/.test(clean)) return Number(clean);
  const isFloat = /[.eE]/.test(clean);
  if (!isFloat && /^0\d/.test(clean) && !/^0+$/.test(clean)) fail(start, `leading zeros are not allowed in \`${text}\``);
  const value = Number(clean);
  return isFloat && Number.isInteger(value) ? new PyFloat(value) : value;
}

function isStringStart(source: string, index: number): boolean {
  const char = source[index]!;
  if (char === '"' || char === "'") return true;
  const next = source[index + 1];
  return /[rRuUbBfF]/.test(char) && (next === '"' || next === "'");
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Reads a Python string literal: r-prefix keeps backslashes; unknown escapes like `\d` stay as written. */
function readString(source: string, start: number, fail: (offset: number, problem: string, hint?: string) => never): { value: string; end: number } {
  let index = start;
  let raw = false;
  if (source[index] !== '"' && source[index] !== "'") {
    const prefix = source[index]!.toLowerCase();
    if (prefix === 'b') fail(start, 'bytes literals are not supported');
    if (prefix === 'f') fail(start, 'f-strings are not supported', 'use a placeholder or concatenate with +');
    raw = prefix === 'r';
    index += 1;
  }
  const quote = source[index]!;
  if (source.startsWith(quote.repeat(3), index)) fail(index, 'triple-quoted strings are not supported');
  index += 1;
  let value = '';
  for (;;) {
    if (index >= source.length || source[index] === '\n') fail(start, 'unterminated string literal', `close it with ${quote}`);
    const char = source[index]!;
    if (char === quote) return { value, end: index + 1 };
    if (char !== '\\') {
      value += char;
      index += 1;
      continue;
    }
    const next = source[index + 1];
    if (next === undefined) fail(start, 'unterminated string literal', `close it with ${quote}`);
    if (raw) {
      value += char + next;
      index += 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next!];
    if (simple !== undefined) {
      value += simple;
      index += 2;
    } else if (next === '\n') {
      index += 2;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = source.slice(index + 2, index + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) fail(index, `truncated \\${next} escape`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) fail(index, `illegal Unicode character \\${next}${hex}`);
      value += String.fromCodePoint(code);
      index += 2 + width;
    } else if (/[0-7]/.test(next!)) {
      const octal = /^[0-7]{1,3}/.exec(source.slice(index + 1))![0];
      value += String.fromCodePoint(parseInt(octal, 8));
      index += 1 + octal.length;
    } else if (next === 'N') {
      fail(index, '\\N{...} escapes are not supported');
    } else {
      // Python keeps unknown escapes verbatim (e.g. '\d' in a regex), so do we.
      value += char + next;
      index += 2;
    }
  }
}
