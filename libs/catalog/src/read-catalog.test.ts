import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogError, MAX_CATALOG_BYTES, readCatalog } from './index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-catalog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<CatalogError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return error as CatalogError;
}

describe('readCatalog', () => {
  it('hashes the exact bytes of the file', async () => {
    const file = join(dir, 'catalog.json');
    const text = '[ {"id": "E01", "complexity": "Easy", "user_prompt": "Price of AAPL?"} ]\n';
    await writeFile(file, text);
    const catalog = await readCatalog(file);
    expect(catalog.file).toBe(file);
    expect(catalog.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(catalog.entries.map((entry) => entry.prompt_id)).toEqual(['E01']);
  });

  it('names a file that does not exist', async () => {
    const file = join(dir, 'missing.json');
    const error = await errorOf(readCatalog(file));
    expect(error.file).toBe(file);
    expect(error.problems).toEqual([
      expect.objectContaining({ field: '(file)', expected: 'a readable catalog file', received: 'no such file (ENOENT)' }),
    ]);
    expect(error.message).toContain(file);
  });

  it('names a directory given as the catalog', async () => {
    const error = await errorOf(readCatalog(dir));
    expect(error.problems[0]).toMatchObject({ field: '(file)', expected: 'a regular file', received: 'a directory' });
  });

  // Issue 19 item 9: reading /dev/zero never ended, and a FIFO with no writer blocked the open. Both are refused
  // from the opened file's fstat, before a byte is read.
  it('refuses a FIFO and a character device without reading them', async () => {
    const fifo = join(dir, 'catalog.fifo');
    execFileSync('mkfifo', [fifo]);
    expect((await errorOf(readCatalog(fifo))).problems[0]).toMatchObject({ field: '(file)', expected: 'a regular file', received: 'a FIFO (named pipe)' });
    expect((await errorOf(readCatalog('/dev/zero'))).problems[0]).toMatchObject({ received: 'a character device' });
  });

  it('refuses a file over 64 MB before reading it', async () => {
    const file = join(dir, 'big.json');
    await truncate(file, MAX_CATALOG_BYTES + 1).catch(async () => {
      await writeFile(file, '');
      await truncate(file, MAX_CATALOG_BYTES + 1);
    });
    const error = await errorOf(readCatalog(file));
    expect(error.problems[0]).toMatchObject({ field: '(file)', expected: 'a catalog of at most 64 MB', received: `${MAX_CATALOG_BYTES + 1} bytes` });
  });

  it('refuses invalid UTF-8 with the byte offset of the first bad sequence', async () => {
    const file = join(dir, 'catalog.json');
    const head = Buffer.from('[{"id": "E01", "complexity": "easy", "user_prompt": "caf', 'utf8');
    await writeFile(file, Buffer.concat([head, Buffer.from([0xe9]), Buffer.from(' au lait"}]', 'utf8')]));
    const error = await errorOf(readCatalog(file));
    expect(error.problems).toEqual([expect.objectContaining({ field: '(file)', problem: `invalid UTF-8 at byte offset ${head.length} (bytes E9 20 61 75)` })]);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('locates a JSON syntax error in the file', async () => {
    const file = join(dir, 'catalog.json');
    await writeFile(file, '[\n  {"id": "E01",}\n]');
    const error = await errorOf(readCatalog(file));
    expect(error.problems[0]).toMatchObject({ field: '(file)', line: 2, column: 16, problem: 'the file is not valid JSON' });
  });
});
