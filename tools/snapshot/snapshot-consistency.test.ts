import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SNAPSHOT_ID, loadSnapshot, quoteFor, type CompanyEvent, type Snapshot } from '@forge/snapshot';
import { bigDollars, dollars, percentChange, sentimentOf } from './describe-move.ts';
import { UNIVERSE } from './universe.ts';

/**
 * Every dollar amount and percentage an article or page of the committed snapshot states must be one of the numbers
 * of its event record or of the bars, quote and statements of the tickers it is about; and every number of an event
 * record that comes from the bars or the statements must equal them.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let snapshot: Snapshot;

beforeAll(async () => {
  snapshot = await loadSnapshot(join(root, 'data', 'snapshot', DEFAULT_SNAPSHOT_ID));
});

const MONEY = /-?\$-?\d[\d,]*(?:\.\d+)?(?: (?:billion|million))?/g;
const PERCENT = /\d[\d,]*(?:\.\d+)?%/g;

function statedFigures(text: string): string[] {
  return [...(text.match(MONEY) ?? []), ...(text.match(PERCENT) ?? [])];
}

function renderings(values: number[]): Set<string> {
  const out = new Set<string>();
  for (const value of values) {
    out.add(dollars(value));
    out.add(bigDollars(value));
    out.add(`${Math.abs(value).toFixed(2)}%`);
    out.add(`${Math.abs(value).toFixed(1)}%`);
  }
  return out;
}

function eventNumbers(event: CompanyEvent): number[] {
  return [
    event.move_percent, event.close, event.previous_close, ...Object.values(event.figures),
    ...event.related.flatMap((link) => [link.move_percent, link.close, link.previous_close]),
  ];
}

/** The numbers the generator may state about a symbol outside events: bars, quote, statements, payout. */
function symbolNumbers(symbol: string): number[] {
  const bars = snapshot.bars.get(symbol)!;
  const numbers: number[] = [];
  bars.forEach((bar, index) => {
    numbers.push(bar.c);
    if (index > 0) numbers.push(percentChange(bars[index - 1].c, bar.c));
    if (index > 4) numbers.push(percentChange(bars[index - 5].c, bar.c));
  });
  const quote = quoteFor(snapshot, symbol);
  numbers.push(quote.price, quote.previousClose, quote.changesPercentage, quote.yearHigh, quote.yearLow, quote.priceAvg50, quote.priceAvg200, quote.marketCap);
  const profile = snapshot.profiles.get(symbol)!;
  numbers.push(profile.lastDiv, profile.lastDiv / 4);
  const income = snapshot.income.get(symbol);
  const statements = income ? [...income.annual, ...income.quarter] : [];
  for (const statement of statements) {
    numbers.push(statement.revenue, statement.grossProfit, statement.operatingIncome, statement.netIncome, statement.epsdiluted, statement.grossProfitRatio * 100);
  }
  const quarters = income?.quarter ?? [];
  quarters.forEach((quarter, index) => {
    if (quarters[index + 4]) numbers.push(percentChange(quarters[index + 4].revenue, quarter.revenue));
  });
  return numbers;
}

function expectStated(text: string, allowed: Set<string>, where: string): void {
  const unknown = statedFigures(text).filter((figure) => !allowed.has(figure));
  expect(unknown, where).toEqual([]);
}

function reactionOn(symbol: string, date: string) {
  const bars = snapshot.bars.get(symbol)!;
  const index = bars.findIndex((bar) => bar.date === date);
  return { close: bars[index].c, previous_close: bars[index - 1].c, move_percent: percentChange(bars[index - 1].c, bars[index].c) };
}

