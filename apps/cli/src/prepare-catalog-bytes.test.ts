import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// Issue 19 item 9: what prepare accepted or hung on. Each case: one line naming the problem, exit 1, outputs untouched.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let dir: string;
let dataDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-prepare-bytes-'));
  dataDir = join(dir, 'data');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function forge(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NX_') && !['PROMPT_FILE', 'N_SAMPLES', 'SHUFFLE_PROMPTS', 'MAX_PROMPT_CHARS'].includes(name)));
  // A hang (the old read of a FIFO) fails the test by this timeout instead of blocking the suite.
  return execa('node', ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env: { ...base, ...env }, extendEnv: false, reject: false, timeout: 20_000 });
}

async function snapshotTree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file.slice(root.length + 1), await readFile(file, 'utf8')])));
}

async function seedPreviousOutputs(): Promise<Record<string, string>> {
  await mkdir(join(dataDir, 'inputs'), { recursive: true });
  await mkdir(join(dataDir, 'shards'), { recursive: true });
  await writeFile(join(dataDir, 'inputs', 'curriculum_prompts.json'), '[{"prompt_id":"OLD"}]\n');
  for (const name of ['simple', 'moderate', 'complex', 'manifest']) await writeFile(join(dataDir, 'shards', `${name}.json`), `"old ${name}"\n`);
  return snapshotTree(dataDir);
}

const entry = (id: string, prompt: string) => ({ id, complexity: 'easy', user_prompt: prompt });

async function expectRefused(file: string, args: string[], env: Record<string, string>, fragments: string[]): Promise<void> {
  const before = await seedPreviousOutputs();
  const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir, ...args], env);
  expect(result.timedOut).toBe(false);
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain(`error: ${file}: catalog rejected, 1 problem; nothing was written`);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(await snapshotTree(dataDir)).toEqual(before);
}

describe('forge prepare refuses bad catalog bytes, writing nothing', () => {
  it('invalid UTF-8, with the byte offset of the first bad sequence', async () => {
    const file = join(dir, 'latin1.json');
    const head = Buffer.from(JSON.stringify([entry('E01', 'Price of AAPL?')]).slice(0, -3), 'utf8');
    await writeFile(file, Buffer.concat([head, Buffer.from([0xe9, 0x3f]), Buffer.from('"}]', 'utf8')]));
    await expectRefused(file, [], {}, [`field (file): invalid UTF-8 at byte offset ${head.length} (bytes E9 3F 22 7D)`]);
  });

  it('an escaped NUL inside a prompt, naming the entry and field', async () => {
    const file = join(dir, 'nul.json');
    await writeFile(file, '[{"id": "E01", "complexity": "easy", "user_prompt": "Price\\u0000 of AAPL?"}]');
    await expectRefused(file, [], {}, ['entry E01 (index 0), field user_prompt: control character U+0000 at position 5']);
  });

  it('a prompt over the default 16,000 characters, and over --max-prompt-chars or MAX_PROMPT_CHARS', async () => {
    const file = join(dir, 'long.json');
    await writeFile(file, JSON.stringify([entry('E01', 'Price of AAPL?'), entry('E02', 'x'.repeat(16_001))]));
    await expectRefused(file, [], {}, ['entry E02 (index 1), field user_prompt: the prompt is 16001 characters long', 'expected at most 16000 characters']);
    await expectRefused(file, ['--max-prompt-chars', '100'], {}, ['entry E02 (index 1), field user_prompt: the prompt is 16001 characters long: expected at most 100 characters']);
    const raised = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir], { MAX_PROMPT_CHARS: '20000' });
    expect(raised.exitCode, raised.stderr).toBe(0);
  });

  it('a file over 64 MB, refused before it is read', async () => {
    const file = join(dir, 'big.json');
    await writeFile(file, '');
    await truncate(file, 64 * 1024 * 1024 + 1);
    await expectRefused(file, [], {}, ['field (file): expected a catalog of at most 64 MB', `got "${64 * 1024 * 1024 + 1} bytes"`]);
  });

  it.each([
    ['a FIFO with no writer (the read used to hang)', async () => {
      const fifo = join(dir, 'catalog.fifo');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }, 'got "a FIFO (named pipe)"'],
    ['/dev/zero (the read never ended)', async () => '/dev/zero', 'got "a character device"'],
    ['a directory', async () => dir, 'got "a directory"'],
  ])('%s', async (_, make, fragment) => {
    await expectRefused(await make(), [], {}, ['field (file): expected a regular file', fragment]);
  });
});
