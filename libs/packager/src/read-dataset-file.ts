import { open, readFile, stat } from 'node:fs/promises';
import { ForgeError } from '@forge/errors';
import { scanJsonl } from './scan-jsonl.ts';

/** One row of a dataset file: the parsed value, or why the line could not be parsed. */
export type DatasetRow = { row: number; value: unknown } | { row: number; problem: string };

/**
 * Reads a dataset file as rows: a JSON array (.json) or one object per line (.jsonl); other extensions are
 * sniffed from the first character. Never throws on bad content: unparsable input becomes problem rows.
 * Throws a ForgeError when the file cannot be opened.
 */
export async function* readDatasetFile(path: string): AsyncGenerator<DatasetRow> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new ForgeError({ file: path, problem: 'cannot read the dataset file', cause: error, hint: 'pass a .json or .jsonl file (forge package writes data/processed/train.jsonl)' });
  }
  if (await looksLikeArray(path)) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      yield { row: 0, problem: `not valid JSON: ${(error as Error).message}` };
      return;
    }
    if (!Array.isArray(value)) {
      yield { row: 0, problem: 'expected a JSON array of samples' };
      return;
    }
    for (let index = 0; index < value.length; index += 1) yield { row: index + 1, value: value[index] };
    return;
  }
  for await (const line of scanJsonl(path)) {
    try {
      yield { row: line.lineNumber, value: JSON.parse(line.text) };
    } catch (error) {
      yield { row: line.lineNumber, problem: line.unterminated ? 'incomplete last line (torn write)' : `not valid JSON: ${(error as Error).message}` };
    }
  }
}

async function looksLikeArray(path: string): Promise<boolean> {
  if (path.endsWith('.jsonl')) return false;
  if (path.endsWith('.json')) return true;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, 256, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}