describe('snapshot consistency', () => {
  it('makes every event agree with the bars: reaction, direction and magnitude, for the company and each related ticker', () => {
    for (const event of [...snapshot.events.values()].flat()) {
      const { volatility } = UNIVERSE.find((company) => company.symbol === event.symbol)!;
      const { close, previous_close, move_percent } = event;
      expect({ close, previous_close, move_percent }, event.id).toEqual(reactionOn(event.symbol, event.date));
      expect(event.direction, event.id).toBe(sentimentOf(event.move_percent, 0.3));
      const units = Math.abs(event.move_percent) / (volatility * 100);
      expect(event.magnitude, event.id).toBe(units >= 2 ? 'high' : units >= 1 ? 'medium' : 'low');
      if (event.kind !== 'earnings-beat' && event.kind !== 'earnings-miss') expect(event.direction, event.id).not.toBe('neutral');
      for (const link of event.related) {
        const { close: linkClose, previous_close: linkPrevious, move_percent: linkMove } = link;
        expect({ close: linkClose, previous_close: linkPrevious, move_percent: linkMove }, `${event.id} ${link.symbol}`).toEqual(reactionOn(link.symbol, event.date));
      }
    }
  });

  it('takes earnings, dividends, targets and guidance from the statements, profiles and the reaction', () => {
    for (const event of [...snapshot.events.values()].flat()) {
      const figures = event.figures;
      if (event.kind === 'earnings-beat' || event.kind === 'earnings-miss') {
        const quarter = snapshot.income.get(event.symbol)!.quarter.find((statement) => statement.revenue === figures.revenue_actual);
        expect(quarter, event.id).toBeDefined();
        expect(quarter!.epsdiluted).toBe(figures.eps_actual);
        expect(quarter!.netIncome).toBe(figures.net_income);
        expect(quarter!.filingDate <= event.date).toBe(true);
        const sign = event.kind === 'earnings-beat' ? 1 : -1;
        expect(Math.sign(figures.eps_actual - figures.eps_estimate), event.id).toBe(sign);
        expect(Math.sign(figures.revenue_actual - figures.revenue_estimate), event.id).toBe(sign);
        expect(sign === 1 ? event.move_percent >= 0 : event.move_percent < 0, event.id).toBe(true);
      }
      if (event.kind === 'dividend-change') expect(figures.dividend_new).toBe(snapshot.profiles.get(event.symbol)!.lastDiv / 4);
      if (event.kind === 'analyst-upgrade') expect(figures.price_target).toBeGreaterThan(event.close);
      if (event.kind === 'analyst-downgrade') expect(figures.price_target).toBeLessThan(event.close);
      if (event.kind === 'guidance-raised') expect(figures.guidance_new).toBeGreaterThan(figures.guidance_previous);
      if (event.kind === 'guidance-cut') expect(figures.guidance_new).toBeLessThan(figures.guidance_previous);
    }
  });

  it('states in every event article only figures of its event, with one insight per ticker that follows the bars', () => {
    const articles = new Map([...snapshot.news.values()].flat().map((item) => [item.id, item]));
    for (const event of [...snapshot.events.values()].flat()) {
      const allowed = renderings(eventNumbers(event));
      for (const id of event.articles) {
        const article = articles.get(id)!;
        expectStated(`${article.title} ${article.description}`, allowed, article.article_url);
        expect(article.tickers).toEqual([event.symbol, ...event.related.map((link) => link.symbol)]);
        expect(article.insights.map((insight) => insight.ticker)).toEqual(article.tickers);
        expect(article.insights[0].sentiment, article.article_url).toBe(event.direction);
        event.related.forEach((link, index) => expect(article.insights[index + 1].sentiment).toBe(sentimentOf(link.move_percent, 0.3)));
        expect(article.published_utc.slice(0, 10)).toBe(event.date);
      }
    }
  });

  it('states in every event page only figures of its event', () => {
    for (const event of [...snapshot.events.values()].flat()) {
      const allowed = renderings(eventNumbers(event));
      for (const url of event.pages) {
        const page = snapshot.documentsByUrl.get(url)!;
        expect(page.event_id).toBe(event.id);
        expectStated(`${page.title} ${page.raw_content}`, allowed, url);
      }
    }
  });

  it('states in every recap article and non-event page only figures of the bars, quote and statements of its tickers', () => {
    const bySymbol = new Map([...snapshot.profiles.keys()].map((symbol) => [symbol, symbolNumbers(symbol)]));
    // Figures in a profile's description (e.g. Costco's "around 90%" renewal rate) are profile facts too.
    const described = new Set([...snapshot.profiles.values()].flatMap((profile) => statedFigures(profile.description)));
    const allowedFor = (symbols: string[]) => new Set([...renderings(symbols.flatMap((symbol) => bySymbol.get(symbol)!)), ...described]);
    const eventArticles = new Set([...snapshot.events.values()].flat().flatMap((event) => event.articles));
    for (const item of [...snapshot.news.values()].flat()) {
      if (eventArticles.has(item.id)) continue;
      expectStated(`${item.title} ${item.description}`, allowedFor(item.tickers), item.article_url);
    }
    for (const page of snapshot.documents.filter((document) => !document.event_id)) {
      expectStated(`${page.title} ${page.raw_content}`, allowedFor(page.symbols), page.url);
    }
  });

  it('fails on a figure that is not in the record (the check can fail)', () => {
    const event = [...snapshot.events.values()].flat().find((candidate) => candidate.kind === 'earnings-beat')!;
    const allowed = renderings(eventNumbers(event));
    expect(statedFigures(`EPS of ${dollars(event.figures.eps_actual + 0.37)}`).every((figure) => allowed.has(figure))).toBe(false);
  });
});
