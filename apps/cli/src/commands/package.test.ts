import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRunTree, type RunTree } from '../../../../libs/packager/src/__fixtures__/run-tree.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

function forge(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NX_') && !['MAX_PROMPT_TOKENS', 'PROMPT_TOKEN_ENCODING', 'RUN_ID', 'PRICE_INPUT_PER_M', 'PRICE_OUTPUT_PER_M', 'DATA_SOURCE', 'ENV_CLASS'].includes(name)));
  return execa('node', ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env, extendEnv: false, reject: false });
}

let tree: RunTree;
beforeAll(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'cli-package-')));
});
afterAll(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

describe('forge validate / package / inspect', () => {
  it('validates the run, packages it, re-validates the output and inspects one sample per complexity', async () => {
    const paths = ['--generated-dir', tree.generatedDir, '--out', tree.outDir, '--prompts-file', tree.promptsFile];
    const validate = await forge(['validate', ...paths]);
    expect(validate.exitCode).toBe(0);
    expect(validate.stdout).toContain('validated 6 samples: 5 accepted, 1 rejected (grounding-failed 1)');
    expect(validate.stdout).toContain('M02 (moderate): [grounding-failed]');
    expect((await forge(['validate', ...paths, '--strict'])).exitCode).toBe(1);

    const packaged = await forge(['package', ...paths, '--logs-dir', tree.logsDir, '--price-input', '0.5']);
    expect(packaged.exitCode, packaged.stderr).toBe(0);
    expect(packaged.stdout).toContain('packaged 5 samples');
    const manifest = JSON.parse(await readFile(join(tree.outDir, 'manifest.json'), 'utf8'));
    expect(manifest.token_usage.price_per_million_usd).toEqual({ input: 0.5, output: 0 });
    expect(manifest.versions['hyparquet-writer']).toBe('0.17.0');

    for (const file of ['train.jsonl', 'train_llm.json']) {
      const check = await forge(['validate', join(tree.outDir, file)]);
      expect(check.exitCode, check.stdout).toBe(0);
      expect(check.stdout).toContain('5 rows, 5 accepted, 0 rejected');
    }

    const replay = await forge(['replay', join(tree.outDir, 'train.jsonl')]);
    expect(replay.exitCode, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain('5 rows, 5 earn the full replay');

    // One row whose answer drops every fact: the replay names it, its reasons, and exits 1.
    const rows = (await readFile(join(tree.outDir, 'train.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    rows[1].reward_spec.ground_truth.final_reference.answer_text = 'NVDA did something today.';
    const broken = join(tree.outDir, 'broken.jsonl');
    await writeFile(broken, rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
    const short = await forge(['replay', broken]);
    expect(short.exitCode).toBe(1);
    expect(short.stdout).toContain(`row 2 · ${rows[1].extra_info.prompt_id}: [replay:coverage]`);
    expect(short.stdout).toContain('5 rows, 4 earn the full replay');
    expect(short.stderr).toContain('1 of 5 rows fall short on replay');

    const inspect = await forge(['inspect', '--n', '1', '--file', join(tree.outDir, 'train.jsonl')]);
    expect(inspect.exitCode).toBe(0);
    expect(inspect.stdout.match(/^── /gm)).toHaveLength(3);
    expect(inspect.stdout).toContain('· complex ·');
  });

  it('rejects a malformed dataset file with exit 1 and per-row problems, never a crash', async () => {
    const file = join(tree.root, 'foreign.jsonl');
    await writeFile(file, '{"messages": []}\nnot json\n');
    const result = await forge(['validate', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('row 1: [schema]');
    expect(result.stdout).toContain('row 2: [not-an-object] not valid JSON');
    expect(result.stderr).toContain('2 of 2 rows rejected');
    expect(result.stderr).not.toContain('unexpected error');
    const missing = await forge(['inspect', '--file', join(tree.root, 'absent.json')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('cannot read the dataset file');
  });
});
