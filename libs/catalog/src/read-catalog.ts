import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { sha256 } from '@forge/files';
import { CatalogError } from './catalog-error.ts';
import { findInvalidUtf8 } from './find-invalid-utf8.ts';
import { parseCatalog, type ParseCatalogOptions } from './parse-catalog.ts';
import { parseCatalogText } from './parse-catalog-text.ts';
import type { Entry } from './entry.ts';

/** A validated catalog with the hash of the exact bytes it was read from. */
export interface Catalog {
  file: string;
  sha256: string;
  entries: Entry[];
}

/** The largest catalog read: 64 MB is about 300,000 prompts; anything bigger is a wrong path, not a catalog. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

export interface ReadCatalogOptions extends ParseCatalogOptions {
  /** A larger cap than MAX_CATALOG_BYTES, for a catalog known to be that big (the scale bench's million prompts). */
  maxBytes?: number;
}

const HINT = 'set PROMPT_FILE or --prompt-file to the catalog JSON';

function fileError(file: string, expected: string, received: string, cause?: unknown): CatalogError {
  return new CatalogError(file, [{ field: '(file)', expected, received, hint: HINT }], cause);
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens without blocking and checks the opened file itself (fstat, so a path swapped after a check cannot slip a
 * pipe in): a FIFO or /dev/zero would otherwise hang the read or fill memory (issue 19 item 9).
 */
async function openCatalog(file: string, maxBytes: number): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const received = code === 'ENOENT' ? 'no such file (ENOENT)' : code === 'EISDIR' ? 'a directory (EISDIR)' : (code ?? String(error));
    throw fileError(file, 'a readable catalog file', received, error);
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw fileError(file, 'a regular file', kindOf(stats));
  }
  if (stats.size > maxBytes) {
    await handle.close();
    throw fileError(file, `a catalog of at most ${maxBytes / 1024 / 1024} MB`, `${stats.size} bytes`);
  }
  return { handle, size: stats.size };
}

/** Reads at most maxBytes: a file that grows past the cap while read is refused like a big one. */
async function readCapped(file: string, handle: FileHandle, size: number, maxBytes: number): Promise<Buffer> {
  const bytes = Buffer.alloc(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length === bytes.length) {
      if (length > maxBytes) throw fileError(file, `a catalog of at most ${maxBytes / 1024 / 1024} MB`, 'a file still growing past the limit');
      break;
    }
  }
  return bytes.subarray(0, length);
}

/** The bytes as text, refusing ill-formed UTF-8 (once silently replaced by U+FFFD) with its byte offset. */
function decodeCatalog(file: string, bytes: Uint8Array): string {
  const offset = findInvalidUtf8(bytes);
  if (offset === undefined) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const around = [...bytes.subarray(offset, offset + 4)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  throw new CatalogError(file, [
    {
      field: '(file)',
      problem: `invalid UTF-8 at byte offset ${offset} (bytes ${around})`,
      hint: 'save the catalog as UTF-8 (iconv -f <its encoding> -t UTF-8)',
    },
  ]);
}

/**
 * Reads and validates a catalog, a curriculum_prompts file or a shard file: a regular file of at most 64 MB (or `maxBytes`), in
 * UTF-8, of valid entries. Throws CatalogError.
 */
export async function readCatalog(file: string, options: ReadCatalogOptions = {}): Promise<Catalog> {
  const maxBytes = Math.max(options.maxBytes ?? MAX_CATALOG_BYTES, MAX_CATALOG_BYTES);
  const { handle, size } = await openCatalog(file, maxBytes);
  let bytes: Buffer;
  try {
    bytes = await readCapped(file, handle, size, maxBytes);
  } finally {
    await handle.close();
  }
  const hash = sha256(bytes);
  const text = decodeCatalog(file, bytes);
  // Issue 14: the bytes go before parsing (a million prompts are 209 MB of them, and as much again as text).
  bytes = Buffer.alloc(0);
  const entries = parseCatalog(parseCatalogText(text, file), file, options);
  return { file, sha256: hash, entries };
}
