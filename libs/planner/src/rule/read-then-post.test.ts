import { describe, expect, it } from 'vitest';
import { readPrompt } from './read-prompt.ts';

describe("a read of a channel's history, then a post elsewhere", () => {
  it('reads the history channel and posts to the channel after the verb', () => {
    const reading = readPrompt('Skim the recent history in #research for anything on AMD, then post a short note to #alerts.');
    expect(reading.facets.has('slack-read')).toBe(true);
    expect(reading.facets.has('slack')).toBe(true);
    expect(reading.slackChannel).toBe('#research');
    expect(reading.slackPostChannel).toBe('#alerts');
  });
});

describe('people named in a prompt', () => {
  it('are not company candidates', async () => {
    const { nameCandidates } = await import('./entity-candidates.ts');
    expect(nameCandidates('My client Margaret keeps asking about Costco and Walmart.')).toEqual(['Costco', 'Walmart']);
  });
});
