import { describe, expect, it } from 'vitest';
import { looksLikeCompanyName, nameCandidates, tickerCandidates } from './entity-candidates.ts';

describe('looksLikeCompanyName', () => {
  it('counts a capitalised name written mid-sentence as a company', () => {
    expect(looksLikeCompanyName('Does Lululemon have a lower P/E than Costco?', 'Lululemon')).toBe(true);
    expect(looksLikeCompanyName('what is Microsfot trading at', 'Microsfot')).toBe(true);
    expect(looksLikeCompanyName('Give me the news on Initrode Systems today.', 'Initrode Systems')).toBe(true);
  });

  it('does not count ordinary capitalised words, labels, dates or a name whose symbol is written beside it', () => {
    expect(looksLikeCompanyName('Summary for the Compliance team: AAPL price.', 'Compliance')).toBe(false);
    expect(looksLikeCompanyName('Give me a Risk view on TSLA.', 'Risk')).toBe(false);
    expect(looksLikeCompanyName('Thanks. Bulleted, please.', 'Bulleted')).toBe(false);
    expect(looksLikeCompanyName('AMD price? Keep it brief.', 'Keep')).toBe(false);
    expect(looksLikeCompanyName('List the stocks in the Utilities sector.', 'Utilities')).toBe(false);
    expect(looksLikeCompanyName('How did AMD do in the week of Oct 12?', 'Oct 12')).toBe(false);
    expect(looksLikeCompanyName('What is the price of Klarna (KLAR)?', 'Klarna')).toBe(false);
    expect(looksLikeCompanyName('Compare prices for our Portfolio: AAPL, MSFT.', 'Portfolio')).toBe(false);
  });

  it('does not count the words of an answer spec: labels, column names, quoted titles and slash-separated options', () => {
    const table = 'Task: rank the top gainers. Layout: a grid with columns Symbol, Last, Pct Move. Constraint: four rows.';
    expect(looksLikeCompanyName(table, 'Symbol')).toBe(false);
    expect(looksLikeCompanyName('List MU and AMD with columns Name, Close and Move', 'Name')).toBe(false);
    const verdict = 'Statement: Micron closed up. Deliverable: a ruling (Accurate / Inaccurate) followed by the figure.';
    expect(looksLikeCompanyName(verdict, 'Accurate')).toBe(false);
    expect(looksLikeCompanyName(verdict, 'Inaccurate')).toBe(false);
    expect(looksLikeCompanyName('Should we add AMD? Picks: Accumulate / Trim / Exit - choose one.', 'Trim')).toBe(false);
    expect(looksLikeCompanyName("For our monthly 'Hawks and Doves' segment, how did JPM trade?", 'Hawks')).toBe(false);
    expect(looksLikeCompanyName('He said "the Tigers beat the Lions" about AMD.', 'Lions')).toBe(false);
    expect(looksLikeCompanyName('Rate TSLA. Scale: Strong / Weak.', 'Weak')).toBe(false);
  });

  it('still counts an unknown company listed with a slash beside a known one, or after a non-spec label', () => {
    expect(looksLikeCompanyName('Compare Amazon / Shopify on P/E.', 'Shopify', ['Amazon', 'AMZN'])).toBe(true);
    expect(looksLikeCompanyName('Request: is Lululemon cheaper than Costco?', 'Lululemon')).toBe(true);
    expect(looksLikeCompanyName('Context: we hold AAPL. What is the price of Rivian today?', 'Rivian')).toBe(true);
  });
});

describe('names a claim cites or a deal targets', () => {
  it('are not companies to research: a forum or publication, and what a named company buys', () => {
    expect(looksLikeCompanyName('A post on Stock Chatter Forum says NVDA is being probed.', 'Chatter Forum', ['NVDA'])).toBe(false);
    expect(looksLikeCompanyName('Is it true that Lilly pays $26.4B for Helix Data Works?', 'Helix Data Works', ['LLY', 'Lilly'])).toBe(false);
    expect(looksLikeCompanyName('Did JPMorgan agree to buy Tessellate Networks?', 'Tessellate Networks', ['JPM', 'JPMorgan'])).toBe(false);
  });
  it('still are when nobody the question names is the buyer', () => {
    expect(looksLikeCompanyName('Should I buy Shopify or Amazon?', 'Shopify', ['AMZN', 'Amazon'])).toBe(true);
    expect(looksLikeCompanyName('What is the P/E for Shopify and Amazon?', 'Shopify', ['AMZN', 'Amazon'])).toBe(true);
  });
});

describe('tickerCandidates', () => {
  it('does not take a shouted contraction for a ticker', () => {
    expect(tickerCandidates("summarise #markets in 3 bullets. read only, DON'T post anything, and I CAN’T see $NVDA")).toEqual(['NVDA']);
  });
});

describe('nameCandidates', () => {
  it('takes a name after a sentence that ends on a relation word, and not a person after one', () => {
    expect(nameCandidates("I'm writing a note for a retail-heavy client. Rank Walmart, Costco and Amazon.")).toEqual(expect.arrayContaining(['Walmart', 'Costco', 'Amazon']));
    expect(nameCandidates('My client Margaret asked about Costco.')).not.toContain('Margaret');
  });
});

describe('camel-case brands', () => {
  it('offers "iPhone" as a name candidate (the search knows brands as aliases), and no unknown brand is a company left out', () => {
    expect(nameCandidates("I've had a few shares of the iPhone maker for years")).toContain('iPhone');
    expect(looksLikeCompanyName('compare it with the iPad line', 'iPad')).toBe(false);
  });
});
