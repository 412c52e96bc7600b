import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { z } from 'zod';

/** Where one line of a file sits: its first byte and its length in bytes, without the newline. */
export interface LineSpan {
  offset: number;
  length: number;
}

/**
 * Yields every non-blank line of a file with its byte span, reading it in chunks: a ledger of 10,000 samples is
 * hundreds of MB, and holding it (or its records) made `generate`'s memory grow with the shard (issue 19 item 11).
 * A missing file has no lines.
 */
export async function* jsonlLines(path: string): AsyncGenerator<{ text: string; span: LineSpan }> {
  let carry = Buffer.alloc(0);
  let carryOffset = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const bytes = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
      let start = 0;
      for (let end = bytes.indexOf(0x0a, start); end >= 0; end = bytes.indexOf(0x0a, start)) {
        const line = bytes.subarray(start, end);
        if (line.some((byte) => byte !== 0x20 && byte !== 0x0d && byte !== 0x09)) {
          yield { text: line.toString('utf8'), span: { offset: carryOffset + start, length: end - start } };
        }
        start = end + 1;
      }
      carry = Buffer.from(bytes.subarray(start));
      carryOffset += start;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // A last line without its newline: a torn tail, which the schema check below usually rejects.
  if (carry.toString('utf8').trim() !== '') yield { text: carry.toString('utf8'), span: { offset: carryOffset, length: carry.length } };
}

/** The line parsed and checked against `schema`; undefined when it is torn, not JSON or not of the schema. */
export function parseJsonlLine<T>(text: string, schema: z.ZodType<T>): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Reads lines back by their spans from one open file (positional reads; the file is only ever appended to). */
export class LineReader {
  private constructor(private readonly handle: Awaited<ReturnType<typeof open>>) {}

  static async open(path: string): Promise<LineReader> {
    return new LineReader(await open(path, 'r'));
  }

  async read(span: LineSpan): Promise<string> {
    const bytes = Buffer.alloc(span.length);
    let done = 0;
    while (done < span.length) {
      const { bytesRead } = await this.handle.read(bytes, done, span.length - done, span.offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done).toString('utf8');
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** One line read back by its span and checked against `schema`. */
export async function readJsonlLineAt<T>(path: string, span: LineSpan, schema: z.ZodType<T>): Promise<T | undefined> {
  const reader = await LineReader.open(path);
  try {
    return parseJsonlLine(await reader.read(span), schema);
  } finally {
    await reader.close();
  }
}
