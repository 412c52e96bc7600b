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

  it('reads a rule written condition first, and measures the distance from the 52-week high', () => {
    const rule = ruleOf('Whether to add to, hold or trim Alphabet. Use this rule: if it closed within 2% of its 52-week high, trim; if it is more than 10% below the high, add; otherwise hold.')!;
    expect(rule.clauses.map((clause) => clause.option)).toEqual(['trim', 'add', 'hold']);
    const googl = { symbol: 'GOOGL', slug: 'googl' };
    expect(ruleStance(rule, new FactReader({ googl_pct_below_high: 0.47 }), googl, false)?.option).toBe('trim');
    expect(ruleStance(rule, new FactReader({ googl_pct_below_high: 12.5 }), googl, false)?.option).toBe('add');
    expect(ruleStance(rule, new FactReader({ googl_pct_below_high: 5 }), googl, false)?.option).toBe('hold');
  });

  it('measures terse conditions: "5d chg > +3%", "today\'s vol > 1.5x avg vol"', () => {
    const rule = ruleOf('$TSLA buy / hold / sell? rule: BUY if 5d chg > +3% AND today\'s vol > 1.5x avg vol, SELL if 5d chg < -3%, else HOLD.')!;
    const tsla = { symbol: 'TSLA', slug: 'tsla' };
    expect(ruleStance(rule, new FactReader({ tsla_return_n: 6, tsla_volume: 239_092_147, tsla_avg_volume: 132_828_971 }), tsla, false)?.option).toBe('buy');
    expect(ruleStance(rule, new FactReader({ tsla_return_n: 6, tsla_volume: 150_000_000, tsla_avg_volume: 132_828_971 }), tsla, false)?.option).toBe('hold');
    expect(ruleStance(rule, new FactReader({ tsla_return_n: -4, tsla_volume: 150_000_000, tsla_avg_volume: 132_828_971 }), tsla, false)?.option).toBe('sell');
  });
});
