import { describe, expect, it } from 'vitest';
import type { Step } from '@forge/plan';
import { replaySample, type RecordedCall, type ReplayInput } from '@forge/replay';

const steps: Step[] = [
  {
    step: 1, server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'NVDA' },
    analysis_requirements: { extract: ['price', 'changesPercentage'], compute: ['move = changesPercentage'], select: [], accept_if: ['price > 0'] },
  },
  {
    step: 2, server: 'polygon', tool: 'polygon_get_aggs', params: { ticker: 'NVDA', note: 'above ${price}' },
    analysis_requirements: { extract: ['closes = results[][c]'], compute: [], select: [], accept_if: ['len(closes) >= 2'] },
  },
];

const recorded = (): RecordedCall[] => [
  { server: 'fmp', tool: 'fmp_get_quote', args: { symbol: 'NVDA' }, status: 'ok', structured_content: { price: 181.5, changesPercentage: -0.1996 } },
  { server: 'polygon', tool: 'polygon_get_aggs', args: { ticker: 'NVDA', note: 'above 181.5' }, status: 'ok', structured_content: { results: [{ c: 180.25 }, { c: 181.5 }] } },
];

const input = (overrides: Partial<ReplayInput> = {}): ReplayInput => ({
  toolSequence: steps,
  recorded: recorded(),
  finalText: 'NVDA last traded at 181.5, a move of -0.20% on the day.',
  requirements: { must_include: ['price'], grounded_from: ['price', 'move'] },
  ...overrides,
});

const codes = async (overrides: Partial<ReplayInput> = {}) => (await replaySample(input(overrides))).problems.map((problem) => problem.code);

describe('replaySample (the oracle replay)', () => {
  it('earns every step and full coverage and grounding for a sample that matches its recording', async () => {
    const replay = await replaySample(input());
    expect(replay.problems).toEqual([]);
    expect(replay.steps.map((step) => step.reward)).toEqual([1, 1]);
    expect(replay.final).toMatchObject({ coverage: 1, grounding: 1 });
  });

  it('rejects a step whose accept_if fails on the recorded result (replay:step)', async () => {
    const calls = recorded();
    calls[1]!.structured_content = { results: [{ c: 180.25 }] };
    const replay = await replaySample(input({ recorded: calls }));
    expect(replay.problems.map((problem) => problem.code)).toEqual(['replay:step']);
    expect(replay.problems[0]!.message).toContain('len(closes) >= 2');
    expect(replay.steps[1]!.reward).toBe(0);
  });

  it('rejects a plan whose placeholders resolve to other arguments than were recorded (replay:step)', async () => {
    const calls = recorded();
    calls[1]!.args = { ticker: 'NVDA', note: 'above 999' };
    expect(await codes({ recorded: calls })).toEqual(['replay:step']);
  });

  it('rejects a plan that calls another tool than was recorded (replay:step)', async () => {
    const calls = recorded();
    calls[0]!.tool = 'fmp_get_profile';
    expect(await codes({ recorded: calls })).toContain('replay:step');
  });

  it('rejects an answer that leaves out a must_include value (replay:coverage)', async () => {
    const problems = (await replaySample(input({ finalText: 'NVDA moved -0.20% on the day.' }))).problems;
    expect(problems.map((problem) => problem.code)).toEqual(['replay:coverage', 'replay:grounding']);
    expect(problems[0]!.message).toContain('price');
  });

  it('rejects an answer that writes a grounded_from value where the matcher cannot find it (replay:grounding)', async () => {
    // "down 0.20%" drops the sign the matcher looks for.
    expect(await codes({ finalText: 'NVDA last traded at 181.5, down 0.20% on the day.' })).toEqual(['replay:grounding']);
  });

  it('scores a grounded_from key the replayed state never set as a miss', async () => {
    expect(await codes({ requirements: { must_include: ['price'], grounded_from: ['price', 'volume'] } })).toEqual(['replay:grounding']);
  });
});
