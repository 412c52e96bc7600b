import { incomeStatementsFor, quoteFor, rankMovers, requireProfile, screenStocks, searchTickers, type Snapshot } from '@forge/snapshot';
import type { FmpBackend } from './fmp-backend.ts';

/** Answers every FMP tool from a loaded snapshot; unknown symbols throw UnknownSymbolError. */
export function createSnapshotFmpBackend(snapshot: Snapshot): FmpBackend {
  return {
    async getQuote(symbol) {
      return quoteFor(snapshot, symbol);
    },
    async getCompanyProfile(symbol) {
      const profile = requireProfile(snapshot, symbol);
      const quote = quoteFor(snapshot, profile.symbol);
      return {
        symbol: profile.symbol,
        companyName: profile.name,
        price: quote.price,
        mktCap: quote.marketCap,
        beta: profile.beta,
        volAvg: quote.avgVolume,
        lastDiv: profile.lastDiv,
        range: `${quote.yearLow}-${quote.yearHigh}`,
        changes: quote.change,
        currency: profile.currency,
        exchange: profile.exchange,
        exchangeShortName: profile.exchangeShortName,
        industry: profile.industry,
        sector: profile.sector,
        description: profile.description,
        ceo: profile.ceo,
        website: profile.website,
        country: profile.country,
        fullTimeEmployees: profile.fullTimeEmployees,
        ipoDate: profile.ipoDate,
        isEtf: profile.isEtf,
      };
    },
    async getIncomeStatement({ symbol, period, limit }) {
      const results = incomeStatementsFor(snapshot, symbol, period, limit);
      return { symbol: requireProfile(snapshot, symbol).symbol, period, results };
    },
    async searchTicker(query, limit) {
      const results = searchTickers(snapshot, query, limit).map((profile) => ({
        symbol: profile.symbol,
        name: profile.name,
        currency: profile.currency,
        stockExchange: profile.exchange,
        exchangeShortName: profile.exchangeShortName,
      }));
      return { query, results };
    },
    async getMarketMovers(direction, limit) {
      return { results: rankMovers(snapshot, direction, limit) };
    },
    async screenStocks(request) {
      return { results: screenStocks(snapshot, request) };
    },
  };
}
