import {
  DEFAULT_SNAPSHOT_ID, NYSE_CALENDAR, indexSnapshot, toEastern, sessionsEndingAt,
  type BarsFile, type IncomeFile, type NewsFile, type Profile, type SnapshotMeta,
} from '@forge/snapshot';
import { AVG_VOLUME_SESSIONS, generateBars } from './generate-bars.ts';
import { generateIncome } from './generate-income.ts';
import { generateNews } from './generate-news.ts';
import { generateSearchCorpus } from './generate-search-corpus.ts';
import { renderReadme } from './render-readme.ts';
import { THEMES } from './themes.ts';
import { LISTINGS, UNIVERSE } from './universe.ts';

export const DEFAULT_SEED = 20261125;
export const AS_OF = '2026-11-25T21:30:00Z';

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
    snapshot_id: DEFAULT_SNAPSHOT_ID,
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
  const partial = indexSnapshot({ meta, calendar: NYSE_CALENDAR, profiles, bars, income, news, documents: [] });
  const documents = generateSearchCorpus(partial, UNIVERSE, THEMES);
  return [
    { path: 'README.md', content: renderReadme(meta) },
    { path: 'meta.json', content: pretty(meta) },
    { path: 'calendar.json', content: pretty(NYSE_CALENDAR) },
    { path: 'profiles.json', content: pretty(profiles) },
    ...bars.map((file) => ({ path: `bars/${file.symbol}.json`, content: barsJson(file) })),
    { path: 'income.json', content: pretty(income) },
    { path: 'news.json', content: pretty(news) },
    { path: 'search.json', content: pretty({ documents }) },
  ];
}
