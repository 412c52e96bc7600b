import { randomBytes, createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, rmdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the real `nx run dataset:prepare-prompts` in this repo. The catalog lives OUTSIDE the workspace (Nx
// cannot hash it as a file input; tools/scripts/hash-prompt-file.mjs does), and the outputs go to a gitignored
// dist/ folder through the target's `data-dir` option, so the user's data/ is never touched.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NX = join(ROOT, 'node_modules', '.bin', 'nx');

const CATALOG = [
  { id: 'E01', complexity: 'Easy', user_prompt: 'Price of AAPL?', likely_tools: ['fmp.fmp_get_quote'] },
  { id: 'M01', complexity: 'medium', user_prompt: 'TSLA news sentiment?' },
  { id: 'D01', complexity: 'DIFFICULT', user_prompt: 'Compare NVDA and AMD margins.' },
];

let catalogDir: string;
let catalogFile: string;
const dataDir = join('dist', `nx-cache-test-${randomBytes(4).toString('hex')}`);

beforeAll(async () => {
  catalogDir = await mkdtemp(join(tmpdir(), 'nx-cache-catalog-'));
  catalogFile = join(catalogDir, 'catalog.json');
});
afterAll(async () => {
  await rm(catalogDir, { recursive: true, force: true });
  await rm(join(ROOT, dataDir), { recursive: true, force: true });
  await rmdir(join(ROOT, 'dist')).catch(() => undefined); // only when empty
});

async function prepareWithNx(): Promise<{ output: string; cached: boolean }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NX_')));
  const result = await execa(NX, ['run', 'dataset:prepare-prompts', `--data-dir=${dataDir}`], {
    cwd: ROOT,
    env: { ...base, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', PROMPT_FILE: catalogFile, N_SAMPLES: '', SHUFFLE_PROMPTS: '' },
    extendEnv: false,
    all: true,
    reject: false,
  });
  const output = result.all ?? '';
  expect(result.exitCode, output).toBe(0);
  // What nx 23 prints for a task it did not run: "[local cache]" after the task line and "Cache: 1/1 hit".
  const cached = /\[(local cache|remote cache|existing outputs match the cache, left as is)\]/.test(output);
  expect(/Cache:\s+1\/1 hit/.test(output), output).toBe(cached);
  return { output, cached };
}

async function writtenPrompts(): Promise<string[]> {
  const text = await readFile(join(ROOT, dataDir, 'inputs', 'curriculum_prompts.json'), 'utf8');
  return JSON.parse(text).map((prompt: { user_prompt: string }) => prompt.user_prompt);
}

describe('nx run dataset:prepare-prompts', () => {
  it('is cached on the content of a PROMPT_FILE outside the workspace, not on its mtime', { timeout: 120_000 }, async () => {
    const original = JSON.stringify(CATALOG, null, 2);
    await writeFile(catalogFile, original);

    const first = await prepareWithNx();
    expect(first.cached, first.output).toBe(false);
    expect(first.output).toContain(`prepared 3 entries from ${catalogFile}`);
    const manifest = JSON.parse(await readFile(join(ROOT, dataDir, 'shards', 'manifest.json'), 'utf8'));
    expect(manifest.catalog_sha256).toBe(createHash('sha256').update(original).digest('hex'));
    // The inferred target (tools/nx-plugin) writes the chunk count nx.json configures, one file per chunk.
    const nxJson = JSON.parse(await readFile(join(ROOT, 'nx.json'), 'utf8'));
    const chunks = nxJson.plugins[0].options.chunks;
    expect(manifest.chunks.count).toBe(chunks);
    expect(Object.keys(manifest.chunks.files)).toHaveLength(3 * chunks);

    const second = await prepareWithNx();
    expect(second.cached, second.output).toBe(true);

    const later = new Date(Date.now() + 60_000);
    await utimes(catalogFile, later, later);
    const touched = await prepareWithNx();
    expect(touched.cached, touched.output).toBe(true);

    const edited = CATALOG.map((entry) => (entry.id === 'M01' ? { ...entry, user_prompt: 'TSLA news sentiment today?' } : entry));
    await writeFile(catalogFile, JSON.stringify(edited, null, 2));
    const afterEdit = await prepareWithNx();
    expect(afterEdit.cached, afterEdit.output).toBe(false);
    expect(await writtenPrompts()).toContain('TSLA news sentiment today?');

    // Restoring the bytes hits the first entry again, and Nx puts its outputs back in place.
    await writeFile(catalogFile, original);
    const restored = await prepareWithNx();
    expect(restored.cached, restored.output).toBe(true);
    expect(await writtenPrompts()).toContain('TSLA news sentiment?');
  });
});
