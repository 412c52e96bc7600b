import { describe, expect, it } from 'vitest';
import { formatLabel, readAnswerForm, readWordLimit } from './read-answer-form.ts';

describe('readWordLimit', () => {
  it('reads limits in the ways people write them', () => {
    expect(readWordLimit('In under 50 words, how is Micron doing?')).toBe(49);
    expect(readWordLimit('answer in no more than 40 words')).toBe(40);
    expect(readWordLimit('rank them, max 60 words')).toBe(60);
    expect(readWordLimit('In 25 words or less, how did DIA do?')).toBe(25);
    expect(readWordLimit('keep it within thirty words')).toBe(30);
    expect(readWordLimit('How did Apple do today?')).toBeUndefined();
  });
});

describe('readAnswerForm', () => {
  it('reads counts of bullets and sentences', () => {
    expect(readAnswerForm('Summarise in three bullets.')).toEqual({ format: 'bullets', parts: 3 });
    expect(readAnswerForm('Give me 4 bullet points on Tesla')).toEqual({ format: 'bullets', parts: 4 });
    expect(readAnswerForm('Tell me about Exxon in two sentences.')).toEqual({ format: 'short paragraph', parts: 2 });
    expect(readAnswerForm('In one sentence, what does Intel do?')).toEqual({ format: 'one sentence' });
  });

  it('writes the form into the plan format the composer reads back', () => {
    expect(formatLabel(readAnswerForm('three bullets, under 61 words'))).toBe('bullets (3 bullets, <= 60 words)');
    expect(formatLabel(readAnswerForm('How is Apple doing?'))).toBe('short paragraph');
  });
});
