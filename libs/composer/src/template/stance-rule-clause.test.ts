import { describe, expect, it } from 'vitest';
import { readAsks } from '@forge/asks';
import { FactReader } from './fact-reader.ts';
import { ruleStance } from './stance-rule-clause.ts';

const ruleOf = (prompt: string) => {
  const stance = readAsks(prompt).asks.find((ask) => ask.kind === 'stance');
  return stance?.kind === 'stance' ? stance.rule : undefined;
};

describe('a stance decided by a stated rule', () => {
  it('reads the rule clause by clause, the default last', () => {
    expect(ruleOf('Stance per name: overweight if excess return > 0, else underweight.')).toEqual({ clauses: [{ option: 'overweight', when: 'excess return > 0' }, { option: 'underweight' }] });
    expect(ruleOf('If NVDA fell more than 2%, post to #alerts; otherwise tell me.')).toBeUndefined();
  });

  it('applies it to each name\'s facts, every condition of a clause, and gives no stance when a fact is missing', () => {
    const trim = ruleOf('Add, hold or trim: trim if it has fallen more than 5% over the five sessions and traded above 1.5 times its average volume; add if it has risen more than 5% over the five sessions; otherwise hold.')!;
    const unh = { symbol: 'UNH', slug: 'unh' };
    expect(ruleStance(trim, new FactReader({ unh_return_n: -7.1, unh_volume: 27_397_717, unh_avg_volume: 16_116_304 }), unh, true)?.option).toBe('trim');
    expect(ruleStance(trim, new FactReader({ unh_return_n: -7.1, unh_volume: 20_000_000, unh_avg_volume: 16_116_304 }), unh, true)?.option).toBe('hold');
    expect(ruleStance(trim, new FactReader({ unh_return_n: 6.2, unh_volume: 20_000_000, unh_avg_volume: 16_116_304 }), unh, true)?.option).toBe('add');
    expect(ruleStance(trim, new FactReader({ unh_return_n: -7.1 }), unh, true)).toBeUndefined();
    const weight = ruleOf('overweight if excess return > 0, else underweight')!;
    expect(ruleStance(weight, new FactReader({ aapl_vs_spy_excess_period: 1.61 }), { symbol: 'AAPL', slug: 'aapl' }, true)?.option).toBe('overweight');
    expect(ruleStance(weight, new FactReader({ msft_vs_spy_excess_period: -3.65 }), { symbol: 'MSFT', slug: 'msft' }, true)?.option).toBe('underweight');
  });
});
