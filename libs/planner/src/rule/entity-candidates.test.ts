import { describe, expect, it } from 'vitest';
import { looksLikeCompanyName } from './entity-candidates.ts';

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
});
