import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkIndex } from '@forge/catalog';
import { copyWorkspace, taskOutcomes, type WorkspaceCopy } from './__fixtures__/workspace-copy.ts';

// Issue 15 item 3: in a copy of the workspace whose configured catalog is a 1,000-prompt expanded catalog (rule planner
// and snapshot, offline), editing one prompt re-runs exactly one generate chunk; every other chunk comes from the Nx
// cache. prepare-prompts, validate and package run again because their inputs did change.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHUNKS = 3;
const PROMPTS = 1000;

let workspace: WorkspaceCopy;
let catalog: Array<{ id: string; complexity: string; user_prompt: string }>;

beforeAll(async () => {
  workspace = await copyWorkspace(ROOT, 'edit');
  const catalogFile = join(workspace.dir, 'data', 'inputs', 'catalog.json');
  await execa('node', ['--import', 'tsx', 'tools/catalog-expander/src/main.ts', '--n', String(PROMPTS), '--seed', '7', '--out', catalogFile], { cwd: workspace.dir });
  catalog = JSON.parse(await readFile(catalogFile, 'utf8'));
  const nxJson = JSON.parse(await readFile(join(workspace.dir, 'nx.json'), 'utf8'));
  nxJson.plugins[0].options.chunks = CHUNKS;
  await writeFile(join(workspace.dir, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
  await workspace.git('commit', '-q', '-am', `${PROMPTS}-prompt catalog, ${CHUNKS} chunks`);
}, 120_000);
afterAll(async () => {
  await workspace?.remove();
});

const generateTasks = (output: string) => [...taskOutcomes(output).ran, ...taskOutcomes(output).cached.keys()].filter((task) => task.startsWith('dataset:generate-'));

describe(`editing one prompt of a ${PROMPTS}-prompt catalog`, () => {
  it('re-runs exactly the one generate chunk holding it; every other chunk is a cache hit', { timeout: 600_000 }, async () => {
    const first = await workspace.nx(['run', 'dataset:package']);
    expect(first.exitCode, first.output).toBe(0);
    expect(generateTasks(first.output)).toHaveLength(3 * CHUNKS);
    expect(taskOutcomes(first.output).cached.size, first.output).toBe(0);
    expect(first.output).not.toContain('dataset:start-mcp');

    const target = catalog.find((entry) => entry.complexity === 'medium' && entry.id.endsWith('7')) as (typeof catalog)[number];
    const edited = catalog.map((entry) => (entry.id === target.id ? { ...entry, user_prompt: `${entry.user_prompt} Keep it short.` } : entry));
    await writeFile(join(workspace.dir, 'data', 'inputs', 'catalog.json'), `[\n${edited.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);

    const second = await workspace.nx(['run', 'dataset:package']);
    expect(second.exitCode, second.output).toBe(0);
    const outcome = taskOutcomes(second.output);
    const chunk = `dataset:generate-moderate-${chunkIndex(target.id, CHUNKS)}`;
    expect(outcome.ran.sort(), second.output).toEqual(['dataset:package', 'dataset:prepare-prompts', 'dataset:validate', chunk].sort());
    const cachedChunks = [...outcome.cached.keys()].filter((task) => task.startsWith('dataset:generate-'));
    expect(cachedChunks).toHaveLength(3 * CHUNKS - 1);
    expect(cachedChunks).not.toContain(chunk);
    expect(second.output).toMatch(new RegExp(`Cache:\\s+${3 * CHUNKS - 1}/${3 * CHUNKS + 3} hit`));
    // Inside the chunk that ran, the content cache regenerates only the edited prompt.
    expect(second.output).toMatch(/moderate: \d+ entries, 1 regenerated, \d+ cached, 0 failed/);

    const samples = (await readFile(join(workspace.dir, 'data', 'processed', 'train.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const ids = samples.map((sample) => sample.extra_info.prompt_id);
    // Catalog order across the merged chunks, and the edited prompt packaged with its new text.
    const order = new Map(edited.map((entry, index) => [entry.id, index]));
    expect(ids.map((id) => order.get(id))).toEqual([...ids.map((id) => order.get(id))].sort((a, b) => (a as number) - (b as number)));
    const editedSample = samples.find((sample) => sample.extra_info.prompt_id === target.id);
    expect(editedSample?.prompt[1].content).toContain('Keep it short.');
    expect(samples.length).toBeGreaterThan(PROMPTS * 0.5);
  });
});
