import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentCache } from './index.ts';
import { createFakePipeline, fakeEntry } from './__fixtures__/fake-pipeline.ts';
import { runShard } from './index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'content-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One real record, made by a fake-pipeline run into a cache. */
async function cachedRecord(): Promise<{ cache: ContentCache; key: string; path: string; text: string }> {
  const cacheDir = join(dir, 'cache');
  await runShard([fakeEntry('C01', 'prompt one')], createFakePipeline().pipeline, { outDir: join(dir, 'out'), cacheDir, backoffMs: 1 });
  const ledger = (await readFile(join(dir, 'out', 'simple.jsonl'), 'utf8')).trimEnd();
  const key = JSON.parse(ledger).key as string;
  const path = join(cacheDir, key.slice(0, 2), `${key}.json`);
  return { cache: new ContentCache(cacheDir), key, path, text: await readFile(path, 'utf8') };
}

describe('ContentCache', () => {
  it('stores the record line with its sha256 and reads it back', async () => {
    const { cache, key, text } = await cachedRecord();
    expect(text).toMatch(/^\{.*\}\nsha256 [0-9a-f]{64}\n$/);
    expect((await cache.get(key))?.key).toBe(key);
  });

  it('reads a torn entry as a miss: cut short, zero-filled, or with a record that does not match its hash', async () => {
    const { cache, key, path, text } = await cachedRecord();
    const [record, hash] = text.split('\n');
    const torn = [
      '',
      text.slice(0, Math.floor(record!.length / 2)),
      `${record}\nsha256 ${hash!.slice(7, 20)}`,
      `${record!.slice(0, 40)}${'\u0000'.repeat(record!.length - 40)}\n${hash}\n`,
      // Still valid JSON and schema, but not the bytes the hash was taken of (e.g. a stale block).
      `${record!.replace('"prompt one"', '"prompt 1ne"')}\n${hash}\n`,
    ];
    for (const content of torn) {
      await writeFile(path, content);
      expect(await cache.get(key), JSON.stringify(content.slice(0, 60))).toBeUndefined();
    }
  });

  it('still reads an entry written before the hash line (one fsynced record line)', async () => {
    const { cache, key, path, text } = await cachedRecord();
    await writeFile(path, `${text.split('\n')[0]}\n`);
    expect((await cache.get(key))?.key).toBe(key);
  });
});
