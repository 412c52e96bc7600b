import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVERS, writeConfigsOnFreePorts } from './__fixtures__/free-port-configs.ts';

// The whole playbook through the real CLI, as Nx runs it: prepare → serve (five HTTP servers) → health → generate →
// validate → package, in a temp directory, on free ports so it never meets a running `npm start`.
const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
const FAKE_KEY = 'sk-test-E2E-never-written-4242';

let root: string;
let serve: ResultPromise | undefined;

const forge = (...args: string[]) =>
  execa('node', [...CLI, ...args], { reject: false, env: { OPENAI_API_KEY: FAKE_KEY, PLANNER: 'rule' }, extendEnv: true });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'forge-e2e-'));
  await writeConfigsOnFreePorts(join(root, 'configs'));
  const authored = JSON.parse(readFileSync('data/inputs/catalog.json', 'utf8')) as Array<{ id: string }>;
  const picked = authored.filter((entry) => ['E02', 'M14', 'D24'].includes(entry.id));
  writeFileSync(join(root, 'catalog.json'), JSON.stringify(picked));
});

afterAll(async () => {
  serve?.kill('SIGTERM');
  await serve?.catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
});

describe('the playbook through the CLI over HTTP MCP servers', () => {
  it('prepares, serves, checks health, generates, validates and packages grounded samples', async () => {
    const data = join(root, 'data');
    const prepared = await forge('prepare', '--prompt-file', join(root, 'catalog.json'), '--data-dir', data);
    expect(prepared.exitCode, String(prepared.stderr)).toBe(0);

    serve = execa('node', [...CLI, 'serve', '--config-dir', join(root, 'configs'), '--logs-dir', join(root, 'logs'), '--run-id', 'e2e', '--data-dir', data], { reject: false });
    const health = await forge('health', '--config-dir', join(root, 'configs'), '--deadline-ms', '60000');
    expect(health.exitCode, `${health.stdout}\n${health.stderr}`).toBe(0);

    const generated = await forge(
      'generate', '--prompt-file', join(data, 'inputs', 'curriculum_prompts.json'), '--out', join(data, 'generated'),
      '--cache-dir', join(data, 'cache'), '--log-dir', join(root, 'logs', 'e2e'), '--config-dir', join(root, 'configs'), '--progress', 'plain',
    );
    expect(generated.exitCode, String(generated.stderr)).toBe(0);
    expect(generated.stdout).toMatch(/simple: 1 entries, 1 regenerated, 0 cached, 0 failed/);

    const common = ['--generated-dir', join(data, 'generated'), '--prompts-file', join(data, 'inputs', 'curriculum_prompts.json')];
    const validated = await forge('validate', ...common, '--out', join(data, 'validation'), '--strict');
    expect(validated.exitCode, `${validated.stdout}\n${validated.stderr}`).toBe(0);
    const packaged = await forge('package', ...common, '--out', join(data, 'processed'), '--logs-dir', join(root, 'logs'), '--run-id', 'e2e');
    expect(packaged.exitCode, String(packaged.stderr)).toBe(0);

    const rows = readFileSync(join(data, 'processed', 'train.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row) => row.extra_info.prompt_id)).toEqual(['E02', 'M14', 'D24']);
    for (const row of rows) {
      expect(row.prompt[1].content).toBe(JSON.parse(readFileSync(join(root, 'catalog.json'), 'utf8')).find((entry: { id: string }) => entry.id === row.extra_info.prompt_id).user_prompt);
      expect(row.extra_info.task_metadata.exec_breadcrumbs.steps.every((step: { accept_pass: boolean }) => step.accept_pass)).toBe(true);
      expect(row.extra_info.verdicts.grounding.ok).toBe(true);
    }
    const slackPost = rows[2].reward_spec.ground_truth.tool_sequence.find((step: { tool: string }) => step.tool === 'send_slack_message');
    expect(slackPost.params.channel).toBe('#research');

    const written = [...filesUnder(data), ...filesUnder(join(root, 'logs'))];
    const leaks = written.filter((file) => readFileSync(file).includes(FAKE_KEY));
    expect(leaks).toEqual([]);
  }, 180_000);

  it('stops every server when serve gets SIGTERM', async () => {
    serve?.kill('SIGTERM');
    await serve;
    serve = undefined;
    for (const name of SERVERS) {
      const { url } = JSON.parse(readFileSync(join(root, 'configs', `${name}.json`), 'utf8')) as { url: string };
      await expect(fetch(new URL('/health', url)), name).rejects.toThrow();
    }
  }, 30_000);
});
