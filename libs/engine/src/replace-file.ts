import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Temp-file-then-rename without an fsync, for files that are not the source of truth (content-cache entries, task
 * logs; the ledger is): readers never see a half-written file while the machine runs, and after a power cut a
 * file may come back empty or partial, which its reader must detect (the cache checks a hash). Saves the two
 * fsyncs per sample that issue 14 measured at about 5.5 ms. For durable outputs use writeFileAtomic (@forge/files).
 */
export async function replaceFile(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
