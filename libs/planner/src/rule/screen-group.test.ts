import { describe, expect, it } from 'vitest';
import { groupCandidates } from './screen-group.ts';

describe('groupCandidates', () => {
  it.each([
    ['Which semiconductor stocks in the universe gained today?', 'semiconductor'],
    ["Rank the bank stocks by today's move.", 'bank'],
    ['List the energy names and their P/E.', 'energy'],
    ['How did the semis do today?', 'semis'],
    ['Rank the oil & gas stocks by market cap.', 'oil & gas'],
  ])('%s → first candidate "%s"', (prompt, first) => {
    expect(groupCandidates(prompt)[0]).toBe(first);
  });

  it('reads no group from prompts about a company or about nothing in particular', () => {
    expect(groupCandidates('What does Snowflake do?')).toEqual([]);
    expect(groupCandidates('Give me the latest headline on Oracle.')).toEqual([]);
  });
});
