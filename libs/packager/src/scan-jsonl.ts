import { createReadStream } from 'node:fs';

/** One line of a JSONL file with where its bytes sit, so a later pass can read it back alone. */
export interface JsonlLine {
  text: string;
  /** 1-based. */
  lineNumber: number;
  offset: number;
  length: number;
  /** The file's last line had no newline: a writer may have died mid-line. */
  unterminated: boolean;
}

const NEWLINE = 0x0a;

/**
 * Streams a JSONL file line by line with byte offsets, holding at most one chunk plus one line in memory.
 * Blank lines are skipped. A missing file yields nothing.
 */
export async function* scanJsonl(path: string): AsyncGenerator<JsonlLine> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let lineStart = 0;
  let lineNumber = 0;
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      let newline = chunk.indexOf(NEWLINE, from);
      while (newline !== -1) {
        const piece = chunk.subarray(from, newline);
        const bytes = pendingLength ? Buffer.concat([...pending, piece]) : piece;
        lineNumber += 1;
        const line = toLine(bytes, lineNumber, lineStart, false);
        if (line) yield line;
        lineStart += bytes.length + 1;
        pending = [];
        pendingLength = 0;
        from = newline + 1;
        newline = chunk.indexOf(NEWLINE, from);
      }
      if (from < chunk.length) {
        pending.push(Buffer.from(chunk.subarray(from)));
        pendingLength += chunk.length - from;
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (pendingLength) {
    const line = toLine(Buffer.concat(pending), lineNumber + 1, lineStart, true);
    if (line) yield line;
  }
}

function toLine(bytes: Buffer, lineNumber: number, offset: number, unterminated: boolean): JsonlLine | null {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return null;
  return { text, lineNumber, offset, length: bytes.length, unterminated };
}
