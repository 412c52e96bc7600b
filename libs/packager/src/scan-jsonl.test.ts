import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanJsonl } from './scan-jsonl.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scan-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string) {
  const lines = [];
  for await (const line of scanJsonl(path)) lines.push(line);
  return lines;
}

describe('scanJsonl', () => {
  it('gives each line with byte offsets that read back the same text, multi-byte text included', async () => {
    const path = join(dir, 'a.jsonl');
    await writeFile(path, '{"a":"é"}\n\n{"b":"日本"}\n{"c":3');
    const lines = await collect(path);
    expect(lines.map((line) => [line.text, line.lineNumber, line.unterminated])).toEqual([
      ['{"a":"é"}', 1, false],
      ['{"b":"日本"}', 3, false],
      ['{"c":3', 4, true],
    ]);
    const bytes = await readFile(path);
    for (const line of lines) expect(bytes.subarray(line.offset, line.offset + line.length).toString('utf8')).toBe(line.text);
  });

  it('handles lines spanning many stream chunks', async () => {
    const path = join(dir, 'big.jsonl');
    const long = JSON.stringify({ text: 'x'.repeat(200_000) });
    await writeFile(path, `${long}\n${long}\n`);
    const lines = await collect(path);
    expect(lines.map((line) => line.text.length)).toEqual([long.length, long.length]);
    expect(lines[1].offset).toBe(long.length + 1);
  });

  it('yields nothing for a missing file', async () => {
    expect(await collect(join(dir, 'none.jsonl'))).toEqual([]);
  });
});
