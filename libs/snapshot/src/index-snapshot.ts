import type { BarsFile } from './bar.ts';
import type { EventsFile } from './company-event.ts';
import type { IncomeFile } from './income-statement.ts';
import type { MarketCalendar } from './market-calendar.ts';
import { isSession, sessionsEndingAt } from './market-sessions.ts';
import { toEastern } from './eastern-time.ts';
import type { NewsFile } from './news-item.ts';
import type { Profile } from './profile.ts';
import type { SearchDocument } from './search-document.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';
import type { Snapshot } from './snapshot.ts';
import { SnapshotError } from './snapshot-error.ts';
import type { SnapshotMeta } from './snapshot-meta.ts';
import { words } from './tokenize.ts';

/** The parsed contents of a snapshot folder. */
export interface SnapshotFiles {
  meta: SnapshotMeta;
  calendar: MarketCalendar;
  profiles: Profile[];
  bars: BarsFile[];
  income: IncomeFile;
  news: NewsFile;
  events: EventsFile['events'];
  documents: SearchDocument[];
}

function fail(file: string, field: string, problem: string, received?: unknown): never {
  throw new SnapshotError({ file, field, problem, received });
}

/** Indexes parsed snapshot files and checks they agree with each other; throws SnapshotError if not. */
export function indexSnapshot(files: SnapshotFiles): Snapshot {
  const { meta } = files;
  const asOfMs = Date.parse(meta.as_of);
  const lastSession = sessionsEndingAt(files.calendar, toEastern(asOfMs).date, 1)[0];
  const profiles = new Map(files.profiles.map((profile) => [profile.symbol, profile]));
  const barsBySymbol = new Map(files.bars.map((file) => [file.symbol, file.bars]));
  const orderedProfiles = new Map<string, Profile>();
  for (const symbol of meta.universe) {
    const profile = profiles.get(symbol) ?? fail('profiles.json', symbol, 'universe symbol has no profile');
    orderedProfiles.set(symbol, profile);
    const bars = barsBySymbol.get(symbol) ?? fail(`bars/${symbol}.json`, 'bars', 'universe symbol has no bars');
    const last = bars[bars.length - 1];
    if (last.date !== lastSession) fail(`bars/${symbol}.json`, 'bars', `last bar must be the as_of session ${lastSession}`, last.date);
    for (let index = 0; index < bars.length; index += 1) {
      const bar = bars[index];
      if (!isSession(files.calendar, bar.date)) fail(`bars/${symbol}.json`, `bars[${index}].date`, 'not a session', bar.date);
      if (index > 0 && bars[index - 1].date >= bar.date) fail(`bars/${symbol}.json`, `bars[${index}].date`, 'bars out of order', bar.date);
    }
  }
  const nameWords = new Map<string, string[]>();
  for (const profile of orderedProfiles.values()) {
    const tokens = new Set(words([profile.name, ...profile.aliases].join(' ')));
    for (const token of tokens) nameWords.set(token, [...(nameWords.get(token) ?? []), profile.symbol]);
  }
  const newsCutoff = meta.as_of;
  for (const [symbol, items] of Object.entries(files.news)) {
    for (const item of items) {
      if (Date.parse(item.published_utc) > asOfMs) fail('news.json', `${symbol}.${item.id}`, `published after as_of ${newsCutoff}`, item.published_utc);
    }
  }
  for (const [symbol, events] of Object.entries(files.events)) {
    if (!orderedProfiles.has(symbol)) fail('events.json', symbol, 'events for a symbol outside the universe');
    events.forEach((event, index) => {
      if (!isSession(files.calendar, event.date) || event.date > lastSession) fail('events.json', `${symbol}[${index}].date`, 'not a session on or before as_of', event.date);
    });
  }
  // The full-text index is built on the first search, not here: of the three backends that each load the snapshot
  // in a forge process (polygon, fmp, tavily), only tavily searches, and building it is most of a load's time.
  let searchIndex: SearchIndex | undefined;
  return {
    id: meta.snapshot_id,
    asOf: meta.as_of,
    asOfMs,
    meta,
    calendar: files.calendar,
    profiles: orderedProfiles,
    bars: barsBySymbol,
    income: new Map(Object.entries(files.income)),
    news: new Map(Object.entries(files.news)),
    events: new Map(Object.entries(files.events)),
    documents: files.documents,
    get searchIndex() {
      return (searchIndex ??= buildSearchIndex(files.documents));
    },
    documentsByUrl: new Map(files.documents.map((document) => [document.url, document])),
    nameWords,
  };
}
