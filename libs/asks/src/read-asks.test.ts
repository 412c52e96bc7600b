import { describe, expect, it } from 'vitest';
import { forbidsPosting, readAsks, readForm, readWindow } from '@forge/asks';

const kinds = (text: string) => readAsks(text).asks.map((ask) => ask.kind);
const ask = (text: string, kind: string) => readAsks(text).asks.find((entry) => entry.kind === kind);

describe('readForm', () => {
  it.each([
    ['Summarise Apple in four bullet points.', { layout: 'bullets', count: 4 }],
    ['Post the call to #research and give the answer in 5 bullets.', { layout: 'bullets', count: 5 }],
    ['Give me 3 bullets on AMD', { layout: 'bullets', count: 3 }],
    ['keep it to one line', { layout: 'one_sentence' }],
    ['Answer in a single sentence, please.', { layout: 'one_sentence' }],
    ['two sentences max', { layout: 'sentences', count: 2, at_most: true }],
    ['Please answer in three sentences.', { layout: 'sentences', count: 3 }],
    ['Write it up in two short paragraphs.', { layout: 'paragraphs', count: 2 }],
    ['Lay it out as a markdown table.', { layout: 'table' }],
    ['Tabulate it: a table followed by one line of takeaway.', { layout: 'table', trailing_line: true }],
    ['What is the price of MSFT?', { layout: 'free' }],
  ])('%s', (text, form) => expect(readForm(text)).toEqual(form));

  it.each([
    ['in 150 to 200 words', { min: 150, max: 200 }],
    ['keep it between 40-80 words', { min: 40, max: 80 }],
    ['≈200–300 words', { min: 200, max: 300 }],
    ['under 60 words', { min: 0, max: 59 }],
    ['no more than 45 words', { min: 0, max: 45 }],
    ['roughly 100 words', { min: 80, max: 120 }],
  ])('word range: %s', (text, words) => expect(readForm(text).words).toEqual(words));

  it.each([
    ['NVDA and AMD P/E, tabulate it', { layout: 'table' }],
    ['bullet it, 4 pts', { layout: 'bullets', count: 4 }],
    ['give me the two key takeaways as a bulleted list', { layout: 'bullets', count: 2 }],
    ['a grid, then a one-liner under it', { layout: 'table', trailing_line: true }],
  ])('terse or indirect form: %s', (text, form) => expect(readForm(text)).toEqual(form));

  it('reads a bare "True?" after a claim as a verdict on it', () => {
    expect(readAsks('Someone on the desk says UNH is down more than 5% on the wk. True? one line with the number.').asks).toContainEqual({ kind: 'verdict', claim: 'Someone on the desk says UNH is down more than 5% on the week.' });
  });

  it('reads "one bullet each" and "one line each" as a bullet per asked item', () => {
    expect(readForm('Headlines from 3 distinct outlets, one bullet each with the publisher and link.')).toEqual({ layout: 'bullets', count: 3 });
    expect(readForm('3 headlines from 3 different outlets, one line each, then the chg.')).toEqual({ layout: 'bullets', count: 3 });
    expect(readForm('List five stocks, one sentence per name.')).toEqual({ layout: 'sentences', count: 5 });
    expect(readForm('True? one line with the number.')).toEqual({ layout: 'one_sentence' });
  });

  it('reads "between 60 and 90 words"', () => expect(readForm('Somewhere between 60 and 90 words, please.').words).toEqual({ min: 60, max: 90 }));

  it('reads the form of a Slack post as the post\'s, not the answer\'s', () => {
    expect(readForm('Compare the two, then post a one-line summary to #research.').layout).toBe('free');
    // The post's clause goes; the answer's own form in the other branch stays.
    expect(readForm("Only post to #alerts if either fell more than 2% — otherwise don't post, just tell me in one sentence where they closed.").layout).toBe('one_sentence');
    // A prompt that asks only for the post: the answer reporting it takes the post's layout.
    expect(readForm('Would you be so kind as to post a one-sentence note to the #markets channel stating where JPMorgan closed today?').layout).toBe('one_sentence');
    expect(readForm('Pull 2 headlines each for XOM and Chevron, and post them to #research as 4 bullets.')).toMatchObject({ layout: 'bullets', count: 4 });
    expect(readForm('20d: XOM vs CVX, who had the bigger excess return vs SPY? post the winner to #research, 1 line').layout).toBe('free');
  });
});

