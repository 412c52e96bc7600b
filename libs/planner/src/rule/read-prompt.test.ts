import { describe, expect, it } from 'vitest';
import { readAsks } from '@forge/asks';
import { readPrompt } from '@forge/planner';

describe('readPrompt', () => {
  it('finds tickers but not finance acronyms', () => {
    const reading = readPrompt("How did the SPY ETF and QQQ do? Ask the CEO about EPS and AI in the US.");
    expect(reading.tickerCandidates).toEqual(['SPY', 'QQQ']);
    // Dotted abbreviations are not class shares; all-caps shorthand runs are left to the ticker candidates.
    expect(readPrompt('How did the U.S. market and BRK.B do? Our call: OW XOM.').tickerCandidates).toEqual(['BRK.B', 'XOM']);
    expect(readPrompt('Our call: OW XOM and EW CVX.').nameCandidates).toEqual([]);
  });

  it('reads a person named by their role as no company, and a table\'s column headers as none', () => {
    expect(readPrompt('Is it accurate that JPMorgan is run by Jamie Dimon and that Apple is headed by Tim Cook?').nameCandidates).toEqual(['JPMorgan', 'Apple']);
    expect(readPrompt('For Tesla, a markdown table with the columns Ticker, Average daily % change and Std dev.').nameCandidates).toEqual(['Tesla']);
    expect(readPrompt('The rally was led by Nvidia today.').nameCandidates).toEqual(['Nvidia']);
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

describe('readPrompt, casual and varied phrasing', () => {
  it('drops legal-form suffixes so the name is looked up whole', () => {
    const reading = readPrompt('Who is the chief executive of Meta Platforms, Inc.? And Netflix, Inc.?');
    expect(reading.nameCandidates).toEqual(['Meta Platforms', 'Netflix']);
    expect([...reading.facets]).toContain('profile');
  });

  it('reads $cashtags as symbols', () => {
    expect(readPrompt("What's the latest headline on $NFLX and is it good or bad news?").tickerCandidates).toEqual(['NFLX']);
    expect([...readPrompt('is it good or bad news?').facets]).toContain('sentiment');
  });

  it('reads market-wide losers without naming a company', () => {
    const reading = readPrompt('Which stocks fell the most today?');
    expect(reading.movers).toEqual({ lists: ['losers'], count: 5 });
  });

  it('reads the distance from the 52-week high as a computation, and "today" is not a day range', () => {
    const reading = readPrompt('How far is META from its 52-week high, in percent?');
    expect([...reading.facets]).toEqual(expect.arrayContaining(['range', 'range-position']));
  });

  it('serves 50- and 200-day averages from the quote, other windows from bars', () => {
    const quote = readPrompt('Give me the 50-day and 200-day moving averages for AMD.');
    expect(quote.quoteAverages).toEqual([50, 200]);
    expect(quote.facets.has('trend')).toBe(false);
    expect(quote.sessions).toBeUndefined();
    const bars = readPrompt('Is NFLX above its 20-day average price?');
    expect(bars.quoteAverages).toBeUndefined();
    expect(bars.facets.has('trend')).toBe(true);
  });

  it('reads what an income ranking orders by', () => {
    expect(readPrompt('Compare revenue growth and net margin for A, B and C, and rank them by net margin.').incomeRankBy).toBe('net-margin');
    expect(readPrompt('Compare gross margins of NVDA and AMD for the latest fiscal year.').incomeRankBy).toBe('gross-margin');
    expect(readPrompt('Compare revenue growth for TSM and ARM.').incomeRankBy).toBe('revenue-growth');
  });

  it('reads a Slack note sent to a channel without the word Slack, and an overview request', () => {
    expect([...readPrompt('Send a note to #alerts with the price of Micron.').facets]).toContain('slack');
    expect([...readPrompt('Tell me about Exxon Mobil.').facets]).toEqual(expect.arrayContaining(['profile', 'price', 'move']));
  });
});

describe('readPrompt, periods', () => {
  it('reads terse session windows the way the asks do, but not moving averages, N-day highs or "days ago"', () => {
    const cases: Array<[string, number]> = [
      ['30d: JPM vs BAC', 30], ['AAPL 15d return?', 15], ['what was the 4-day return for COST', 4], ['UNH over the past 12 trading days', 12],
      ['Did the two chip names both drop over those 6 sessions?', 6], ['an eight-day look at AMZN', 8], ['GOOGL, 7 trading days', 7],
    ];
    for (const [text, sessions] of cases) {
      expect(readPrompt(text).sessions, text).toBe(sessions);
      expect(readPrompt(text).facets.has('trend'), text).toBe(true);
    }
    for (const text of ['30d: JPM vs BAC', 'AAPL 15d return?', 'what was the 4-day return for COST', 'UNH over the past 12 trading days']) {
      expect(readAsks(text).asks.find((ask) => ask.kind === 'window'), text).toMatchObject({ window: { unit: 'sessions', count: readPrompt(text).sessions } });
    }
    expect(readPrompt('Is MSFT above its 20d high?').sessions).toBeUndefined();
    expect(readPrompt('What did NVDA do 2 days ago?').sessions).toBeUndefined();
    expect(readPrompt('NVDA price vs its 50-day moving average').sessions).toBeUndefined();
  });

  it('reads calendar spans as sessions, but not a 52-week range or fiscal years', () => {
    expect(readPrompt('How has Walmart stock performed over the last 3 months?').sessions).toBe(63);
    expect(readPrompt('How far below their 52-week highs are XOM and CVX?').sessions).toBeUndefined();
    expect(readPrompt('Revenue growth over the last two years for Apple').sessions).toBeUndefined();
  });

  it('reads year-over-year growth of a quarter as needing five quarters', () => {
    expect(readPrompt("What was the year-over-year revenue growth in Apple's latest quarter?").statements).toEqual({ period: 'quarter', count: 5, yearOverYear: true });
  });

  it('reads no facet, window or group from a text the prompt gives to post', () => {
    const reading = readPrompt('Send a line to #desk. Exact text: "Weekly note: chip coverage refreshed, bearish tone, top gainers inside"');
    expect([...reading.facets]).toEqual(['slack']);
    expect(reading.sessions).toBeUndefined();
    expect(reading.rawText).toContain('chip coverage');
    // A quoted title that is not posted still counts as wording of the question.
    expect(readPrompt("What's the 'bearish' case on AMD? Post it to #desk.").facets.has('sentiment')).toBe(true);
  });

  it('reads no window from a weekly publication ("our weekly column"), but does from a weekly move', () => {
    expect(readPrompt("For our weekly column 'Hawks and Doves', how did JPM and BAC trade today?").sessions).toBeUndefined();
    expect(readPrompt('How did JPM do on a weekly basis?').sessions).toBe(5);
  });
});
