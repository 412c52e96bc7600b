import { cp, rename, rm, stat, readdir, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stagingPath } from './staged-file.ts';

/** Copies a directory tree to a temp sibling and renames it into place; false when the source is absent. */
export async function copyDirectoryAtomic(source: string, target: string): Promise<boolean> {
  try {
    if (!(await stat(source)).isDirectory()) return false;
  } catch {
    return false;
  }
  await mkdir(dirname(target), { recursive: true });
  const temp = stagingPath(target);
  try {
    await cp(source, temp, { recursive: true });
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return true;
}

/** The most recently modified subdirectory of a folder (the latest run), or null. */
export async function latestSubdirectory(folder: string): Promise<string | null> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return null;
  }
  let latest: { name: string; time: number } | null = null;
  for (const name of names) {
    const time = (await stat(join(folder, name))).mtimeMs;
    if (!latest || time > latest.time || (time === latest.time && name > latest.name)) latest = { name, time };
  }
  return latest?.name ?? null;
}
