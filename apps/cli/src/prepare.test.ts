import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let dir: string;
let dataDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-prepare-'));
  dataDir = join(dir, 'data');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real CLI from the repo root, with no catalog knobs leaking in from the outer environment or Nx. */
function forge(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('NX_') && !['PROMPT_FILE', 'N_SAMPLES', 'SHUFFLE_PROMPTS'].includes(name)),
  );
  return execa('node', ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...base, PROMPT_FILE: '', N_SAMPLES: '', SHUFFLE_PROMPTS: '', ...env },
    extendEnv: false,
    reject: false,
  });
}

async function writeCatalog(content: unknown): Promise<string> {
  const file = join(dir, 'catalog.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
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

const GOOD = [
  { id: 'E01', complexity: 'Easy', user_prompt: 'Price of AAPL?', likely_tools: ['fmp.fmp_get_quote'] },
  { id: 'M01', complexity: 'MEDIUM', user_prompt: 'TSLA news sentiment?', why_multi_turn: 'ticker first' },
  { id: 'E02', complexity: 'easy ', user_prompt: 'Price of MSFT?' },
  { id: 'D01', complexity: 'difficult', user_prompt: 'Compare NVDA and AMD margins.' },
];

describe('forge prepare', () => {
  it('prepares a catalog with mixed-case labels and extra keys', async () => {
    const file = await writeCatalog(GOOD);
    const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`prepared 4 entries from ${file}`);
    expect(result.stdout).toContain('simple 2, moderate 1, complex 1');

    const prompts = JSON.parse(await readFile(join(dataDir, 'inputs', 'curriculum_prompts.json'), 'utf8'));
    expect(prompts.map((prompt: Record<string, unknown>) => Object.keys(prompt).sort())).toEqual(
      Array(4).fill(['complexity', 'original_complexity', 'prompt_id', 'user_prompt']),
    );
    expect(prompts.map((prompt: { prompt_id: string; complexity: string }) => `${prompt.prompt_id}:${prompt.complexity}`)).toEqual([
      'E01:simple',
      'M01:moderate',
      'E02:simple',
      'D01:complex',
    ]);
    const simple = JSON.parse(await readFile(join(dataDir, 'shards', 'simple.json'), 'utf8'));
    expect(simple[0].metadata).toEqual({ likely_tools: ['fmp.fmp_get_quote'] });
    expect(Object.keys(await snapshotTree(dataDir)).sort()).toEqual([
      'inputs/curriculum_prompts.json',
      'shards/complex.json',
      'shards/manifest.json',
      'shards/moderate.json',
      'shards/simple.json',
    ]);
  });

  it('reads the catalog from PROMPT_FILE and the count from N_SAMPLES', async () => {
    const file = await writeCatalog(GOOD);
    const result = await forge(['prepare', '--data-dir', dataDir], { PROMPT_FILE: file, N_SAMPLES: '3' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`prepared 3 entries from ${file}`);
  });

  it('shuffles with --shuffle-prompts <seed> the same way on every run', async () => {
    const file = await writeCatalog(GOOD);
    await forge(['prepare', '--prompt-file', file, '--data-dir', join(dir, 'a'), '--shuffle-prompts', '5']);
    await forge(['prepare', '--prompt-file', file, '--data-dir', join(dir, 'b')], { SHUFFLE_PROMPTS: '5' });
    const a = await readFile(join(dir, 'a', 'inputs', 'curriculum_prompts.json'), 'utf8');
    expect(await readFile(join(dir, 'b', 'inputs', 'curriculum_prompts.json'), 'utf8')).toBe(a);
    expect(JSON.parse(await readFile(join(dir, 'a', 'shards', 'manifest.json'), 'utf8')).shuffle_seed).toBe(5);
  });

  it('prints help for the command', async () => {
    const result = await forge(['prepare', '--help']);
    expect(result.exitCode).toBe(0);
    for (const flag of ['--prompt-file', '--data-dir', '--shuffle-prompts', '--n']) expect(result.stdout).toContain(flag);
  });

  describe('rejects a bad catalog, writing nothing', () => {
    const cases: Array<[string, unknown, string[]]> = [
      ['text that is not JSON', 'id,complexity,user_prompt\nE01,easy,hi\n', ['line 1:1', 'field (file)', 'not valid JSON']],
      ['truncated JSON', '[\n  {"id": "E01", "complexity": "easy", "user_prompt": "Pri', ['line 2', 'truncated', 'got "end of file"']],
      ['an object instead of an array', { prompts: GOOD }, ['field (root)', 'expected a JSON array of entries', 'got {"prompts":[{"id":"E01"']],
      ['an empty array', [], ['field (root)', 'expected at least one entry', 'got []']],
      ['an entry that is not an object', [GOOD[0], 'E02'], ['entry at index 1', 'field (entry)', 'expected an object', 'got "E02"']],
      ['a missing user_prompt', [{ id: 'E01', complexity: 'easy' }], ['entry E01 (index 0)', 'field user_prompt', 'expected a non-blank string', 'got nothing']],
      ['a blank user_prompt', [{ id: 'E01', complexity: 'easy', user_prompt: '   ' }], ['entry E01 (index 0)', 'field user_prompt', 'got "   "']],
      ['an unknown complexity', [{ id: 'M07', complexity: 'hard', user_prompt: 'x' }], ['entry M07 (index 0)', 'field complexity', 'expected easy | medium | difficult', 'got "hard"']],
      ['a duplicate id', [GOOD[0], GOOD[1], GOOD[0]], ['entry E01 (index 2)', 'field id', 'duplicate id', 'got "E01"']],
    ];

    it.each(cases)('%s', async (_, content, fragments) => {
      const file = await writeCatalog(content);
      const before = await seedPreviousOutputs();
      const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`error: ${file}: catalog rejected, 1 problem; nothing was written`);
      for (const fragment of fragments) expect(result.stderr).toContain(fragment);
      expect(result.stderr).not.toContain('unexpected error');
      // byte-identical outputs and no temp files left beside them
      expect(await snapshotTree(dataDir)).toEqual(before);
    });

    it('a file that does not exist', async () => {
      const before = await seedPreviousOutputs();
      const file = join(dir, 'nope.json');
      const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`${file}: catalog rejected`);
      expect(result.stderr).toContain('field (file): expected a readable catalog file, got "no such file (ENOENT)"');
      expect(await snapshotTree(dataDir)).toEqual(before);
    });

    it('every problem of the file in one message', async () => {
      const file = await writeCatalog([
        { id: 'E01', complexity: 'hard', user_prompt: '' },
        42,
        { id: 'E01', complexity: 'easy', user_prompt: 'x' },
      ]);
      const before = await seedPreviousOutputs();
      const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('catalog rejected, 4 problems');
      const lines = result.stderr.split('\n').filter((line) => line.startsWith('  - '));
      expect(lines).toHaveLength(4);
      expect(lines[0]).toContain('entry E01 (index 0), field user_prompt');
      expect(lines[1]).toContain('entry E01 (index 0), field complexity');
      expect(lines[2]).toContain('entry at index 1, field (entry)');
      expect(lines[3]).toContain('entry E01 (index 2), field id');
      expect(await snapshotTree(dataDir)).toEqual(before);
    });
  });

  describe('rejects bad options', () => {
    it.each([
      [['--shuffle-prompts', 'abc'], {}, 2, 'field --shuffle-prompts: expected an integer seed'],
      [[], { SHUFFLE_PROMPTS: 'yes' }, 2, 'field SHUFFLE_PROMPTS: expected an integer seed'],
      [[], { N_SAMPLES: 'ten' }, 2, 'field N_SAMPLES: expected a whole number ≥ 1, got "ten"'],
      [['--n', '0'], {}, 1, 'expected a whole number ≥ 1, got "0"'],
    ])('%j %j', async (args, env, exitCode, message) => {
      const file = await writeCatalog(GOOD);
      const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir, ...args], env);
      expect(result.exitCode).toBe(exitCode);
      expect(result.stderr).toContain(message);
      await expect(readdir(dir)).resolves.toEqual(['catalog.json']);
    });

    it('refuses, under Nx, a --prompt-file that the cache key does not hash', async () => {
      const file = await writeCatalog(GOOD);
      const result = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir], { NX_TASK_TARGET_TARGET: 'prepare-prompts' });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('field --prompt-file: expected the catalog named by PROMPT_FILE');
      const same = await forge(['prepare', '--prompt-file', file, '--data-dir', dataDir], {
        NX_TASK_TARGET_TARGET: 'prepare-prompts',
        PROMPT_FILE: file,
      });
      expect(same.exitCode).toBe(0);
    });
  });
});
