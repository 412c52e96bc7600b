import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerIndex } from './ledger-index.ts';

const LineSchema = z.object({ id: z.string(), key: z.string(), note: z.string() });
const line = (id: string, key: string, note: string) => JSON.stringify({ id, key, note });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LedgerIndex', () => {
  it('keeps the first (or last) line of an identity, the latest of a second key, and counts skipped lines', async () => {
    const path = join(dir, 'ledger.jsonl');
    await writeFile(path, [line('A', 'k1', 'first A'), 'not json', line('B', 'k1', 'B'), '{"id":"C"}', line('A', 'k2', 'second A'), '{"id":"D","ke'].join('\n'));
    const first = await LedgerIndex.build(path, LineSchema, (record) => record.id, { secondKey: (record) => record.key });
    expect(first.skipped).toBe(3);
    expect(first.size).toBe(2);
    expect((await first.get('A'))?.note).toBe('first A');
    expect((await first.getBySecondKey('k1'))?.note).toBe('B');
    expect(await first.get('C')).toBeUndefined();
    const last = await LedgerIndex.build(path, LineSchema, (record) => record.id, { keep: 'last' });
    expect((await last.get('A'))?.note).toBe('second A');
  });

  // Issue 19 item 11: the index holds positions, not records. A line changed on disk (same length) after indexing is
  // what `get` returns, which an index holding the parsed records could not do.
  it('reads each record from disk when asked, not from memory', async () => {
    const path = join(dir, 'ledger.jsonl');
    const text = `${line('A', 'k1', 'aaaa')}\n${line('B', 'k2', 'bbbb')}\n`;
    await writeFile(path, text);
    const index = await LedgerIndex.build(path, LineSchema, (record) => record.id);
    const handle = await open(path, 'r+');
    try {
      await handle.write('zzzz', text.indexOf('bbbb'));
    } finally {
      await handle.close();
    }
    expect((await readFile(path, 'utf8')).includes('zzzz')).toBe(true);
    expect((await index.get('B'))?.note).toBe('zzzz');
    expect((await index.get('A'))?.note).toBe('aaaa');
  });

  it('indexes a missing ledger as empty', async () => {
    const index = await LedgerIndex.build(join(dir, 'absent.jsonl'), LineSchema, (record) => record.id);
    expect(index.size).toBe(0);
    expect(await index.get('A')).toBeUndefined();
  });
});
