import type { Bar } from './bar.ts';
import type { CompanyEvent } from './company-event.ts';
import type { IncomeStatement } from './income-statement.ts';
import type { MarketCalendar } from './market-calendar.ts';
import type { NewsItem } from './news-item.ts';
import type { Profile } from './profile.ts';
import type { SearchDocument } from './search-document.ts';
import type { SearchIndex } from './search-index.ts';
import type { SnapshotMeta } from './snapshot-meta.ts';

/** A loaded, validated snapshot with lookup indexes; build it with `loadSnapshot` or `indexSnapshot`. */
export interface Snapshot {
  id: string;
  asOf: string;
  asOfMs: number;
  meta: SnapshotMeta;
  calendar: MarketCalendar;
  /** In universe order. */
  profiles: Map<string, Profile>;
  /** Daily bars oldest → newest; the last one is the as_of session. */
  bars: Map<string, Bar[]>;
  income: Map<string, { annual: IncomeStatement[]; quarter: IncomeStatement[] }>;
  /** Newest first. */
  news: Map<string, NewsItem[]>;
  /** The synthetic event calendar: per symbol, oldest first. */
  events: Map<string, CompanyEvent[]>;
  documents: SearchDocument[];
  documentsByUrl: Map<string, SearchDocument>;
  /** Full-text index over `documents`, built once at load. */
  searchIndex: SearchIndex;
  /** Name and alias word → symbols whose name contains it. */
  nameWords: Map<string, string[]>;
}
