import { describe, expect, it } from 'vitest';
import { parseCatalog } from '@forge/catalog';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { expandCatalog, readUniverse, shortName, type UniverseMember } from './index.ts';

const universe: UniverseMember[] = [
  { symbol: 'AAPL', name: 'Apple', isEtf: false },
  { symbol: 'MSFT', name: 'Microsoft', isEtf: false },
  { symbol: 'NVDA', name: 'NVIDIA', isEtf: false },
  { symbol: 'AMD', name: 'Advanced Micro Devices', isEtf: false },
  { symbol: 'SPY', name: 'SPY', isEtf: true },
];

describe('expandCatalog', () => {
  it('makes n distinct prompts with unique ids that parseCatalog accepts, mixing all three complexities', () => {
    const entries = expandCatalog({ n: 300, seed: 7, universe });
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((entry) => entry.user_prompt)).size).toBe(300);
    const parsed = parseCatalog(entries, 'expanded.json');
    expect(new Set(parsed.map((entry) => entry.prompt_id)).size).toBe(300);
    expect(new Set(parsed.map((entry) => entry.complexity))).toEqual(new Set(['simple', 'moderate', 'complex']));
    expect(entries.filter((entry) => /[{}]/.test(entry.user_prompt))).toEqual([]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const first = expandCatalog({ n: 50, seed: 1, universe });
    expect(expandCatalog({ n: 50, seed: 1, universe })).toEqual(first);
    expect(expandCatalog({ n: 50, seed: 2, universe })).not.toEqual(first);
  });

  it('names only universe members, funds only where a fund is asked for', () => {
    for (const entry of expandCatalog({ n: 200, seed: 3, universe })) {
      if (entry.template === 'etf-session') expect(entry.user_prompt).toContain('SPY ETF');
      if (entry.template === 'quote-move') expect(entry.user_prompt).toMatch(/(Apple|Microsoft|NVIDIA|Advanced Micro Devices)'s \((AAPL|MSFT|NVDA|AMD)\)/);
    }
  });

  it('fails loudly instead of looping when the templates cannot give n distinct prompts', () => {
    const templates = [{ id: 'one', complexity: 'easy' as const, text: 'Is the market open?' }];
    expect(() => expandCatalog({ n: 100, seed: 1, universe, templates })).toThrow(RangeError);
  });
});

describe('readUniverse', () => {
  it('reads the snapshot profiles with short names people would type', async () => {
    const members = await readUniverse(snapshotDir('.', DEFAULT_SNAPSHOT_ID));
    expect(members.find((member) => member.symbol === 'AAPL')).toEqual({ symbol: 'AAPL', name: 'Apple', isEtf: false });
    expect(members.find((member) => member.symbol === 'SPY')).toEqual({ symbol: 'SPY', name: 'SPY', isEtf: true });
    expect(shortName({ symbol: 'AMZN', name: 'Amazon.com, Inc.', isEtf: false })).toBe('Amazon');
  });
});
