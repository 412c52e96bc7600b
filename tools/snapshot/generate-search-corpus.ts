import { addDays, hashSeed, quoteFor, type IncomeStatement, type SearchDocument, type Snapshot } from '@forge/snapshot';
import type { Company } from './company.ts';
import { bigDollars, dollars, grouped, longDate, percentChange } from './describe-move.ts';
import { LISTINGS } from './universe.ts';
import type { Theme } from './themes.ts';
import { snippet } from './snippet.ts';

const SITE = 'https://research.example.com';

function document(url: string, title: string, paragraphs: string[], published: string, symbols: string[], themes: string[], pageType: SearchDocument['page_type']): SearchDocument {
  const raw = paragraphs.join('\n\n');
  return { url, title, content: snippet(raw), raw_content: raw, published_date: published, symbols, themes, page_type: pageType };
}

/** "NVDA closed at $182.00 (-6.20% over five sessions)" for each symbol, from the bars. */
function marketLines(snapshot: Snapshot, symbols: string[]): string {
  return symbols
    .map((symbol) => {
      const bars = snapshot.bars.get(symbol)!;
      const last = bars[bars.length - 1];
      const five = percentChange(bars[bars.length - 6].c, last.c);
      return `${snapshot.profiles.get(symbol)!.name} (${symbol}) closed at ${dollars(last.c)} on ${longDate(last.date)}, ${five >= 0 ? 'up' : 'down'} ${Math.abs(five).toFixed(2)}% over five sessions.`;
    })
    .join(' ');
}

function resultsLine(statement: IncomeStatement): string {
  const label = statement.period === 'FY' ? `fiscal ${statement.fiscalYear}` : `${statement.period} fiscal ${statement.fiscalYear}`;
  return `${label} (ended ${statement.date}): revenue ${bigDollars(statement.revenue)}, gross profit ${bigDollars(statement.grossProfit)} (${(statement.grossProfitRatio * 100).toFixed(1)}% margin), operating income ${bigDollars(statement.operatingIncome)}, net income ${bigDollars(statement.netIncome)}, diluted EPS ${dollars(statement.epsdiluted)}.`;
}

/** Pages about one company: overview, latest results (not for ETFs) and stock performance. */
function companyDocuments(snapshot: Snapshot, company: Company): SearchDocument[] {
  const base = `${SITE}/companies/${company.symbol.toLowerCase()}`;
  const asOfDate = snapshot.asOf.slice(0, 10);
  const listing = LISTINGS[company.listing];
  const label = `${company.name} (${company.symbol})`;
  const facts = company.etf
    ? `${company.name} trades on ${listing.exchange} under the ticker ${company.symbol} and was launched on ${company.ipoDate}.`
    : `${company.name} is in the ${company.sector} sector (${company.industry}). Chief executive: ${company.ceo}. It employs about ${grouped(company.employees!)} people, trades on ${listing.exchange} as ${company.symbol}, and its website is ${company.website}.`;
  const documents = [
    document(`${base}/overview`, `${label} business overview`, [`${company.business}`, facts, `Ticker: ${company.symbol}. Related topics: ${company.themes.join(', ')}.`], addDays(asOfDate, -(10 + (hashSeed(company.symbol) % 60))), [company.symbol], company.themes, 'company-overview'),
  ];
  const statements = snapshot.income.get(company.symbol);
  if (statements && statements.annual.length > 0) {
    const year = statements.annual[0];
    const quarter = statements.quarter[0];
    documents.push(
      document(
        `${base}/latest-results`,
        `${label} results: fiscal ${year.fiscalYear} revenue ${bigDollars(year.revenue)}`,
        [
          `${company.name} (${company.symbol}) reported revenue of ${bigDollars(year.revenue)} and net income of ${bigDollars(year.netIncome)} for fiscal ${year.fiscalYear}. Its most recent quarter was ${quarter.period} of fiscal ${quarter.fiscalYear}.`,
          ...statements.annual.map(resultsLine),
          ...statements.quarter.slice(0, 4).map(resultsLine),
          'Figures are from the synthetic snapshot income statements.',
        ],
        quarter.filingDate,
        [company.symbol],
        [...company.themes, 'earnings'],
        'results',
      ),
    );
  }
  const quote = quoteFor(snapshot, company.symbol);
  const bars = snapshot.bars.get(company.symbol)!;
  const five = percentChange(bars[bars.length - 6].c, quote.price);
  documents.push(
    document(
      `${base}/stock-performance`,
      `${company.short} stock (${company.symbol}) closes at ${dollars(quote.price)} on ${longDate(asOfDate)}`,
      [
        `${label} closed at ${dollars(quote.price)} on ${longDate(asOfDate)}, ${quote.change >= 0 ? 'up' : 'down'} ${Math.abs(quote.changesPercentage).toFixed(2)}% from the previous close of ${dollars(quote.previousClose)}, and ${five >= 0 ? 'up' : 'down'} ${Math.abs(five).toFixed(2)}% over five sessions.`,
        `The 52-week range is ${dollars(quote.yearLow)} to ${dollars(quote.yearHigh)}; the 50-day average price is ${dollars(quote.priceAvg50)} and the 200-day average is ${dollars(quote.priceAvg200)}. Volume was ${grouped(quote.volume)} shares against a 50-session average of ${grouped(quote.avgVolume)}. Market capitalization: ${bigDollars(quote.marketCap)}.`,
      ],
      asOfDate,
      [company.symbol],
      company.themes,
      'stock-performance',
    ),
  );
  return documents;
}

/** The whole corpus: per-company pages, then per-theme pages with a market paragraph from the bars. */
export function generateSearchCorpus(snapshot: Snapshot, companies: Company[], themes: Theme[]): SearchDocument[] {
  const asOfDate = snapshot.asOf.slice(0, 10);
  const documents = companies.flatMap((company) => companyDocuments(snapshot, company));
  for (const theme of themes) {
    for (const page of theme.documents) {
      documents.push(
        document(
          `${SITE}/themes/${theme.key}/${page.slug}`,
          page.title,
          [...page.paragraphs, `Market snapshot: ${marketLines(snapshot, theme.symbols)}`],
          addDays(asOfDate, -(hashSeed(page.slug) % 20)),
          theme.symbols,
          [theme.key, theme.label],
          'theme',
        ),
      );
    }
  }
  return documents;
}
