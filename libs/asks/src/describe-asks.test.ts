import { describe, expect, it } from 'vitest';
import { describeAsks, readAsks } from '@forge/asks';

describe('describeAsks', () => {
  it('tells a model the form and each ask in plain words', () => {
    const lines = describeAsks(readAsks("NVDA or AMD: which moved more over the last 5 sessions? 3 bullets. Post 'done' to #research."));
    expect(lines[0]).toBe('form: exactly 3 bullets ("- " lines)');
    expect(lines).toContain('name first the one with the highest return in absolute terms, with the figure that decided it');
    expect(lines.some((line) => line.startsWith('compute the return over exactly the last 5 sessions'))).toBe(true);
    expect(lines).toContain('post to #research the text "done" (the branch the facts select)');
  });

  it('forbids posting when the prompt does', () => {
    expect(describeAsks(readAsks('Read #alerts, do not post.'))).toContain('never post to Slack (the prompt forbids it)');
  });
});
