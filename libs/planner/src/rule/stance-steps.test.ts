import { describe, expect, it } from 'vitest';
import { readAsks } from '@forge/asks';
import { readScorecard } from './stance-steps.ts';

const cardOf = (prompt: string, symbols: string[]) => {
  const stance = readAsks(prompt).asks.find((ask) => ask.kind === 'stance');
  return readScorecard(stance?.kind === 'stance' ? stance : undefined, prompt, symbols);
};

describe('readScorecard', () => {
  it('takes action options with no rule, with the signals the prompt names', () => {
    const card = cardOf('Buy, hold or sell AMD? Look at the valuation and the recent news tone.', ['AMD'])!;
    expect(card.options.map((option) => option.lean)).toEqual(['bull', 'neutral', 'bear']);
    expect(card.signals).toEqual(['valuation', 'news']);
    expect(cardOf('Options: OW XOM / OW CVX / neutral - pick one.', ['XOM', 'CVX'])!.options.map((option) => option.symbol ?? option.lean)).toEqual(['XOM', 'CVX', 'neutral']);
    // The option keeps the prompt's own spelling, and a name may follow each option before the last.
    expect(cardOf('Then tell me: add GOOGL, add META, or stay flat?', ['GOOGL', 'META'])!.options).toEqual([
      { option: 'add GOOGL', lean: 'bull', symbol: 'GOOGL' }, { option: 'add META', lean: 'bull', symbol: 'META' }, { option: 'stay flat', lean: 'neutral' },
    ]);
  });

  it('leaves a stated rule and options that are not actions to the composer', () => {
    expect(cardOf('Buy / hold / sell AMD: buy if its 5-session return > 3%, sell if it < -3%, otherwise hold.', ['AMD'])).toBeUndefined();
    expect(cardOf('Is AMD trending up, down or sideways?', ['AMD'])).toBeUndefined();
  });
});
