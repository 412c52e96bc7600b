import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigsOnFreePorts } from '../../apps/cli/src/__fixtures__/free-port-configs.ts';
import { checkExpectations, type CatalogEntry } from '../scripts/expectations.ts';

// Issue 11's acceptance: the blind catalogs (written by people who had not read the planner or composer, each entry
// with its author's expectations) and the authored catalog through the whole CLI over HTTP MCP servers. The answers
// must do what each prompt asks, every prompt outside the snapshot must be a recorded failure, and the authored
// catalog must still package in full.
const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
const BLIND = ['asks-holdout/voice-a.json', 'asks-holdout/voice-b.json', 'asks-holdout/voice-c.json', 'asks-blind2/catalog.json', 'asks-blind3/catalog.json'];

let root: string;
let serve: ResultPromise | undefined;
const read = (file: string) => JSON.parse(readFileSync(`data/inputs/${file}`, 'utf8')) as CatalogEntry[];
const blind = BLIND.flatMap(read);
const authored = read('catalog.json');

const forge = (...args: string[]) => execa('node', [...CLI, ...args], { reject: false, env: { PLANNER: 'rule', OPENAI_MODEL: '' }, extendEnv: true });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'forge-asks-'));
  await writeConfigsOnFreePorts(join(root, 'configs'));
  writeFileSync(join(root, 'catalog.json'), JSON.stringify([...authored, ...blind]));
});

afterAll(async () => {
  serve?.kill('SIGTERM');
  await serve?.catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
});

describe('answers that do what the prompt asks (blind catalogs)', () => {
  it('packages the authored catalog in full and meets the blind authors\' expectations', async () => {
    const data = join(root, 'data');
    expect((await forge('prepare', '--prompt-file', join(root, 'catalog.json'), '--data-dir', data)).exitCode).toBe(0);
    serve = execa('node', [...CLI, 'serve', '--config-dir', join(root, 'configs'), '--logs-dir', join(root, 'logs'), '--run-id', 'asks', '--data-dir', data], { reject: false });
    const health = await forge('health', '--config-dir', join(root, 'configs'), '--deadline-ms', '60000');
    expect(health.exitCode, health.stderr).toBe(0);
    const generated = await forge('generate', '--prompt-file', join(data, 'inputs', 'curriculum_prompts.json'), '--out', join(data, 'generated'),
      '--cache-dir', join(data, 'cache'), '--log-dir', join(root, 'logs', 'asks'), '--config-dir', join(root, 'configs'), '--progress', 'plain');
    expect(generated.exitCode, generated.stderr).toBe(0);
    const packaged = await forge('package', '--generated-dir', join(data, 'generated'), '--prompts-file', join(data, 'inputs', 'curriculum_prompts.json'),
      '--out', join(data, 'processed'), '--logs-dir', join(root, 'logs'), '--run-id', 'asks');
    expect(packaged.exitCode, packaged.stderr).toBe(0);

    const train = join(data, 'processed', 'train.jsonl');
    const ids = new Set(readFileSync(train, 'utf8').trim().split('\n').map((line) => JSON.parse(line).extra_info.prompt_id));
    expect(authored.filter((entry) => !ids.has(entry.id)).map((entry) => entry.id)).toEqual([]);

    const report = checkExpectations(blind, join(data, 'generated'), train);
    const outside = report.outcomes.filter((outcome) => !outcome.answerable);
    expect(outside.filter((outcome) => outcome.packaged).map((outcome) => outcome.id)).toEqual([]);
    expect(outside.every((outcome) => outcome.failure && !/rejected by validate/.test(outcome.failure))).toBe(true);
    const missed = report.outcomes.filter((outcome) => outcome.answerable && outcome.misses.length > 0);
    // Measured 2026-12-07: see the note on issue 11 for the per-catalog and per-ask figures.
    expect(report.met / report.answerable, JSON.stringify(missed, null, 1)).toBeGreaterThanOrEqual(0.9);

    const replay = await forge('replay', train);
    expect(replay.exitCode, replay.stdout).toBe(0);
  }, 300_000);
});
