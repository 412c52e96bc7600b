import { describe, expect, it } from 'vitest';
import { readPrompt } from '@forge/planner';

describe('readPrompt', () => {
  it('finds tickers but not finance acronyms', () => {
    const reading = readPrompt("How did the SPY ETF and QQQ do? Ask the CEO about EPS and AI in the US.");
    expect(reading.tickerCandidates).toEqual(['SPY', 'QQQ']);
  });

  it('finds company names without sentence-initial function words', () => {
    const reading = readPrompt('Compare Walmart and Costco. Who is the CEO of JPMorgan Chase? What about Bank of America?');
    expect(reading.nameCandidates).toEqual(expect.arrayContaining(['Walmart', 'Costco', 'JPMorgan Chase', 'Bank of America']));
    expect(reading.nameCandidates).not.toContain('Compare');
  });

  it('reads periods in words and digits', () => {
    expect(readPrompt('trend over the last ten sessions').sessions).toBe(10);
    expect(readPrompt('the 5-session return').sessions).toBe(5);
    expect(readPrompt('Using the three most recent annual income statements, compute revenue growth').statements).toEqual({ period: 'annual', count: 3 });
    expect(readPrompt('quarter-over-quarter revenue growth for the last four quarters').statements).toEqual({ period: 'quarter', count: 5 });
  });

  it('reads facets from other phrasings', () => {
    expect([...readPrompt('Where is Oracle trading and how much is it up or down?').facets]).toEqual(expect.arrayContaining(['price', 'move']));
    expect([...readPrompt('Is the stock market open right now?').facets]).toContain('market-status');
    expect([...readPrompt('Did Adobe beat the S&P 500 ETF today on a relative basis, i.e. did it outperform?').facets]).toContain('excess-return');
    expect([...readPrompt('Post a short update to the #desk Slack channel').facets]).toContain('slack');
    expect(readPrompt('Post a short update to the #desk Slack channel').slackChannel).toBe('#desk');
    expect([...readPrompt('What kind of company is Target and which industry?').facets]).toContain('profile');
    expect(readPrompt('flag any that dropped more than 3.5%').declineThreshold).toBe(3.5);
  });

  it('reads the answer form and counts of items', () => {
    expect(readPrompt('In one sentence, what does Intel do?').format).toBe('one sentence');
    expect(readPrompt('List the five latest headlines about Ford').items).toBe(5);
    expect(readPrompt('Give a one-paragraph verdict').format).toBe('one paragraph');
  });

  it('takes the web search topic from the prompt', () => {
    expect(readPrompt("Find web coverage of Micron's memory business and list links").searchTopic).toBe('Micron memory business');
  });
});

describe('readPrompt, market-wide and quote-detail questions', () => {
  it('reads movers lists and their size', () => {
    expect(readPrompt('Which were the top three losers today?').movers).toEqual({ lists: ['losers'], count: 3 });
    expect(readPrompt('Show the biggest gainers').movers).toEqual({ lists: ['gainers'], count: 5 });
  });

  it('tells valuation, ranges and moving averages apart from trends and income', () => {
    const valuation = readPrompt("What is Nvidia's P/E ratio and EPS?");
    expect([...valuation.facets]).toContain('valuation');
    expect([...valuation.facets]).not.toContain('income');
    const range = readPrompt('What are the 52-week high and low for Amazon?');
    expect([...range.facets]).toContain('range');
    expect(range.sessions).toBeUndefined();
    expect([...readPrompt('Is it above its 20-day average price?').facets]).toEqual(expect.arrayContaining(['moving-average', 'trend']));
  });

  it('does not read "exchange" as a price change', () => {
    const reading = readPrompt('What exchange is Arm listed on?');
    expect([...reading.facets]).toEqual(['profile']);
  });
});
