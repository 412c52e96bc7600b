import { describe, expect, it } from 'vitest';
import { memoLookups, PLANNING_LOOKUPS, type ToolCallOptions, type ToolCaller, type ToolResult, type ToolSpec } from '@forge/tools';

/** A scripted ToolCaller: answers `answer(call)`, records every call it really received. */
class ScriptedCaller implements ToolCaller {
  readonly calls: Array<{ server: string; tool: string; args: Record<string, unknown>; episode?: string }> = [];
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly answer: (server: string, tool: string, args: Record<string, unknown>, count: number) => ToolResult) {}

  /** Holds every call until the returned function is called (to have calls overlap). */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return release;
  }

  inventory(): ToolSpec[] {
    return [{ server: 'polygon', tool: 'polygon_get_market_status', description: 'clock', inputSchema: { type: 'object' } }];
  }

  async call(server: string, tool: string, args: Record<string, unknown>, options?: ToolCallOptions): Promise<ToolResult> {
    this.calls.push({ server, tool, args, ...(options?.episode ? { episode: options.episode } : {}) });
    const count = this.calls.length;
    await this.gate;
    return this.answer(server, tool, args, count);
  }
}

const ok = (structuredContent: Record<string, unknown>): ToolResult => ({ ok: true, structuredContent, text: JSON.stringify(structuredContent), latencyMs: 2 });

describe('memoLookups', () => {
  it('makes a planning lookup once per run and answers repeats with an equal, private copy', async () => {
    const inner = new ScriptedCaller((_server, _tool, args, count) => ok({ query: args.query, hits: [{ symbol: 'AAPL' }], call: count }));
    const memo = memoLookups(inner);
    const first = await memo.call('fmp', 'fmp_search_ticker', { query: 'Apple', limit: 10 });
    const second = await memo.call('fmp', 'fmp_search_ticker', { limit: 10, query: 'Apple' });
    expect(inner.calls).toHaveLength(1);
    expect(second.ok && second.structuredContent).toEqual(first.ok && first.structuredContent);
    if (second.ok) (second.structuredContent.hits as unknown[]).push('edited by a caller');
    const third = await memo.call('fmp', 'fmp_search_ticker', { query: 'Apple', limit: 10 });
    expect(third.ok && third.structuredContent.hits).toEqual([{ symbol: 'AAPL' }]);
    await memo.call('fmp', 'fmp_search_ticker', { query: 'Microsoft', limit: 10 });
    expect(inner.calls).toHaveLength(2);
    expect(memo.stats()).toEqual({ lookups: 4, hits: 2 });
  });

  it('passes through tools off the list and every call that belongs to an episode', async () => {
    const inner = new ScriptedCaller(() => ok({ price: 1 }));
    const memo = memoLookups(inner);
    expect(PLANNING_LOOKUPS).not.toContain('fmp.fmp_get_quote');
    await memo.call('fmp', 'fmp_get_quote', { symbol: 'AAPL' });
    await memo.call('fmp', 'fmp_get_quote', { symbol: 'AAPL' });
    await memo.call('polygon', 'polygon_get_market_status', {}, { episode: 'sample-1' });
    await memo.call('polygon', 'polygon_get_market_status', {}, { episode: 'sample-1' });
    expect(inner.calls.map((call) => `${call.tool}@${call.episode ?? '-'}`)).toEqual([
      'fmp_get_quote@-', 'fmp_get_quote@-', 'polygon_get_market_status@sample-1', 'polygon_get_market_status@sample-1',
    ]);
    expect(memo.stats().hits).toBe(0);
    expect(memo.inventory()).toEqual(inner.inventory());
  });

  it('does not keep failures: the next call asks again', async () => {
    const inner = new ScriptedCaller((_server, _tool, _args, count) => (count === 1 ? { ok: false, kind: 'transport_error', error: 'connection refused', latencyMs: 1 } : ok({ serverTime: '2026-11-27T16:00:00-05:00' })));
    const memo = memoLookups(inner);
    expect((await memo.call('polygon', 'polygon_get_market_status', {})).ok).toBe(false);
    expect((await memo.call('polygon', 'polygon_get_market_status', {})).ok).toBe(true);
    expect((await memo.call('polygon', 'polygon_get_market_status', {})).ok).toBe(true);
    expect(inner.calls).toHaveLength(2);
  });

  it('shares one request among overlapping identical calls, and each retries alone after a shared failure', async () => {
    let fail = false;
    const inner = new ScriptedCaller(() => (fail ? { ok: false, kind: 'timeout', error: 'timed out', latencyMs: 1 } : ok({ serverTime: 'x' })));
    const memo = memoLookups(inner);
    const release = inner.hold();
    const together = Promise.all([1, 2, 3].map(() => memo.call('polygon', 'polygon_get_market_status', {})));
    release();
    expect((await together).every((result) => result.ok)).toBe(true);
    expect(inner.calls).toHaveLength(1);

    const failing = memoLookups(inner, { lookups: ['fmp.fmp_get_company_profile'] });
    fail = true;
    const releaseAgain = inner.hold();
    const overlapping = Promise.all([1, 2].map(() => failing.call('fmp', 'fmp_get_company_profile', { symbol: 'AAPL' })));
    releaseAgain();
    expect((await overlapping).map((result) => result.ok)).toEqual([false, false]);
    expect(inner.calls.filter((call) => call.tool === 'fmp_get_company_profile')).toHaveLength(2);
  });

  it('asks again once an answer is older than maxAgeMs', async () => {
    let clock = 0;
    const inner = new ScriptedCaller((_server, _tool, _args, count) => ok({ call: count }));
    const memo = memoLookups(inner, { maxAgeMs: 60_000, now: () => clock });
    await memo.call('polygon', 'polygon_get_market_status', {});
    clock = 60_000;
    await memo.call('polygon', 'polygon_get_market_status', {});
    expect(inner.calls).toHaveLength(1);
    clock = 60_001;
    const fresh = await memo.call('polygon', 'polygon_get_market_status', {});
    expect(fresh.ok && fresh.structuredContent.call).toBe(2);
  });
});