describe('readAsks', () => {
  it('reads "the most room back to the high" as a pick by the distance below the 52-week high', () => {
    expect(ask('AAPL, MSFT, AMZN: pick the one with the most room back to the high.', 'pick')).toEqual({ kind: 'pick', by: 'below-high', direction: 'max', absolute: false });
  });

  it('reads "N bullets, each with a source link" over a web search as a list of N results', () => {
    expect(ask('Search the web on chip export rules: 3 bullets, each with a source link.', 'list')).toEqual({ kind: 'list', of: 'search-results', count: 3, per_entity: false, fields: ['source', 'link'] });
  });

  it('reads "is there any evidence of a takeover" and "call whether X lagged Y" as verdicts', () => {
    expect(kinds('A client says Intel is being acquired. Is there any evidence of a takeover in the news?')).toContain('verdict');
    expect(ask('spy and iwm today, and call whether small caps lagged large caps on the wk.', 'verdict')).toEqual({ kind: 'verdict', claim: 'small caps lagged large caps on the week' });
  });

  it('reads no window from an event claim\'s date, and keeps the window of a claim about a move', () => {
    expect(kinds('Fact-check the chatter that Tesla\'s CFO stepped down last week.')).not.toContain('window');
    expect(ask('Someone says UNH is down more than 5% this week. True?', 'window')).toEqual({ kind: 'window', window: { unit: 'sessions', count: 5 }, statistic: 'return' });
  });

  it('reads labelled statements to confirm or refute as one claim, a company suffix breaking no sentence', () => {
    expect(ask('A memo makes two statements: (a) Apple, Inc. closed above $270; (b) Micron traded twice its average volume. Confirm or refute each.', 'verdict'))
      .toEqual({ kind: 'verdict', claim: '(a) Apple, Inc. closed above $270; (b) Micron traded twice its average volume.' });
    expect(kinds('A caller insisted Apple paid $9 billion for a startup. Check it against the record.')).toContain('verdict');
  });

  it('reads options listed after a which-question and a colon as a stance, not a pick', () => {
    const asks = readAsks('Over 20 sessions, which belongs on the watchlist: flag AMD, flag INTC, flag both, or flag neither?').asks;
    expect(asks).toContainEqual({ kind: 'stance', options: ['flag amd', 'flag intc', 'flag both', 'flag neither'] });
    expect(asks.map((entry) => entry.kind)).not.toContain('pick');
  });

  it('reads a trailing PE as the P/E fact', () => {
    expect(ask('px and trailing PE on AMD and INTC, which screens cheaper?', 'fact')).toEqual({ kind: 'fact', facts: ['pe'] });
  });

  it('reads a pick by absolute move from "which moved more"', () => {
    expect(ask('AMD or Intel: which moved more today?', 'pick')).toEqual({ kind: 'pick', by: 'move', direction: 'max', absolute: true });
  });

  it('reads the worst name as the signed minimum', () => {
    expect(ask('Among the chip names, which is the worst performer on the day?', 'pick')).toEqual({ kind: 'pick', by: 'move', direction: 'min', absolute: false });
  });

  it.each([
    ['Which of the two has the lower P/E?', 'pe', 'min'],
    ['Tell me who carries the most negative news sentiment.', 'sentiment', 'min'],
    ['Which one beat SPY by more over the last 5 sessions?', 'excess-return', 'max'],
  ])('reads the criterion of "%s"', (text, by, direction) => expect(ask(text, 'pick')).toMatchObject({ by, direction }));

  it('does not read a question about a CEO or a branch as a pick', () => {
    expect(kinds("Who's the CEO of Walmart?")).not.toContain('pick');
    expect(kinds('If it is up, post A; otherwise post B. Tell me which branch applied.')).not.toContain('pick');
  });

  it('reads a ranking, absolute when the size of the move is asked', () => {
    expect(ask('Rank them by the size of today\'s move, regardless of direction.', 'ranking')).toEqual({ kind: 'ranking', by: 'move', absolute: true });
    expect(ask('Rank AAPL, MSFT and NVDA by 10-session return.', 'ranking')).toEqual({ kind: 'ranking', by: 'return', absolute: false });
  });

  it('reads a list of N headlines each with the asked fields', () => {
    expect(ask('Pull two headlines each for Tesla and Ford, with the source and a link.', 'list')).toEqual({ kind: 'list', of: 'headlines', count: 2, per_entity: true, fields: ['source', 'link'] });
    expect(ask('top 5 gainers today', 'list')).toMatchObject({ of: 'movers', count: 5 });
  });

  it.each([
    ['over the last 10 sessions', { unit: 'sessions', count: 10 }],
    ['the past 20 trading days', { unit: 'sessions', count: 20 }],
    ['20d return', { unit: 'sessions', count: 20 }],
    ['hourly bars for the past 6 hours', { unit: 'hours', count: 6 }],
    ['last 4h', { unit: 'hours', count: 4 }],
    ['on a ten-day return', { unit: 'sessions', count: 10 }],
    ['over those 3 sessions', { unit: 'sessions', count: 3 }],
  ])('reads the window of "%s"', (text, window) => expect((ask(`How did NVDA do ${text}?`, 'window') as { window: unknown }).window).toEqual(window));

  it('reads the statistic over the window', () => {
    expect(ask("What was Meta's high-to-low range over the last 3 sessions?", 'window')).toMatchObject({ statistic: 'range' });
    expect(ask('Standard deviation of daily % changes over the last 20 sessions', 'window')).toMatchObject({ statistic: 'volatility' });
  });

  it('reads a benchmark by name or symbol', () => {
    expect(ask('How did Apple do versus the S&P 500 over the last 5 sessions?', 'benchmark')).toEqual({ kind: 'benchmark', symbol: 'SPY', window: { unit: 'sessions', count: 5 } });
    expect(ask('Did it beat the Nasdaq ETF?', 'benchmark')).toMatchObject({ symbol: 'QQQ' });
  });

  it('reads a verdict on a quoted claim', () => {
    expect(ask('Fact-check: "Tesla lost more than 5% this week." True or false?', 'verdict')).toEqual({ kind: 'verdict', claim: 'Tesla lost more than 5% this week.' });
  });

  it('reads a stance among named options', () => {
    expect(ask('Was the move news-driven or beta-driven?', 'stance')).toEqual({ kind: 'stance', options: ['news-driven', 'beta-driven'] });
    expect(ask('Is the weakness supply-chain, demand or execution?', 'stance')).toEqual({ kind: 'stance', options: ['supply-chain', 'demand', 'execution'] });
    expect(ask('Is Exxon up or down today?', 'stance')).toBeUndefined();
  });

  it('reads a Slack read that must not post, and a post with its text', () => {
    const read = readAsks('Read #markets and tell me what was said about Chevron. Do not post anything.');
    expect(read.asks).toContainEqual({ kind: 'slack-read', channel: '#markets' });
    expect(read.no_post).toBe(true);
    expect(read.asks.map((entry) => entry.kind)).not.toContain('slack-post');
    expect(ask("Post 'AMD looks heavy' to #alerts.", 'slack-post')).toEqual({ kind: 'slack-post', channel: '#alerts', texts: ['AMD looks heavy'] });
  });

  it('reads no Slack post where nothing may go to Slack, and bans posting in the planner\'s words too', () => {
    expect(readAsks('Did SPY close green today? Nothing goes to Slack.').no_post).toBe(true);
    expect(forbidsPosting('Read #research, keep it off Slack.')).toBe(true);
    expect(forbidsPosting("If it fell, post to #alerts; if not, don't post.")).toBe(false);
  });

  it('reads a bullet count in the singular ("answer in 3 point"), and no bullets from a move in points', () => {
    expect(readForm('Tell which one is move more. Answer in 3 point.')).toMatchObject({ layout: 'bullets', count: 3 });
    expect(readForm('Did the Dow fall 3 points today?').layout).toBe('free');
  });

  it('reads the window of prior daily returns, and no window from a one-day move', () => {
    expect(readWindow('z of today\'s move (1d ret / stdev of prior 20 daily rets)')).toEqual({ unit: 'sessions', count: 20 });
    expect(readWindow('actual size, 1d move, source + date')).toBeUndefined();
  });

  it('reads terse windows and statistics', () => {
    expect(ask('AMD σ of daily % chg, 12 bars', 'window')).toEqual({ kind: 'window', window: { unit: 'sessions', count: 12 }, statistic: 'volatility' });
    expect(ask('QQQ 4-sess cum ret', 'window')).toEqual({ kind: 'window', window: { unit: 'sessions', count: 4 }, statistic: 'return' });
    expect(ask('MSFT 1h bars, trailing 5h: hi and lo', 'window')).toMatchObject({ window: { unit: 'hours', count: 5 }, statistic: 'range' });
  });

  it('reads T/F as a verdict and verbatim post texts per branch', () => {
    expect(kinds('desk claim: "AMD trades >40x earnings." T/F.')).toContain('verdict');
    const post = readAsks('If it is up, post exactly this to #alerts: \'AMD green\'. If it isn\'t, post verbatim: "AMD red".');
    expect(post.asks).toContainEqual({ kind: 'slack-post', channel: '#alerts', texts: ['AMD green', 'AMD red'] });
    expect(post.asks.map((entry) => entry.kind)).toContain('conditional');
  });

  it('reads a conditional with its condition', () => {
    expect(ask('If AAPL is down more than 2%, give me the headlines; otherwise just the price.', 'conditional')).toEqual({ kind: 'conditional', condition: 'aapl is down more than 2%' });
  });
  it('reads claims heard from someone as verdicts, and "legit or nah" as no stance', () => {
    expect(ask('A trader told me Micron just approved a $13.2 billion buyback. Is that the number the company gave?', 'verdict')).toEqual({ kind: 'verdict', claim: 'A trader told me Micron just approved a $13.2 billion buyback.' });
    expect(kinds("I've got a tip that Nvidia raised its revenue outlook today. Check it against what the company actually put out.")).toContain('verdict');
    expect(kinds('Someone in our #markets channel says Chevron was halted this morning. Can you check whether CVX actually traded normally?')).toContain('verdict');
    expect(kinds('a forum says Meta will pay $67 billion for Tessellate Networks?!? is it legit or nah?')).toEqual(['verdict']);
    expect(kinds('UnitedHealth halted all Medicare Advantage shipments — real or fake?')).toContain('verdict');
    // A prompt that only states a fact it wants is no verdict.
    expect(kinds('Give me MU price and tell me where it closed.')).not.toContain('verdict');
  });

  it('reads stance rules whose later clauses open on "otherwise" or on the speaker ("I sell half")', () => {
    expect(ask('Apply the rule in order: Reduce if the close is within 2.00% above the 52-week low; otherwise Increase if the close is above the 200-session moving average; otherwise Maintain.', 'stance')).toMatchObject({ options: ['reduce', 'increase', 'maintain'] });
    expect(ask("my rule: if it's down more than 5% over the last 5 sessions and it's below its 50-day average, I sell half; if it's down more than 5% but still above the 50-day, I add more; anything else, I hold.", 'stance')).toMatchObject({
      rule: { clauses: [{ option: 'sell half' }, { option: 'add more' }, { option: 'hold' }] },
    });
  });

  it('reads "limit the response to N words" and cuts a column list at "and no commentary"', () => {
    expect(readAsks('Limit the response to 120 words.').form.words).toEqual({ min: 0, max: 120 });
    expect(readAsks('a markdown table with the columns Ticker, CEO and Exchange, and no commentary beyond the table.').form).toMatchObject({ layout: 'table', columns: ['ticker', 'ceo', 'exchange'] });
  });
});
