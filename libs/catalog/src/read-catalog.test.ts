import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogError, readCatalog } from './index.ts';

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
    expect(error.problems[0]).toMatchObject({ field: '(file)', received: 'a directory (EISDIR)' });
  });

  it('locates a JSON syntax error in the file', async () => {
    const file = join(dir, 'catalog.json');
    await writeFile(file, '[\n  {"id": "E01",}\n]');
    const error = await errorOf(readCatalog(file));
    expect(error.problems[0]).toMatchObject({ field: '(file)', line: 2, column: 16, problem: 'the file is not valid JSON' });
  });
});
