import { open, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Append-only JSONL with one fsynced write per line.
 *
 * Why JSONL and not SQLite: better-sqlite3 compiles from source here (~63 s per fresh install, needs
 * allowScripts), and an O_APPEND write of one whole line + fdatasync is enough for a single-writer ledger: across
 * repeated kill -9 runs every acknowledged line survived (TECH_NOTES "Ledger"). The one failure mode, a torn last
 * line, is handled on both ends: the reader skips it, and reopening starts a fresh line after it.
 */
export class JsonlAppender {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens (creating) the file for appending; a torn last line left by a crash gets a newline so it stays alone. */
  static async open(path: string): Promise<JsonlAppender> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        await handle.write('\n');
        await handle.datasync();
      }
    }
    return new JsonlAppender(path, handle);
  }

  /** Appends one line (must not contain a newline) and resolves once it is on disk. Calls are serialised. */
  append(line: string): Promise<void> {
    if (line.includes('\n')) throw new Error('a JSONL line must not contain a newline');
    const write = this.chain.then(async () => {
      await this.handle.write(Buffer.from(`${line}\n`, 'utf8'));
      await this.handle.datasync();
    });
    this.chain = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}
