import { describe, expect, it } from 'vitest';
import { readAsks } from '@forge/asks';
import { FactReader } from './fact-reader.ts';
import { leadClauses } from './lead-clause.ts';
import { checkAnswer } from '@forge/asks';
import { layoutAnswer, layoutTable, shapeFromForm } from './answer-layout.ts';

const subject = (symbol: string) => ({ symbol, slug: symbol.toLowerCase() });
const state = {
  nvda_change_pct: -3.1, amd_change_pct: 2.4, qqq_change_pct: 0.5,
  nvda_return_n: 6.2, amd_return_n: -1.5, qqq_return_n: 1.1, nvda_pe: 45.2, amd_pe: 38.9,
  nvda_sentiments: ['negative', 'negative', 'neutral'], income_revenue_growth: { NVDA: [114.2, 125.9] }, amd_sentiments: ['positive', 'neutral', 'negative'],
};
const lead = (prompt: string, symbols = ['NVDA', 'AMD'], all = symbols) =>
  leadClauses({ ...readAsks(prompt), entities: symbols }, new FactReader(state), symbols.map(subject), all.map(subject));

describe('leadClauses', () => {
  it('picks the biggest absolute mover, not the biggest gainer, for "which moved more"', () => {
    expect(lead('NVDA or AMD, which moved more today?')).toEqual(['NVDA moved the most (-3.10%, against +2.40% for AMD)']);
  });

  it('picks the worst day, the lowest P/E and the most negative sentiment', () => {
    expect(lead('Which one had the worst day?')[0]).toMatch(/^NVDA had the worst day/);
    expect(lead('Which trades at the lower P/E?')[0]).toMatch(/^AMD trades at the lowest P\/E \(38\.90/);
    expect(lead('Tell me which carries the most negative news sentiment.')[0]).toMatch(/^NVDA carries the most negative news sentiment/);
  });

  it('rules on a claim about a window move, either way', () => {
    expect(lead('Fact-check: "NVDA rose more than 5% over the last 5 sessions."', ['NVDA'])[0]).toMatch(/^Supported: NVDA moved \+6\.20%/);
    expect(lead('Fact-check: "NVDA rose more than 10% over the last 5 sessions."', ['NVDA'])[0]).toMatch(/^Contradicted/);
    expect(lead('Verify the claim that NVDA was halted today.', ['NVDA'])[0]).toMatch(/^No evidence found in the tools/);
  });

  it('picks the most negative coverage by its count of negative articles over the window, when the plan counted them', () => {
    const facts = new FactReader({ ...state, nvda_coverage_negative: 4, amd_coverage_negative: 6 });
    const clauses = leadClauses({ ...readAsks('Which of NVDA and AMD had the most negative news coverage this week?'), entities: ['NVDA', 'AMD'] }, facts, [subject('NVDA'), subject('AMD')]);
    expect(clauses[0]).toBe('AMD carries the most negative news coverage (6 negative articles, against 4 negative articles for NVDA)');
    expect([...facts.used]).toEqual(expect.arrayContaining(['amd_coverage_negative', 'nvda_coverage_negative']));
  });

  it('opens with the verdict and the pick together when a prompt asks both', () => {
    const clauses = lead('My friend swears NVDA rose more than 5% over the last 5 sessions. True? And which of NVDA and AMD moved more today?');
    expect(clauses[0]).toMatch(/^Supported: NVDA moved \+6\.20%[^;]*; NVDA moved the most \(-3\.10%/);
    expect(clauses).toHaveLength(1);
  });

  it('opens with a ruling against the company release, ahead of a pick asked first', () => {
    const facts = new FactReader({ ...state, claim_verdict: 'Contradicted', claim_rule: 'the release says the opposite of the claim' });
    const clauses = leadClauses({ ...readAsks('Which of NVDA and AMD moved more today? Also, a forum post claims NVDA raised its outlook. Is it true?'), entities: ['NVDA', 'AMD'] }, facts, [subject('NVDA'), subject('AMD')]);
    expect(clauses[0]).toMatch(/^Contradicted: the release says the opposite of the claim; NVDA moved the most/);
  });

  it('rules on a growth claim from the income statements', () => {
    expect(lead('An article claims NVDA revenue more than doubled last fiscal year. Does it hold up?', ['NVDA'])[0]).toBe("Supported: NVDA's revenue grew 114.20% in the latest period");
    expect(lead('Fact-check: "NVDA revenue grew more than 150% last year."', ['NVDA'])[0]).toMatch(/^Contradicted/);
  });

  it('takes a stance from the move against its benchmark', () => {
    expect(lead('Was the NVDA move news-driven or beta-driven?', ['NVDA'], ['NVDA', 'QQQ'])[0]).toMatch(/^The move looks news-driven: NVDA moved -3\.10%/);
  });

  it('reads a stance against the benchmark and from the tone of the news', () => {
    expect(lead('Is NVDA beating the QQQ or lagging behind over the last 5 sessions?', ['NVDA'], ['NVDA', 'QQQ'])[0]).toMatch(/^NVDA is beating the qqq/);
    expect(lead('Overall, is the news bullish, bearish or neutral?', ['NVDA'])[0]).toBe('The news reads bearish for NVDA: its recent headlines are tagged negative, negative, neutral');
  });

  it('takes no stance the facts cannot decide', () => {
    expect(lead('Is the weakness supply-chain, demand or execution?', ['NVDA'])).toEqual([]);
  });
});

describe('answers in the asked form pass the gate', () => {
  const clauses = ['NVDA last traded at $182.00; it fell 3.10%', 'AMD last traded at $218.00', 'AMD rose 2.40%'];
  it.each(['Answer in 2 bullets.', 'Give me three bullets.', 'In two sentences, please.', 'One sentence.', 'Write two paragraphs.'])('%s', (prompt) => {
    const asks = { ...readAsks(prompt), entities: ['NVDA', 'AMD'] };
    const answer = layoutAnswer(clauses, shapeFromForm(asks.form));
    expect(checkAnswer({ asks, answer, posts: [] })).toEqual([]);
  });

  it('a table with a row per name', () => {
    const asks = { ...readAsks('Put it in a table.'), entities: ['NVDA', 'AMD'] };
    const answer = layoutTable(['NVDA moved the most'], [{ label: 'NVDA', clauses: ['-3.10%'] }, { label: 'AMD', clauses: ['+2.40%'] }], [], shapeFromForm(asks.form));
    expect(checkAnswer({ asks, answer, posts: [] })).toEqual([]);
  });
});

describe('a claim about the company profile', () => {
  const profile = { jpm_ceo: 'Jamie Dimon', jpm_employees: 317233, jpm_name: 'JPMorgan Chase & Co.' };
  const rule = (prompt: string) => leadClauses({ ...readAsks(prompt), entities: ['JPM'] }, new FactReader(profile), [subject('JPM')], [subject('JPM')])[0];

  it('rules on the CEO and a rough headcount', () => {
    expect(rule('Is it accurate that JPMorgan is run by Jamie Dimon and employs roughly 317,000 people?')).toBe('Supported: according to the company profile, the CEO is Jamie Dimon and it has 317233 full-time employees');
    expect(rule('Is it accurate that JPMorgan is run by Jane Fraser and employs roughly 317,000 people?')).toMatch(/^Partly true/);
    expect(rule('Is it true that JPMorgan employs about 250,000 people?')).toMatch(/^Contradicted: according to the company profile, it has 317233/);
  });
});
