import { createReadStream } from 'node:fs';

const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** The file is not a JSON array (or not JSON): the caller reads it whole to say which. */
export class NotAJsonArray extends Error {}

/**
 * Streams the elements of a file holding one JSON array, each parsed on its own, holding one chunk plus one element
 * in memory (issue 14: a prepared catalog of a million prompts is a 260 MB string, JSON.parse'd whole). Throws
 * NotAJsonArray when the file does not start with `[`, and a SyntaxError when an element or the array's punctuation
 * is not valid JSON. A missing file throws ENOENT, as readFile does. `chunkBytes`: the read size (tests).
 */
export async function* scanJsonArray(path: string, chunkBytes?: number): AsyncGenerator<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let closed = false;
  /** Bytes of the element being read, from earlier chunks. */
  let pending: Buffer[] = [];
  let elements = 0;
  let sawComma = false;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    let start = depth >= 1 ? 0 : -1;
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
        continue;
      }
      if (closed) {
        if (!isSpace(byte)) throw new SyntaxError(`unexpected text after the array's closing ]`);
        continue;
      }
      if (depth === 0) {
        if (isSpace(byte)) continue;
        if (byte !== OPEN_ARRAY) throw new NotAJsonArray('not a JSON array');
        depth = 1;
        start = index + 1;
        continue;
      }
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth += 1;
      else if ((byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) && depth > 1) depth -= 1;
      else if (depth === 1 && (byte === COMMA || byte === CLOSE_ARRAY)) {
        const text = Buffer.concat([...pending, chunk.subarray(start, index)]).toString('utf8');
        pending = [];
        start = index + 1;
        if (text.trim() === '') {
          // `[]` is the empty array; `[,` `[1,,2]` `[1,]` are not JSON.
          if (byte === COMMA || sawComma) throw new SyntaxError('an empty element in the array');
        } else {
          elements += 1;
          yield JSON.parse(text);
        }
        sawComma = byte === COMMA;
        if (byte === CLOSE_ARRAY) {
          depth = 0;
          closed = true;
        }
      }
    }
    if (depth >= 1 && start >= 0 && start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
  }
  if (!closed) throw elements === 0 && depth === 0 ? new NotAJsonArray('empty file') : new SyntaxError('the array is not closed');
}
