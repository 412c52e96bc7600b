import { DslExecutionError } from './dsl-execution-error.ts';

/**
 * Compiles a Python `re` pattern to a JS RegExp with the same meaning for the common syntax: `(?P<name>...)`,
 * `(?P=name)`, `\A`, `\Z`, Python's `$` (end or before a final newline) and leading inline flags `(?ims)`.
 * Known gaps (documented, not silently wrong): `\d`/`\w`/`\s` are ASCII-only here, Unicode-aware in Python.
 * Throws DslExecutionError (re.error) where Python's re.compile would fail.
 */
export function compilePythonRegex(pattern: string, flags = ''): RegExp {
  let source = pattern;
  let extraFlags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    for (const flag of inline[1]!) {
      if (flag === 'i' || flag === 'm' || flag === 's') extraFlags += flag;
      else if (flag !== 'u' && flag !== 'a') fail(pattern, `inline flag (?${flag}) is not supported`);
    }
    source = source.slice(inline[0].length);
  }
  const translated = translate(source, pattern, (extraFlags + flags).includes('m'));
  try {
    return new RegExp(translated, [...new Set(extraFlags + flags)].join(''));
  } catch (error) {
    return fail(pattern, error instanceof Error ? error.message : String(error), error);
  }
}

function translate(source: string, pattern: string, multiline: boolean): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (char === '\\') {
      const next = source[index + 1];
      if (next === undefined) fail(pattern, 'bad escape (end of pattern)');
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?![\\s\\S])';
      else out += char + next;
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      // A leading ']' (or '^]') is a literal in Python's class syntax.
      if (source[index + 1] === '^') {
        out += '^';
        index += 1;
      }
      if (source[index + 1] === ']') {
        out += '\\]';
        index += 1;
      }
      continue;
    }
    if (source.startsWith('(?P<', index)) {
      out += '(?<';
      index += 3;
      continue;
    }
    if (source.startsWith('(?P=', index)) {
      const close = source.indexOf(')', index);
      if (close === -1) fail(pattern, 'missing ), unterminated name');
      out += `\\k<${source.slice(index + 4, close)}>`;
      index = close;
      continue;
    }
    // Python's `$` also matches just before a trailing newline.
    if (char === '$' && !multiline) {
      out += '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    out += char;
  }
  if (inClass) fail(pattern, 'unterminated character set');
  return out;
}

function fail(pattern: string, problem: string, cause?: unknown): never {
  throw new DslExecutionError({ pythonError: 're.error', problem: `bad regular expression ${JSON.stringify(pattern)}: ${problem}`, cause });
}
