import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonlLines, LineReader } from './jsonl-lines.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jsonl-lines-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jsonlLines', () => {
  it('yields each non-blank line with the byte span a positional read gets back', async () => {
    const path = join(dir, 'ledger.jsonl');
    await writeFile(path, '{"a":"é"}\n\n   \n{"b":2}\n{"torn":');
    const lines = [];
    for await (const line of jsonlLines(path)) lines.push(line);
    expect(lines.map((line) => line.text)).toEqual(['{"a":"é"}', '{"b":2}', '{"torn":']);
    const reader = await LineReader.open(path);
    try {
      expect(await Promise.all(lines.map((line) => reader.read(line.span)))).toEqual(['{"a":"é"}', '{"b":2}', '{"torn":']);
    } finally {
      await reader.close();
    }
  });

  it('reads a missing file as no lines', async () => {
    const lines = [];
    for await (const line of jsonlLines(join(dir, 'absent.jsonl'))) lines.push(line);
    expect(lines).toEqual([]);
  });

  // Issue 19 item 11: a ledger is read line by line, never whole. Through a FIFO whose writer is still open, the first
  // line must arrive before the file ends; a reader that loads everything first would wait for the writer's close.
  it('yields the first line while the rest of the file is still to come', async () => {
    const fifo = join(dir, 'ledger.fifo');
    execFileSync('mkfifo', [fifo]);
    const lines = jsonlLines(fifo);
    const first = lines.next();
    const writer = await open(fifo, 'w');
    try {
      await writer.write('{"n":1}\n');
      expect((await first).value?.text).toBe('{"n":1}');
      await writer.write('{"n":2}\n');
    } finally {
      await writer.close();
    }
    const rest = [];
    for await (const line of lines) rest.push(line.text);
    expect(rest).toEqual(['{"n":2}']);
  });
});
