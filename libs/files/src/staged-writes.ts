import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathFor } from './write-files-atomic.ts';

/** Text gathered before each write: big enough to keep writes few, small beside a million prompts' JSON. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Files written to temp siblings and renamed into place together by `commit`, as writeFilesAtomic does, but a
 * JSON array is written a row at a time (issue 14: the prepared texts of a million prompts were about 560 MB of
 * strings held at once). `abort` removes the temps, so a failure part-way leaves the previous outputs as they were.
 */
export class StagedWrites {
  private readonly staged: Array<{ temp: string; path: string }> = [];

  /**
   * Writes `${JSON.stringify(rows.map(map), null, 2)}\n` to a temp sibling of `path`, byte for byte, without building
   * it whole; returns the sha256 of what was written.
   */
  async addJsonArray<T>(path: string, rows: readonly T[], map: (row: T) => unknown = (row) => row): Promise<string> {
    return this.write(path, function* () {
      if (rows.length === 0) {
        yield '[]\n';
        return;
      }
      yield '[\n';
      for (const [index, row] of rows.entries()) {
        yield `${index === 0 ? '' : ',\n'}${JSON.stringify(map(row), null, 2).replace(/^/gm, '  ')}`;
      }
      yield '\n]\n';
    });
  }

  /** Writes `content` to a temp sibling of `path`. */
  async addText(path: string, content: string): Promise<string> {
    return this.write(path, function* () {
      yield content;
    });
  }

  async commit(): Promise<void> {
    for (const entry of this.staged) await rename(entry.temp, entry.path);
    this.staged.length = 0;
  }

  async abort(): Promise<void> {
    await Promise.all(this.staged.map((entry) => rm(entry.temp, { force: true })));
    this.staged.length = 0;
  }

  private async write(path: string, pieces: () => Generator<string>): Promise<string> {
    await mkdir(dirname(path), { recursive: true });
    const temp = tempPathFor(path);
    this.staged.push({ temp, path });
    const hash = createHash('sha256');
    const handle = await open(temp, 'w');
    try {
      let buffered = '';
      const flush = async () => {
        const bytes = Buffer.from(buffered, 'utf8');
        buffered = '';
        hash.update(bytes);
        for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done)).bytesWritten;
      };
      for (const piece of pieces()) {
        buffered += piece;
        if (buffered.length >= WRITE_BYTES) await flush();
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    return hash.digest('hex');
  }
}
