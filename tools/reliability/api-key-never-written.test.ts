import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '@forge/catalog';
import { TemplateComposer } from '@forge/composer';
import { runPlan, type Plan } from '@forge/plan';
import { RulePlanner } from '@forge/planner';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply, type RecordedRequest } from '../fake-openai/src/index.ts';
import { startHttpToolWorld, type HttpToolWorld } from '../bench/src/http-tool-world.ts';
import { BENCH_LIMITS } from '../bench/src/run-catalog.ts';

// A whole `forge prepare → generate (OpenAI planner and composer) → package` through the real CLI against the fake
// model server, whose first answer echoes the key the way a real 401/500 body can. The key must appear in no
// byte the CLI writes: files, logs, stdout or stderr.
const KEY = 'sk-test-SECRET-abc123';
const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
const root = process.cwd();
const authored = [
  { id: 'S1', complexity: 'easy', user_prompt: 'Show me the latest quote for Costco: price, change and percent change.' },
  { id: 'S2', complexity: 'medium', user_prompt: 'Compare Walmart and Costco: which had the bigger percent move today, and what are their market caps?' },
  // Every call for this one echoes the key, so its failure reason (written to the failures ledger) carries it.
  { id: 'S3', complexity: 'easy', user_prompt: 'What is the top news story for Netflix right now? Include the link.' },
];
const ECHO: FakeReply = { type: 'error', status: 500, message: `Incorrect API key provided: ${KEY}. You can find your API key at …` };

let world: HttpToolWorld | undefined;
let fake: FakeOpenAI | undefined;
let dir: string | undefined;

afterAll(async () => {
  await fake?.close();
  await world?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function filesUnder(folder: string): Promise<string[]> {
  const found = await readdir(folder, { recursive: true, withFileTypes: true });
  return found.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the API key through a whole CLI run', () => {
  it('is sent to the model server yet written nowhere', async () => {
    dir = await mkdtemp(join(tmpdir(), 'forge-key-'));
    world = await startHttpToolWorld({ root });
    const configDir = join(dir, 'configs');
    await mkdir(configDir);
    for (const config of world.configs) await writeFile(join(configDir, `${config.name}.json`), JSON.stringify(config));

    // What a well-behaved model would answer: the rule plan and the template answer for each prompt.
    const replies = new Map<string, { plan: Plan; answer: string }>();
    for (const entry of parseCatalog(authored, 'key.json').filter((item) => item.prompt_id !== 'S3')) {
      const { plan } = await new RulePlanner().plan({ entry, inventory: world.hub.inventory(), limits: BENCH_LIMITS, tools: world.hub });
      const trace = await runPlan(plan, world.hub);
      const { reference } = await new TemplateComposer().compose(entry, plan, trace);
      replies.set(entry.user_prompt, { plan, answer: reference.answer_text });
    }
    let echoed = false;
    const answer = (request: RecordedRequest): FakeReply => {
      const text = JSON.stringify(request.body);
      if (!echoed || text.includes('Netflix')) {
        echoed = true;
        return ECHO;
      }
      const match = [...replies.entries()].find(([prompt]) => text.includes(prompt));
      if (!match) return { type: 'error', status: 400, message: 'unknown prompt' };
      return text.includes('reference_answer') ? { type: 'json', body: { answer_text: match[1].answer } } : { type: 'json', body: match[1].plan };
    };
    fake = await startFakeOpenAI(answer);

    const data = join(dir, 'data');
    await writeFile(join(dir, 'catalog.json'), JSON.stringify(authored));
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'fake-model', PLANNER: 'openai', MAX_TOOLS: '12', MAX_TURNS: '14' };
    const forge = (...args: string[]) => execa(process.execPath, [...CLI, ...args], { cwd: root, env, reject: false, all: true });
    const outputs: string[] = [];
    const prompts = join(data, 'inputs', 'curriculum_prompts.json');
    for (const args of [
      ['prepare', '--prompt-file', join(dir, 'catalog.json'), '--data-dir', data],
      ['generate', '--prompt-file', prompts, '--out', join(data, 'generated'), '--cache-dir', join(data, 'cache'), '--log-dir', join(dir, 'logs', 'run'), '--config-dir', configDir, '--progress', 'plain', '--max-attempts', '1'],
      ['package', '--generated-dir', join(data, 'generated'), '--prompts-file', prompts, '--out', join(data, 'processed'), '--logs-dir', join(dir, 'logs'), '--run-id', 'run'],
    ]) {
      const result = await forge(...args);
      outputs.push(result.all ?? '');
      expect(result.exitCode, `${args[0]}: ${result.all}`).toBe(0);
    }

    expect(fake.requests.some((request) => request.hasAuthorization)).toBe(true);
    expect(fake.requests.some((request) => request.outcome === 'error')).toBe(true);
    const rows = (await readFile(join(data, 'processed', 'train.jsonl'), 'utf8')).trim().split('\n').filter(Boolean);
    expect(rows.length).toBe(2);
    const failures = await readFile(join(data, 'generated', 'simple.failures.jsonl'), 'utf8');
    expect(failures).toContain('S3');
    expect(failures).toContain('Incorrect API key provided');
    const files = await filesUnder(dir);
    const leaks = [];
    for (const file of files) if ((await readFile(file)).includes(KEY)) leaks.push(file);
    expect(leaks).toEqual([]);
    expect(outputs.filter((text) => text.includes(KEY))).toEqual([]);
    expect(outputs.join('\n')).not.toContain('SECRET-abc123');
  }, 60_000);
});
