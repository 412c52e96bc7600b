import { describe, expect, it } from 'vitest';
import { checkAnswer, readAsks, sentencesOf, tableRowsOf, type Asks } from '@forge/asks';

const asksOf = (prompt: string, entities: string[] = []): Asks => ({ ...readAsks(prompt), entities });
const codes = (prompt: string, answer: string, entities: string[] = [], posts: Array<{ channel: string; text: string }> = []) =>
  checkAnswer({ asks: asksOf(prompt, entities), answer, posts }).map((found) => found.code);

describe('sentencesOf', () => {
  it('does not split decimals, tickers or common abbreviations', () => {
    expect(sentencesOf('NVDA rose 2.40% vs. QQQ at 181.50. Apple Inc. lagged.')).toHaveLength(2);
  });
});

describe('tableRowsOf', () => {
  it('counts the data rows of a markdown table', () => {
    expect(tableRowsOf('Intro\n| name | move |\n|---|---|\n| NVDA | +2.40% |\n| AMD | -1.10% |\nDone.')).toBe(2);
    expect(tableRowsOf('no table here')).toBeNull();
  });
});

describe('checkAnswer', () => {
  it('passes an answer in the asked form', () => {
    expect(codes('NVDA vs AMD, 3 bullets', '- NVDA +2.40%.\n- AMD -1.10%.\n- NVDA moved more.', ['NVDA', 'AMD'])).toEqual([]);
  });

  it.each([
    ['3 bullets', '- one; two; three.', 'ask-not-met:bullets'],
    ['in two sentences', 'One. Two. Three.', 'ask-not-met:sentences'],
    ['one sentence', 'First. Second.', 'ask-not-met:one-sentence'],
    ['in two paragraphs', 'All in one block. Still one.', 'ask-not-met:paragraphs'],
    ['as a table', 'NVDA is up and AMD is down.', 'ask-not-met:table'],
    ['in 200-300 words', 'Far too short.', 'ask-not-met:words'],
  ])('rejects a miss of "%s"', (prompt, answer, code) => expect(codes(prompt, answer, ['NVDA', 'AMD'])).toContain(code));

  it('wants the pick named in the lead sentence', () => {
    const prompt = 'NVDA or AMD: which moved more today?';
    expect(codes(prompt, 'NVDA moved more: +2.40% against -1.10% for AMD.', ['NVDA', 'AMD'])).toEqual([]);
    expect(codes(prompt, 'Chips were mixed today. NVDA moved more.', ['NVDA', 'AMD'])).toEqual(['ask-not-met:pick']);
  });

  it('wants a verdict first and a stance option stated', () => {
    expect(codes('Fact-check: "NVDA rose 10% this week."', 'False: NVDA rose 2.40% over the last 5 sessions.')).toEqual([]);
    expect(codes('Fact-check: "NVDA rose 10% this week."', 'NVDA rose 2.40% over the last 5 sessions.')).toEqual(['ask-not-met:verdict']);
    expect(codes('Was it news-driven or beta-driven?', 'The move looks beta-driven.')).toEqual([]);
    expect(codes('Was it news-driven or beta-driven?', 'It moved with the market.')).toEqual(['ask-not-met:stance']);
  });

  it('wants the asked window named', () => {
    expect(codes('AAPL return over the last 10 sessions', 'AAPL returned +3.10% over the last 10 sessions.')).toEqual([]);
    expect(codes('AAPL return over the last 10 sessions', 'AAPL returned +3.10% over 5 sessions.')).toEqual(['ask-not-met:window']);
  });

  it('counts linked headlines per entity', () => {
    const prompt = 'Two headlines each for NVDA and AMD with links.';
    const two = 'NVDA: a (https://a.example/1), b (https://a.example/2).';
    expect(codes(prompt, two, ['NVDA', 'AMD'])).toEqual(['ask-not-met:list']);
    expect(codes(prompt, `${two} AMD: c (https://a.example/3), d (https://a.example/4).`, ['NVDA', 'AMD'])).toEqual([]);
  });

  it('rejects a post from a read-only Slack ask and a post without the asked text', () => {
    expect(codes('Read #markets, do not post.', 'The channel says nothing about CVX.', [], [{ channel: '#markets', text: 'Research note' }])).toEqual(['ask-not-met:slack-read']);
    const post = "If NVDA is up, post 'NVDA breakout watch' to #markets, otherwise post 'NVDA quiet' there.";
    expect(codes(post, 'NVDA is up, so the breakout note went out.', [], [{ channel: '#markets', text: 'NVDA quiet' }])).toEqual([]);
    expect(codes(post, 'Posted.', [], [{ channel: '#markets', text: 'Research note: NVDA' }])).toEqual(['ask-not-met:slack-post']);
    expect(codes(post, 'Posted.', [], [])).toEqual(['ask-not-met:slack-post']);
  });

  it('fills a <TICKER> slot in an asked post text', () => {
    const prompt = 'Post "<TICKER> screens cheap" to #research.';
    expect(codes(prompt, 'Done.', [], [{ channel: '#research', text: 'JPM screens cheap' }])).toEqual([]);
  });
});

describe('a conditional post with a silent branch', () => {
  it('accepts no post when a branch posts nothing, and still checks the post when one is made', () => {
    const prompt = 'if nvda closed down more than 2% today post a heads-up to #alerts. if not dont post, just tell me here';
    const asks = { ...readAsks(prompt), entities: ['NVDA'] };
    expect(asks.no_post).toBe(false);
    expect(checkAnswer({ asks, answer: 'NVDA fell 1.2%, so nothing was posted.', posts: [] })).toEqual([]);
    expect(checkAnswer({ asks, answer: 'Posted.', posts: [{ channel: '#markets', text: 'NVDA' }] }).map((found) => found.code)).toEqual(['ask-not-met:slack-post']);
  });
});
