import { aggsInRange, marketStatusAt, newsFor, quoteFor, requireBars, requireProfile, type Snapshot } from '@forge/snapshot';
import type { PolygonBackend } from './polygon-backend.ts';

/** Answers every Polygon tool from a loaded snapshot; "now" is the snapshot's as_of instant. */
export function createSnapshotPolygonBackend(snapshot: Snapshot): PolygonBackend {
  return {
    async getAggs(request) {
      return aggsInRange(snapshot, request);
    },
    async getNews({ ticker, limit, published_utc_gte: from, published_utc_lte: to }) {
      const results = newsFor(snapshot, ticker, limit, { from, to });
      return { ticker: requireProfile(snapshot, ticker).symbol, count: results.length, results };
    },
    async getTickerDetails(ticker) {
      const profile = requireProfile(snapshot, ticker);
      return {
        ticker: profile.symbol,
        name: profile.name,
        market: 'stocks',
        locale: 'us',
        primary_exchange: profile.primaryExchange,
        type: profile.type,
        active: true,
        currency_name: profile.currency.toLowerCase(),
        market_cap: quoteFor(snapshot, profile.symbol).marketCap,
        description: profile.description,
        homepage_url: profile.website,
        total_employees: profile.fullTimeEmployees,
        list_date: profile.ipoDate,
        sic_description: profile.sicDescription,
        share_class_shares_outstanding: profile.sharesOutstanding,
      };
    },
    async getMarketStatus() {
      return marketStatusAt(snapshot.calendar, snapshot.asOfMs);
    },
    async getPreviousClose(ticker) {
      const bars = requireBars(snapshot, ticker);
      const { t, o, h, l, c, v, vw, n } = bars[bars.length - 1];
      return { ticker: requireProfile(snapshot, ticker).symbol, t, o, h, l, c, v, vw, n };
    },
  };
}
