import { describe, expect, it } from 'vitest';
import { checkAnswer, readAsks, readFacts } from '@forge/asks';

describe('readFacts', () => {
  it.each([
    ['who is chief executive of Costco, roughly how many full-time staff the company employs, and which exchange its shares are listed on?', ['ceo', 'employees', 'exchange']],
    ['Who runs it, how many people work there and which sector is it in?', ['ceo', 'employees', 'sector']],
    ['the exchange it trades on and its website', ['exchange', 'website']],
    ['is XOM the larger company by market value, and what is its P/E?', ['market_cap', 'pe']],
    ['when did it go public — the IPO date — and where is it headquartered?', ['ipo_date', 'country']],
  ])('reads the facts of %j', (prompt, facts) => {
    expect(readFacts(prompt)).toEqual(facts);
  });

  it('reads no fact from a quoted post text, an ETF, or industry peers', () => {
    expect(readFacts('post "CEO change flagged" to #alerts if NVDA fell')).toEqual([]);
    expect(readFacts('compare SPY, an exchange-traded fund, with its industry peers')).toEqual([]);
    expect(readFacts("What's Apple's price?")).toEqual([]);
  });

  it("reads a company's sector as a fact, a sector named as the group as none", () => {
    expect(readFacts("then give ARM's sector.")).toEqual(['sector']);
    expect(readFacts('its CEO, employee count and sector.')).toEqual(['ceo', 'employees', 'sector']);
    expect(readFacts('For a chip-sector roundup: rank NVDA, AMD and MU by their move')).toEqual([]);
    expect(readFacts('is the semis move stock-specific or sector-wide, or just the whole chip sector?')).toEqual([]);
  });
});

describe('the fact ask', () => {
  const asks = { ...readAsks('Who is the CEO of Costco and how many employees does it have?'), entities: ['COST'] };

  it('is one ask with every named fact', () => {
    expect(asks.asks).toContainEqual({ kind: 'fact', facts: ['ceo', 'employees'] });
  });

  it('is met when the answer states each fact, missed when one is left out', () => {
    expect(checkAnswer({ asks, answer: 'Costco (COST) is led by CEO Ron Vachris and has 333,000 employees.', posts: [] })).toEqual([]);
    const missed = checkAnswer({ asks, answer: "Costco (COST)'s CEO is Ron Vachris.", posts: [] });
    expect(missed.map((found) => found.code)).toEqual(['ask-not-met:fact']);
    expect(missed[0]!.message).toContain('employee count');
  });
});

describe('readFacts on quoted texts', () => {
  it('reads the facts of a quoted claim to check', () => {
    expect(readFacts('a reader claims that "Exxon pays a bigger dividend than Chevron and is the larger company by market value." Check it.')).toEqual(['dividend', 'market_cap']);
  });
});

describe('windows and dates', () => {
  it('reads "the 25 November 2026 session" as a date, not a window of 2026 sessions', async () => {
    const { readWindow } = await import('@forge/asks');
    expect(readWindow("review super micro computer's 25 november 2026 session")).toBeUndefined();
    expect(readWindow('over the last 20 sessions')).toEqual({ unit: 'sessions', count: 20 });
  });
});
