import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';

/** A temp sibling path that the final rename replaces atomically. */
export function stagingPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * A text file written as a stream to a temp sibling and renamed into place on commit, so readers never see
 * half a file; hashes and counts the bytes on the way.
 */
export class StagedFile {
  readonly path: string;
  readonly temp: string;
  bytes = 0;
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');

  private constructor(path: string, temp: string, stream: WriteStream) {
    this.path = path;
    this.temp = temp;
    this.stream = stream;
  }

  static async create(path: string): Promise<StagedFile> {
    await mkdir(dirname(path), { recursive: true });
    const temp = stagingPath(path);
    const stream = createWriteStream(temp);
    await once(stream, 'open');
    return new StagedFile(path, temp, stream);
  }

  /** Writes text, waiting when the stream's buffer is full so memory stays bounded. */
  async write(text: string): Promise<void> {
    const chunk = Buffer.from(text, 'utf8');
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes, closes and renames into place; returns the sha256 of what was written. */
  async commit(): Promise<string> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(this.temp, this.path);
    return this.hash.digest('hex');
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}
