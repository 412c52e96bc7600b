import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SNAPSHOT_ID, loadSnapshot, snapshotDir, type Snapshot } from '@forge/snapshot';
import { createSnapshotTavilyBackend, createTavilyServer } from '@forge/mcp-tavily';
import { linkInMemory, outputValidators } from '@forge/mcp-host';
import { checkedCaller, type CheckedCall } from '../../__fixtures__/checked-caller.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let snapshot: Snapshot;
let client: Client;
let call: CheckedCall;

beforeAll(async () => {
  snapshot = await loadSnapshot(snapshotDir(root, DEFAULT_SNAPSHOT_ID));
  client = await linkInMemory(createTavilyServer(createSnapshotTavilyBackend(snapshot)), 'tavily-test');
  call = checkedCaller(client, await outputValidators(client));
});
afterAll(async () => {
  await client.close();
});

type Result = { url: string; title: string; content: string; score: number };

describe('tavily server (snapshot backend)', () => {
  it('lists tavily_search and tavily_extract with output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['tavily_extract', 'tavily_search']);
    expect(tools.every((tool) => tool.outputSchema && tool.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('finds Micron documents for "Micron memory business", ranked by score', async () => {
    const output = await call('tavily_search', { query: 'Micron memory business' });
    const results = output.results as Result[];
    expect(results).toHaveLength(5);
    expect(results.slice(0, 3).every((result) => /micron|memory/i.test(result.title + result.content))).toBe(true);
    expect(results[0].url).toMatch(/memory|\/mu\//);
    expect(results.map((result) => result.score)).toEqual([...results.map((result) => result.score)].sort((a, b) => b - a));
    expect(output.answer).toBeUndefined();
  });

  it('is deterministic and answers when asked', async () => {
    const first = await call('tavily_search', { query: 'Arm licensing model', include_answer: true, max_results: 3 });
    const second = await call('tavily_search', { query: 'Arm licensing model', include_answer: true, max_results: 3 });
    expect(second).toEqual(first);
    expect(first.answer).toMatch(/Arm/);
    expect((first.results as Result[]).every((result) => result.url.includes('arm'))).toBe(true);
  });

  it.each([['bank earnings', 'JPMorgan'], ['oil prices', 'Exxon'], ['semiconductor outlook', 'semiconductor']])('search "%s" mentions %s', async (query, word) => {
    const results = (await call('tavily_search', { query, max_results: 3 })).results as Result[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((result) => (result.title + result.content).includes(word))).toBe(true);
  });

  it('returns longer snippets with advanced depth', async () => {
    const basic = (await call('tavily_search', { query: 'Micron memory business', max_results: 1 })).results as Result[];
    const advanced = (await call('tavily_search', { query: 'Micron memory business', max_results: 1, search_depth: 'advanced' })).results as Result[];
    expect(advanced[0].url).toBe(basic[0].url);
    expect(advanced[0].content.length).toBeGreaterThanOrEqual(basic[0].content.length);
  });

  it('extracts the full raw_content of search results and reports unknown URLs', async () => {
    const results = (await call('tavily_search', { query: 'Micron memory business', max_results: 2 })).results as Result[];
    const missing = 'https://example.org/not-in-corpus';
    const output = await call('tavily_extract', { urls: [...results.map((result) => result.url), missing] });
    const extracted = output.results as Array<{ url: string; raw_content: string }>;
    expect(extracted.map((page) => page.url)).toEqual(results.map((result) => result.url));
    expect(extracted[0].raw_content).toBe(snapshot.documentsByUrl.get(results[0].url)!.raw_content);
    expect(extracted[0].raw_content.length).toBeGreaterThan(results[0].content.length);
    expect(output.failed_results).toEqual([{ url: missing, error: 'url not in snapshot synthetic-2026-11-25' }]);
  });

  it('rejects an empty URL list', async () => {
    expect((await client.callTool({ name: 'tavily_extract', arguments: { urls: [] } })).isError).toBe(true);
  });
});
