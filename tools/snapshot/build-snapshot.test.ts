import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSession, loadSnapshot, quoteFor, type Snapshot } from '@forge/snapshot';

const root = fileURLToPath(new URL('../..', import.meta.url));
const committed = join(root, 'data', 'snapshot', 'synthetic-2026-11-25');
const temps: string[] = [];
let first: string;
let snapshot: Snapshot;

async function build(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'snapshot-build-'));
  temps.push(out);
  await execa('node', ['--import', 'tsx', 'tools/snapshot/build-snapshot.ts', '--out', out], { cwd: root });
  return out;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)])),
  );
  return nested.flat().sort();
}

async function sameBytes(left: string, right: string): Promise<void> {
  const files = await listFiles(left);
  expect(await listFiles(right)).toEqual(files);
  for (const file of files) expect(await readFile(join(right, file), 'utf8'), file).toBe(await readFile(join(left, file), 'utf8'));
}

beforeAll(async () => {
  first = await build();
  snapshot = await loadSnapshot(first);
});
afterAll(async () => {
  await Promise.all(temps.map((path) => rm(path, { recursive: true, force: true })));
});

describe('build-snapshot', () => {
  it('is deterministic: building twice gives identical bytes', async () => {
    await sameBytes(first, await build());
  });

  it('matches the committed snapshot (rebuild and commit after changing the generator)', async () => {
    await sameBytes(first, committed);
  });

  it('stays compact', async () => {
    let bytes = 0;
    for (const file of await listFiles(first)) bytes += (await readFile(join(first, file))).length;
    expect(bytes).toBeLessThan(8_000_000);
  });

  it('labels the data synthetic', async () => {
    expect(snapshot.meta.synthetic).toBe(true);
    expect(await readFile(join(first, 'README.md'), 'utf8')).toContain('SYNTHETIC');
  });

  it('gives every symbol ≥ 260 session bars ending at the as_of session, with consistent OHLC', () => {
    for (const [symbol, bars] of snapshot.bars) {
      expect(bars.length, symbol).toBeGreaterThanOrEqual(260);
      expect(bars.at(-1)!.date).toBe('2026-11-25');
      for (const bar of bars) {
        expect(isSession(snapshot.calendar, bar.date), `${symbol} ${bar.date}`).toBe(true);
        expect(bar.h).toBeGreaterThanOrEqual(Math.max(bar.o, bar.c));
        expect(bar.l).toBeLessThanOrEqual(Math.min(bar.o, bar.c));
      }
    }
  });

  it('has up and down days, 5-session declines beyond 2%, and last-day volume above and below average', () => {
    const quotes = [...snapshot.profiles.keys()].map((symbol) => quoteFor(snapshot, symbol));
    expect(quotes.some((quote) => quote.change > 0)).toBe(true);
    expect(quotes.some((quote) => quote.change < 0)).toBe(true);
    expect(quotes.some((quote) => quote.volume > quote.avgVolume)).toBe(true);
    expect(quotes.some((quote) => quote.volume < quote.avgVolume)).toBe(true);
    const fiveSessionDeclines = [...snapshot.bars.values()].filter((bars) => bars.at(-1)!.c / bars.at(-6)!.c - 1 < -0.02);
    expect(fiveSessionDeclines.length).toBeGreaterThanOrEqual(3);
  });

  it('gives companies ≥ 3 annual and ≥ 4 quarterly statements that add up, and ETFs none', () => {
    for (const profile of snapshot.profiles.values()) {
      const statements = snapshot.income.get(profile.symbol);
      if (profile.isEtf) {
        expect(statements, profile.symbol).toBeUndefined();
        continue;
      }
      expect(statements!.annual.length, profile.symbol).toBeGreaterThanOrEqual(3);
      expect(statements!.quarter.length, profile.symbol).toBeGreaterThanOrEqual(4);
      for (const statement of [...statements!.annual, ...statements!.quarter]) {
        expect(statement.grossProfit).toBe(statement.revenue - statement.costOfRevenue);
        expect(statement.operatingExpenses).toBe(statement.researchAndDevelopmentExpenses + statement.sellingGeneralAndAdministrativeExpenses);
        expect(statement.operatingIncome).toBe(statement.grossProfit - statement.operatingExpenses);
        expect(statement.netIncome).toBe(statement.incomeBeforeTax - statement.incomeTaxExpense);
        expect(statement.grossProfitRatio).toBeCloseTo(statement.grossProfit / statement.revenue, 5);
        expect(statement.netIncomeRatio).toBeCloseTo(statement.netIncome / statement.revenue, 5);
        expect(statement.eps).toBeCloseTo(statement.netIncome / statement.weightedAverageShsOut, 2);
        expect(statement.filingDate <= '2026-11-25').toBe(true);
      }
    }
  });

  it('dates every news item at or before as_of, newest first, with a mix of sentiments, recaps still on top', () => {
    const sentiments = new Set<string>();
    for (const [symbol, items] of snapshot.news) {
      expect(items.length, symbol).toBeGreaterThanOrEqual(5);
      const times = items.map((item) => Date.parse(item.published_utc));
      expect(Math.max(...times)).toBeLessThanOrEqual(snapshot.asOfMs);
      expect(snapshot.asOfMs - Math.max(...times)).toBeLessThan(4 * 86_400_000);
      expect([...times].sort((left, right) => right - left)).toEqual(times);
      items.forEach((item) => sentiments.add(item.insights[0].sentiment));
      expect(items.every((item) => item.tickers.includes(symbol)), symbol).toBe(true);
      const recaps = items.filter((item) => item.publisher.name === 'Synthetic Market Wire');
      expect(recaps.length, symbol).toBeGreaterThanOrEqual(5);
      expect(recaps.every((item) => item.article_url.startsWith(`https://news.example.com/${symbol.toLowerCase()}/`))).toBe(true);
      expect(items.slice(0, 2).map((item) => item.publisher.name)).toEqual(['Synthetic Market Wire', 'Synthetic Market Wire']);
    }
    expect([...sentiments].sort()).toEqual(['negative', 'neutral', 'positive']);
  });

  it('gives every symbol 6–12 events of ≥ 10 kinds overall, ≥ 8 publishers, ≥ 200 event articles and ≥ 300 pages', () => {
    const events = [...snapshot.events.values()].flat();
    for (const symbol of snapshot.profiles.keys()) {
      const own = snapshot.events.get(symbol)!;
      expect(own.length, symbol).toBeGreaterThanOrEqual(6);
      expect(own.length, symbol).toBeLessThanOrEqual(12);
    }
    expect(new Set(events.map((event) => event.kind)).size).toBeGreaterThanOrEqual(10);
    const articles = new Map([...snapshot.news.values()].flat().map((item) => [item.id, item]));
    const eventArticleIds = new Set(events.flatMap((event) => event.articles));
    expect(eventArticleIds.size).toBeGreaterThanOrEqual(200);
    expect([...eventArticleIds].every((id) => articles.has(id))).toBe(true);
    const publishers = new Set([...eventArticleIds].map((id) => articles.get(id)!.publisher.homepage_url));
    expect(publishers.size).toBeGreaterThanOrEqual(8);
    for (const event of events) {
      expect(event.articles.length, event.id).toBeGreaterThanOrEqual(1);
      expect(event.articles.length, event.id).toBeLessThanOrEqual(4);
      const outlets = event.articles.map((id) => articles.get(id)!.publisher.name);
      expect(new Set(outlets).size, event.id).toBe(outlets.length);
    }
    expect(snapshot.documents.length).toBeGreaterThanOrEqual(300);
    expect(new Set(snapshot.documents.map((document) => new URL(document.url).hostname)).size).toBeGreaterThanOrEqual(8);
  });

  it('gives each event pages on four domains, with a rumour the release confirms or contradicts', () => {
    const statuses = new Set<string>();
    for (const event of [...snapshot.events.values()].flat()) {
      const pages = event.pages.map((url) => snapshot.documentsByUrl.get(url)!);
      expect(pages.map((page) => page.page_type).sort(), event.id).toEqual(['ir-release', 'news-analysis', 'rumour', 'sector-explainer']);
      expect(new Set(event.pages.map((url) => new URL(url).hostname)).size, event.id).toBe(4);
      const rumour = pages.find((page) => page.page_type === 'rumour')!;
      expect(rumour.url).toBe(event.rumour.url);
      expect(rumour.raw_content).toContain(event.rumour.claim);
      expect(rumour.published_date < event.date, event.id).toBe(true);
      const analysis = pages.find((page) => page.page_type === 'news-analysis')!;
      expect(analysis.raw_content).toContain(event.rumour.status === 'confirmed' ? 'confirms it' : 'contradicts that claim');
      expect(event.rumour.status === 'confirmed' ? event.rumour.claim === event.rumour.truth : event.rumour.claim !== event.rumour.truth).toBe(true);
      statuses.add(event.rumour.status);
    }
    expect([...statuses].sort()).toEqual(['confirmed', 'contradicted']);
  });

  it('makes every search document extractable and unique by URL', () => {
    expect(snapshot.documentsByUrl.size).toBe(snapshot.documents.length);
    for (const document of snapshot.documents) {
      expect(document.raw_content.length).toBeGreaterThan(document.content.length - 1);
      expect(document.raw_content.startsWith(document.content)).toBe(true);
      expect(document.published_date <= '2026-11-25').toBe(true);
      expect(document.raw_content).not.toMatch(/Math\.|undefined|NaN/);
    }
  });
});
