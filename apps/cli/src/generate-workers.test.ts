import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untimedRecords } from '../../../libs/engine/src/__fixtures__/untimed-records.ts';

// `forge generate --workers N` (issue 14) through the real CLI: the rule planner over the five in-process servers on
// worker threads, the Python sandbox shared through the main thread, Slack posts in each sample's own episode. The
// ledgers must equal the main-thread run's line for line, except the fields that time the run.
const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
// A quote, a Python computation, a Slack post and read-back, and a three-company comparison.
const PICKED = ['E02', 'M14', 'D24', 'D30'];
const LEDGERS = ['simple', 'moderate', 'complex'].flatMap((level) => [`${level}.jsonl`, `${level}.failures.jsonl`]);

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'forge-workers-'));
  const authored = JSON.parse(readFileSync('data/inputs/catalog.json', 'utf8')) as Array<{ id: string }>;
  writeFileSync(join(root, 'catalog.json'), JSON.stringify(authored.filter((entry) => PICKED.includes(entry.id))));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const generate = (out: string, ...extra: string[]) =>
  execa('node', [...CLI, 'generate', '--in-process', '--planner', 'rule', '--prompt-file', join(root, 'catalog.json'), '--out', join(root, out), '--cache-dir', join(root, out, 'cache'), '--log-dir', join(root, 'logs', out), '--progress', 'plain', '--no-resume', ...extra], { reject: false, env: { PLANNER: 'rule' }, extendEnv: true });

/** A ledger's records without the fields that time a run. */
function untimed(file: string): unknown[] {
  return existsSync(file) ? untimedRecords(readFileSync(file, 'utf8')) : [];
}

describe('generate --workers', () => {
  it('writes the same ledgers on two worker threads as on the main thread', async () => {
    // Both runs start together: the CLI's start-up is most of this test's time.
    const [single, threaded] = await Promise.all([generate('single', '--workers', '0'), generate('threaded', '--workers', '2')]);
    expect(single.exitCode, String(single.stderr)).toBe(0);
    expect(threaded.exitCode, String(threaded.stderr)).toBe(0);
    for (const ledger of LEDGERS) expect(untimed(join(root, 'threaded', ledger)), ledger).toEqual(untimed(join(root, 'single', ledger)));
    const samples = LEDGERS.filter((name) => !name.includes('failures')).flatMap((name) => untimed(join(root, 'threaded', name))) as Array<{ trace: { steps: Array<{ server: string; tool: string }> } }>;
    expect(samples).toHaveLength(PICKED.length);
    const tools = new Set(samples.flatMap((record) => record.trace.steps.map((step) => `${step.server}.${step.tool}`)));
    expect(tools).toContain('python.execute_python');
    expect(tools).toContain('slack.send_slack_message');
  }, 240_000);

  it('refuses worker threads with the model planner, before anything runs', async () => {
    const refused = await execa('node', [...CLI, 'generate', '--planner', 'openai', '--model', 'm', '--workers', '2', '--prompt-file', join(root, 'catalog.json'), '--out', join(root, 'refused')], { reject: false, env: { OPENAI_API_KEY: 'sk-test-workers-1234' }, extendEnv: true });
    expect(refused.exitCode).toBe(2);
    expect(String(refused.stderr)).toContain('--workers: worker threads run the offline rule planner only');
    expect(existsSync(join(root, 'refused'))).toBe(false);
  }, 60_000);
});
