import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SNAPSHOT_ID, SnapshotError, UnknownSymbolError, aggsInRange, loadSnapshot, quoteFor, searchTickers, snapshotDir,
  type Snapshot,
} from '@forge/snapshot';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = snapshotDir(root, DEFAULT_SNAPSHOT_ID);
let snapshot: Snapshot;
const temps: string[] = [];

beforeAll(async () => {
  snapshot = await loadSnapshot(dir);
});
afterEach(async () => {
  await Promise.all(temps.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

describe('loadSnapshot', () => {
  it('loads the default snapshot with the whole universe indexed', () => {
    expect(snapshot.id).toBe('synthetic-2026-11-25-r2');
    expect(snapshot.asOf).toBe('2026-11-25T21:30:00Z');
    expect(snapshot.profiles.size).toBe(28);
    expect(snapshot.bars.get('AAPL')!.at(-1)!.date).toBe('2026-11-25');
  });

  it('names the file and field of a malformed snapshot', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'snapshot-'));
    temps.push(copy);
    await cp(dir, copy, { recursive: true });
    await writeFile(join(copy, 'profiles.json'), JSON.stringify([{ symbol: 'AAPL' }]));
    const error = await loadSnapshot(copy).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as SnapshotError).context.file).toBe(join(copy, 'profiles.json'));
    expect((error as SnapshotError).context.field).toBe('0.name');
  });
});

describe('queries', () => {
  it('rejects an unknown symbol with the exact message', () => {
    expect(() => quoteFor(snapshot, 'xyzq')).toThrow(UnknownSymbolError);
    expect(() => quoteFor(snapshot, 'XYZQ')).toThrow('unknown symbol XYZQ in snapshot synthetic-2026-11-25-r2');
  });

  it('derives every quote field from the bars', () => {
    for (const symbol of snapshot.profiles.keys()) {
      const bars = snapshot.bars.get(symbol)!;
      const quote = quoteFor(snapshot, symbol);
      const [previous, last] = bars.slice(-2);
      expect(quote.price).toBe(last.c);
      expect(quote.previousClose).toBe(previous.c);
      expect(quote.change).toBeCloseTo(last.c - previous.c, 2);
      expect(quote.changesPercentage).toBeCloseTo(((last.c - previous.c) / previous.c) * 100, 3);
      const fifty = bars.slice(-51, -1).reduce((sum, bar) => sum + bar.v, 0) / 50;
      expect(Math.abs(quote.avgVolume - fifty)).toBeLessThanOrEqual(0.5);
      expect(quote.yearHigh).toBe(Math.max(...bars.slice(-252).map((bar) => bar.h)));
      expect(quote.marketCap).toBe(Math.round(last.c * snapshot.profiles.get(symbol)!.sharesOutstanding));
    }
  });

  it.each([
    ['Broadcom', 'AVGO'], ['JPMorgan Chase', 'JPM'], ['Exxon Mobil', 'XOM'], ['Super Micro Computer', 'SMCI'],
    ['Eli Lilly', 'LLY'], ['Meta Platforms', 'META'], ['Bank of America', 'BAC'], ['UnitedHealth', 'UNH'],
    ['Arm Holdings', 'ARM'], ['nvda', 'NVDA'], ['Google', 'GOOGL'],
  ])('searchTickers(%s) ranks %s first', (query, symbol) => {
    expect(searchTickers(snapshot, query, 5)[0].symbol).toBe(symbol);
  });

  it('synthesises hour bars consistent with the daily bar', () => {
    const day = snapshot.bars.get('MSFT')!.at(-1)!;
    const hours = aggsInRange(snapshot, { ticker: 'MSFT', from: day.date, to: day.date, timespan: 'hour', multiplier: 1, limit: 5000, sort: 'asc' });
    expect(hours.resultsCount).toBe(7);
    expect(hours.results[0].o).toBe(day.o);
    expect(hours.results.at(-1)!.c).toBe(day.c);
    expect(Math.max(...hours.results.map((bar) => bar.h))).toBe(day.h);
    expect(Math.min(...hours.results.map((bar) => bar.l))).toBe(day.l);
    expect(hours.results.reduce((sum, bar) => sum + bar.v, 0)).toBe(day.v);
    const again = aggsInRange(snapshot, { ticker: 'MSFT', from: day.date, to: day.date, timespan: 'hour', multiplier: 1, limit: 5000, sort: 'asc' });
    expect(again).toEqual(hours);
  });
});
