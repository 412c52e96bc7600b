import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { JsonlAppender } from './index.ts';

const runner = fileURLToPath(new URL('./__fixtures__/append-runner.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'append-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JsonlAppender group commit', () => {
  it('writes concurrent appends in call order under fewer fdatasyncs than lines', async () => {
    const path = join(dir, 'ledger.jsonl');
    const appender = await JsonlAppender.open(path);
    await Promise.all(Array.from({ length: 50 }, (_, n) => appender.append(JSON.stringify({ n }))));
    await appender.close();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(appender.syncs).toBeGreaterThanOrEqual(1);
    expect(appender.syncs).toBeLessThan(50);
  });

  it('syncs each line of a lone writer that waits for every append', async () => {
    const path = join(dir, 'ledger.jsonl');
    const appender = await JsonlAppender.open(path);
    for (let n = 0; n < 5; n += 1) await appender.append(`{"n":${n}}`);
    await appender.close();
    expect(appender.syncs).toBe(5);
    expect(await readFile(path, 'utf8')).toBe('{"n":0}\n{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n');
  });

  it('resolves each append with its line\'s byte span, also after a torn tail, and says whether the file started empty', async () => {
    const fresh = join(dir, 'fresh.jsonl');
    const first = await JsonlAppender.open(fresh);
    const spans = await Promise.all(['{"n":"é"}', '{"n":2}'].map((line) => first.append(line)));
    await first.close();
    expect(first.startedEmpty).toBe(true);
    const torn = join(dir, 'torn.jsonl');
    await writeFile(torn, '{"n":0}\n{"n":');
    const second = await JsonlAppender.open(torn);
    const after = await second.append('{"n":3}');
    await second.close();
    expect(second.startedEmpty).toBe(false);
    const text = await readFile(fresh);
    expect(spans.map((span) => text.subarray(span.offset, span.offset + span.length).toString('utf8'))).toEqual(['{"n":"é"}', '{"n":2}']);
    expect((await readFile(torn)).subarray(after.offset, after.offset + after.length).toString('utf8')).toBe('{"n":3}');
  });

  it('starts a fresh line after a torn tail and refuses lines with a newline', async () => {
    const path = join(dir, 'ledger.jsonl');
    await writeFile(path, '{"n":0}\n{"n":1');
    const appender = await JsonlAppender.open(path);
    expect(() => appender.append('a\nb')).toThrow('newline');
    await appender.append('{"n":2}');
    await appender.close();
    expect(await readFile(path, 'utf8')).toBe('{"n":0}\n{"n":1\n{"n":2}\n');
  });

  it('rejects a failed batch with the file named, and every later line too', async () => {
    // /dev/full accepts the open and fails every write with ENOSPC.
    const appender = await JsonlAppender.open('/dev/full');
    const first = appender.append('{"n":0}');
    await expect(first).rejects.toBeInstanceOf(ForgeError);
    await expect(first).rejects.toThrow(/\/dev\/full.*could not append 1 line/);
    await expect(appender.append('{"n":1}')).rejects.toThrow('could not append');
    await appender.close();
  });

  it('keeps every acknowledged line through kill -9 at random moments', async () => {
    const path = join(dir, 'ledger.jsonl');
    for (let round = 0; round < 3; round += 1) {
      const child = execa('node', ['--import', 'tsx', runner, path, '100000'], { cwd: root, reject: false, buffer: false });
      const acked: number[] = [];
      let pending = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      });
      while (acked.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 30)));
      child.kill('SIGKILL');
      await child;
      const onDisk = new Set(
        (await readFile(path, 'utf8')).split('\n').flatMap((line) => {
          try {
            return [JSON.parse(line).n as number];
          } catch {
            return [];
          }
        }),
      );
      expect(acked.filter((n) => !onDisk.has(n))).toEqual([]);
      await rm(path, { force: true });
    }
  }, 120_000);
});
