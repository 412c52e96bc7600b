import { mkdir, rename, rm, open } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface FileWrite {
  path: string;
  content: string | Uint8Array;
}

/** The temp sibling a file is written to before it is renamed into place (StagedWrites names its temps alike). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function writeDurable(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes every file to a temp sibling first and renames them into place only when all writes succeeded,
 * so a failure part-way leaves the previous outputs byte-identical.
 */
export async function writeFilesAtomic(files: FileWrite[]): Promise<void> {
  const staged: Array<{ temp: string; path: string }> = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = tempPathFor(file.path);
      staged.push({ temp, path: file.path });
      await writeDurable(temp, file.content);
    }
  } catch (error) {
    await Promise.all(staged.map((entry) => rm(entry.temp, { force: true })));
    throw error;
  }
  for (const entry of staged) await rename(entry.temp, entry.path);
}

/** Temp-file-then-rename for one file. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([{ path, content }]);
}

