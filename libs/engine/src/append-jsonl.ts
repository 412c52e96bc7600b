import { open, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ForgeError } from '@forge/errors';
import type { LineSpan } from './jsonl-lines.ts';

interface PendingLine {
  bytes: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Append-only JSONL with group commit: every line waiting when a write starts goes out in one O_APPEND write and
 * one fdatasync, and each append resolves only after the fdatasync that covers it. While one batch syncs, the
 * next gathers, so a lone writer pays one sync a line (as before) and concurrent writers share them (issue 14).
 *
 * Why JSONL and not SQLite: better-sqlite3 compiles from source here (~63 s per fresh install, needs
 * allowScripts), and an O_APPEND write of whole lines + fdatasync is enough for a single-writer ledger: across
 * repeated kill -9 runs every acknowledged line survived (TECH_NOTES "Ledger"). The one failure mode, a torn last
 * line, is handled on both ends: the reader skips it, and reopening starts a fresh line after it. After a failed
 * write the appender refuses further lines: one more line after a torn batch would be glued to it and lost.
 */
export class JsonlAppender {
  /** fdatasync calls made so far (one per batch), for tests and the bench. */
  syncs = 0;
  private pending: PendingLine[] = [];
  private flushing: Promise<void> | undefined;
  private failure: ForgeError | undefined;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** Whether the file was empty when opened: then it holds exactly the lines appended through this appender. */
    readonly startedEmpty: boolean,
    /** Where the next line will start: the one writer appends whole lines in call order. */
    private nextOffset: number,
  ) {}

  /** Opens (creating) the file for appending; a torn last line left by a crash gets a newline so it stays alone. */
  static async open(path: string): Promise<JsonlAppender> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    const { size } = await handle.stat();
    let end = size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        await handle.write('\n');
        await handle.datasync();
        end += 1;
      }
    }
    return new JsonlAppender(path, handle, size === 0, end);
  }

  /**
   * Appends one line (must not contain a newline) and resolves once it is on disk, with the line's byte span;
   * lines land in call order. Rejects with a ForgeError naming the file when the write or the sync fails, and so
   * does every later call.
   */
  append(line: string): Promise<LineSpan> {
    if (line.includes('\n')) throw new Error('a JSONL line must not contain a newline');
    if (this.failure) return Promise.reject(this.failure);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    const span: LineSpan = { offset: this.nextOffset, length: bytes.length - 1 };
    this.nextOffset += bytes.length;
    return new Promise<LineSpan>((resolve, reject) => {
      this.pending.push({ bytes, resolve: () => resolve(span), reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for every appended line to be on disk, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    // Let appends made in the same turn of the event loop join the first batch.
    await Promise.resolve();
    while (this.pending.length > 0 && !this.failure) {
      const batch = this.pending.splice(0);
      try {
        await this.writeAll(Buffer.concat(batch.map((item) => item.bytes)));
        await this.handle.datasync();
        this.syncs += 1;
        for (const item of batch) item.resolve();
      } catch (error) {
        this.failure = new ForgeError({ file: this.path, problem: `could not append ${batch.length} line(s) to the ledger (${error instanceof Error ? error.message : String(error)})`, cause: error, hint: 'check free disk space and permissions; the lines acknowledged before are on disk' });
        for (const item of [...batch, ...this.pending.splice(0)]) item.reject(this.failure);
      }
    }
    this.flushing = undefined;
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  }
}
