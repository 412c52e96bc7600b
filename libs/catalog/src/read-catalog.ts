import { readFile } from 'node:fs/promises';
import { sha256 } from '@forge/files';
import { CatalogError } from './catalog-error.ts';
import { parseCatalog } from './parse-catalog.ts';
import { parseCatalogText } from './parse-catalog-text.ts';
import type { Entry } from './entry.ts';

/** A validated catalog with the hash of the exact bytes it was read from. */
export interface Catalog {
  file: string;
  sha256: string;
  entries: Entry[];
}

/** Reads and validates a catalog, a curriculum_prompts file or a shard file. Throws CatalogError. */
export async function readCatalog(file: string, options: { allowEmpty?: boolean } = {}): Promise<Catalog> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const received = code === 'ENOENT' ? 'no such file (ENOENT)' : code === 'EISDIR' ? 'a directory (EISDIR)' : (code ?? String(error));
    throw new CatalogError(
      file,
      [{ field: '(file)', expected: 'a readable catalog file', received, hint: 'set PROMPT_FILE or --prompt-file to the catalog JSON' }],
      error,
    );
  }
  const entries = parseCatalog(parseCatalogText(bytes.toString('utf8'), file), file, options);
  return { file, sha256: sha256(bytes), entries };
}
