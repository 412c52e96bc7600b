import {
  NYSE_CALENDAR, indexSnapshot, toEastern, sessionsEndingAt,
  type BarsFile, type CompanyEvent, type EventsFile, type IncomeFile, type NewsFile, type NewsItem, type Profile, type SearchDocument, type SnapshotMeta,
} from '@forge/snapshot';
import { AVG_VOLUME_SESSIONS, generateBars } from './generate-bars.ts';
import { generateEvents } from './generate-events.ts';
import { generateIncome } from './generate-income.ts';
import { generateNews } from './generate-news.ts';
import { generateSearchCorpus } from './generate-search-corpus.ts';
import { renderReadme } from './render-readme.ts';
import { THEMES } from './themes.ts';
import { LISTINGS, UNIVERSE } from './universe.ts';

export const DEFAULT_SEED = 20261125;
export const AS_OF = '2026-11-25T21:30:00Z';
/**
 * The id written to meta.json. It names the content, not the folder (data/snapshot/synthetic-2026-11-25 stays put):
 * bump it whenever the generator changes what the tools answer, so content caches keyed on it regenerate.
 * r2: the event calendar, event news from many outlets and the event web corpus (issue 13).
 */
export const SNAPSHOT_ID = 'synthetic-2026-11-25-r2';

/** One file of the snapshot folder, path relative to it. */
export interface RenderedFile {
  path: string;
  content: string;
}

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One bar per line: compact, and a diff still shows which sessions changed. */
function barsJson(file: BarsFile): string {
  return `{"symbol":${JSON.stringify(file.symbol)},"bars":[\n${file.bars.map((bar) => JSON.stringify(bar)).join(',\n')}\n]}\n`;
}

/** Every file of the snapshot, generated from the seed alone (no clock, no Math.random). */
export function renderSnapshot(seed: number = DEFAULT_SEED): RenderedFile[] {
  const asOfDate = toEastern(Date.parse(AS_OF)).date;
  const lastSession = sessionsEndingAt(NYSE_CALENDAR, asOfDate, 1)[0];
  const meta: SnapshotMeta = {
    snapshot_id: SNAPSHOT_ID,
    as_of: AS_OF,
    synthetic: true,
    seed,
    universe: UNIVERSE.map((company) => company.symbol),
    generator: 'tools/snapshot/build-snapshot.ts',
    avg_volume_sessions: AVG_VOLUME_SESSIONS,
  };
  const profiles: Profile[] = UNIVERSE.map((company) => ({
    symbol: company.symbol, name: company.name, type: company.etf ? 'ETF' : 'CS', isEtf: company.etf,
    ...LISTINGS[company.listing], currency: 'USD', country: company.country, sector: company.sector,
    industry: company.industry, sicDescription: company.sic, ceo: company.ceo, website: company.website,
    description: company.business, fullTimeEmployees: company.employees, ipoDate: company.ipoDate,
    sharesOutstanding: company.shares, beta: company.beta, lastDiv: company.lastDiv, aliases: company.aliases,
  }));
  const bars: BarsFile[] = UNIVERSE.map((company) => ({ symbol: company.symbol, bars: generateBars(company, NYSE_CALENDAR, lastSession, seed) }));
  const income: IncomeFile = {};
  for (const company of UNIVERSE) if (company.income) income[company.symbol] = generateIncome(company, asOfDate, seed);
  const news: NewsFile = {};
  UNIVERSE.forEach((company, index) => {
    news[company.symbol] = generateNews(company, bars[index].bars, income[company.symbol]?.quarter ?? [], seed);
  });
  const allBars = new Map(bars.map((file) => [file.symbol, file.bars]));
  const shortOf = (symbol: string): string => UNIVERSE.find((company) => company.symbol === symbol)!.short;
  const events: Record<string, CompanyEvent[]> = {};
  const eventArticles: NewsItem[] = [];
  const eventPages: SearchDocument[] = [];
  for (const company of UNIVERSE) {
    const content = generateEvents(company, allBars, income[company.symbol]?.quarter ?? [], news[company.symbol], shortOf, seed);
    events[company.symbol] = content.events;
    eventArticles.push(...content.articles);
    eventPages.push(...content.pages);
  }
  for (const company of UNIVERSE) {
    const mentions = eventArticles.filter((article) => article.tickers.includes(company.symbol));
    // Stable: recap items keep their order among themselves; event articles slot in by time.
    news[company.symbol] = [...news[company.symbol], ...mentions].sort((left, right) => right.published_utc.localeCompare(left.published_utc));
  }
  const eventsFile: EventsFile = { synthetic: true, events };
  const partial = indexSnapshot({ meta, calendar: NYSE_CALENDAR, profiles, bars, income, news, events, documents: [] });
  const documents = [...generateSearchCorpus(partial, UNIVERSE, THEMES), ...eventPages];
  return [
    { path: 'README.md', content: renderReadme(meta, eventsFile, UNIVERSE, eventArticles.length, documents.length) },
    { path: 'meta.json', content: pretty(meta) },
    { path: 'calendar.json', content: pretty(NYSE_CALENDAR) },
    { path: 'profiles.json', content: pretty(profiles) },
    ...bars.map((file) => ({ path: `bars/${file.symbol}.json`, content: barsJson(file) })),
    { path: 'income.json', content: pretty(income) },
    { path: 'news.json', content: pretty(news) },
    { path: 'events.json', content: pretty(eventsFile) },
    { path: 'search.json', content: pretty({ documents }) },
  ];
}
