import { open, type FileHandle } from 'node:fs/promises';
import { GenerationRecordSchema, type GenerationRecord } from '@forge/engine';
import { ForgeError } from '@forge/errors';
import type { RecordRef } from './index-run.ts';

/** Reads single records back by byte range, keeping one handle per file open. */
export class RecordReader {
  private readonly handles = new Map<string, FileHandle>();

  async read(ref: RecordRef): Promise<GenerationRecord> {
    let handle = this.handles.get(ref.file);
    if (!handle) {
      handle = await open(ref.file, 'r');
      this.handles.set(ref.file, handle);
    }
    const buffer = Buffer.alloc(ref.length);
    await handle.read(buffer, 0, ref.length, ref.offset);
    const parsed = GenerationRecordSchema.safeParse(parseJson(buffer.toString('utf8')));
    if (!parsed.success || parsed.data.key !== ref.key) {
      // The file changed between indexing and reading (another writer appended or rewrote it).
      throw new ForgeError({ file: ref.file, entryId: ref.prompt_id, problem: 'record moved while packaging', hint: 'do not run generate and package at the same time' });
    }
    return parsed.data;
  }

  async close(): Promise<void> {
    await Promise.all([...this.handles.values()].map((handle) => handle.close()));
    this.handles.clear();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
