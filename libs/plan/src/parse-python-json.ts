import { setOwn } from './own-property.ts';
import { PyFloat } from './py-float.ts';

/**
 * Parses JSON text the way Python's `json.loads` types it: a number written with a fraction or exponent is a
 * float even when whole (`2.0` → PyFloat(2)), so it later renders as "2.0" like the environment does.
 * JSON.parse cannot do this on Node 20 (no source-text access in revivers). Throws SyntaxError on bad JSON.
 */
export function parsePythonJson(text: string): unknown {
  const reader = { text, index: 0 };
  const value = readValue(reader);
  skipSpace(reader);
  if (reader.index !== text.length) fail(reader, 'unexpected trailing text');
  return value;
}

interface Reader {
  text: string;
  index: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function readValue(reader: Reader): unknown {
  skipSpace(reader);
  const char = reader.text[reader.index];
  if (char === '{') return readObject(reader);
  if (char === '[') return readArray(reader);
  if (char === '"') return readString(reader);
  for (const [word, value] of [['true', true], ['false', false], ['null', null], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]] as const) {
    if (reader.text.startsWith(word, reader.index)) {
      reader.index += word.length;
      return value;
    }
  }
  NUMBER.lastIndex = reader.index;
  const match = NUMBER.exec(reader.text);
  if (!match || match[0] === '' || match[0] === '-') fail(reader, 'expected a JSON value');
  reader.index += match[0].length;
  const number = Number(match[0]);
  const isFloat = match[1] !== undefined || match[2] !== undefined;
  return isFloat && Number.isInteger(number) ? new PyFloat(number) : number;
}

function readObject(reader: Reader): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  reader.index += 1;
  skipSpace(reader);
  if (reader.text[reader.index] === '}') {
    reader.index += 1;
    return object;
  }
  for (;;) {
    skipSpace(reader);
    if (reader.text[reader.index] !== '"') fail(reader, 'expected a string key');
    const key = readString(reader);
    skipSpace(reader);
    expect(reader, ':');
    setOwn(object, key, readValue(reader));
    skipSpace(reader);
    if (reader.text[reader.index] === ',') {
      reader.index += 1;
      continue;
    }
    expect(reader, '}');
    return object;
  }
}

function readArray(reader: Reader): unknown[] {
  const array: unknown[] = [];
  reader.index += 1;
  skipSpace(reader);
  if (reader.text[reader.index] === ']') {
    reader.index += 1;
    return array;
  }
  for (;;) {
    array.push(readValue(reader));
    skipSpace(reader);
    if (reader.text[reader.index] === ',') {
      reader.index += 1;
      continue;
    }
    expect(reader, ']');
    return array;
  }
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;

function readString(reader: Reader): string {
  STRING.lastIndex = reader.index;
  const match = STRING.exec(reader.text);
  if (!match) fail(reader, 'bad string');
  reader.index += match[0].length;
  return JSON.parse(match[0]) as string;
}

function skipSpace(reader: Reader): void {
  while (reader.index < reader.text.length && ' \t\n\r'.includes(reader.text[reader.index]!)) reader.index += 1;
}

function expect(reader: Reader, char: string): void {
  if (reader.text[reader.index] !== char) fail(reader, `expected ${char}`);
  reader.index += 1;
}

function fail(reader: Reader, problem: string): never {
  throw new SyntaxError(`JSON at offset ${reader.index}: ${problem}`);
}
