import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLedger } from './index.ts';

const runner = fileURLToPath(new URL('./__fixtures__/kill-runner.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const COUNT = 40;
const KILLS = 5;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-kill-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lineCount(path: string): Promise<number> {
  try {
    return (await readFile(path, 'utf8')).split('\n').length - 1;
  } catch {
    return 0;
  }
}

/** Raw check of a ledger file: every complete line is valid JSON and no prompt id is written twice. */
async function assertNoDuplicateLines(path: string): Promise<void> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return;
  }
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline: empty, or a torn tail the reader skips
  const ids = lines.filter((line) => line.trim() !== '').flatMap((line) => {
    try {
      return [JSON.parse(line).prompt_id as string];
    } catch {
      return []; // a torn tail from an earlier kill, closed by a newline on reopen
    }
  });
  expect(new Set(ids).size).toBe(ids.length);
}

/** Kills a runner `kills` times at random instants after a line landed, then lets one finish; checks the ledgers. */
async function killThenResume(kills: number, extra: string[]): Promise<void> {
  const out = join(dir, 'out');
  const samplesPath = join(out, 'simple.jsonl');
  for (let round = 0; round < kills; round += 1) {
    const before = await lineCount(samplesPath);
    const child = execa('node', ['--import', 'tsx', runner, out, String(COUNT), ...extra], { cwd: root, reject: false });
    // Kill at a random instant after at least one more line landed (or when the runner has finished anyway).
    let exited = false;
    void child.finally(() => {
      exited = true;
    });
    while (!exited && (await lineCount(samplesPath)) <= before) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40)));
    child.kill('SIGKILL');
    await child;
    await assertNoDuplicateLines(samplesPath);
    const ledger = await readLedger(out, 'simple');
    const ids = ledger.samples.map((record) => record.prompt_id);
    expect(new Set(ids).size).toBe(ids.length);
  }
  const final = await execa('node', ['--import', 'tsx', runner, out, String(COUNT), ...extra], { cwd: root });
  const summary = JSON.parse(final.stdout);
  expect(summary).toMatchObject({ total: COUNT, interrupted: false, not_done: 0 });
  const ledger = await readLedger(out, 'simple');
  const all = [...ledger.samples, ...ledger.failures].map((record) => record.prompt_id).sort();
  expect(all).toEqual(Array.from({ length: COUNT }, (_, index) => `K${String(index).padStart(3, '0')}`));
  expect(ledger.failures.every((record) => record.stage === 'run')).toBe(true);
  expect(ledger.samples).toHaveLength(COUNT - ledger.failures.length);
  expect(await lineCount(samplesPath)).toBe(ledger.samples.length);
}

describe('crash safety (kill -9)', () => {
  it('keeps every finished sample through repeated SIGKILLs and resumes to exactly one record per prompt', async () => {
    await killThenResume(KILLS, []);
  }, 120_000);

  it('does the same with the entries on worker threads (the main thread keeps the ledgers)', async () => {
    await killThenResume(2, ['2']);
  }, 120_000);
});
