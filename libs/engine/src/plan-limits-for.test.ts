import { describe, expect, it } from 'vitest';
import { planLimitsFor } from '@forge/engine';

describe('planLimitsFor', () => {
  it('defaults per complexity so complex plans fit', () => {
    expect(planLimitsFor('simple', {})).toEqual({ max_tools: 6, max_turns: 8 });
    expect(planLimitsFor('complex', {})).toEqual({ max_tools: 16, max_turns: 18 });
  });
  it('honours configured limits', () => {
    expect(planLimitsFor('complex', { maxTools: 9 })).toEqual({ max_tools: 9, max_turns: 11 });
    expect(planLimitsFor('moderate', { maxTools: 5, maxTurns: 12 })).toEqual({ max_tools: 5, max_turns: 12 });
  });
});
