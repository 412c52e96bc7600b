import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAsks, type Ask } from '@forge/asks';

// The blind catalogs (data/inputs/asks-holdout/) were written by someone who had not read this reader, each entry with
// the asks its author expects. The reader must agree on the ask kinds, the form, the list count and the window.
interface Entry {
  id: string;
  user_prompt: string;
  expect: { asks: string[]; form?: Record<string, unknown>; list_count?: number; per_entity?: boolean; window?: { sessions?: number; hours?: number } };
}

const KIND: Record<Ask['kind'], string> = {
  fact: 'fact', list: 'list', ranking: 'ranking', pick: 'pick', window: 'window_stat', benchmark: 'benchmark', verdict: 'verdict', stance: 'stance',
  'slack-post': 'slack_post', 'slack-read': 'slack_read', conditional: 'conditional',
};

const entries: Entry[] = ['voice-a', 'voice-b', 'voice-c'].flatMap((voice) =>
  JSON.parse(readFileSync(new URL(`../../../data/inputs/asks-holdout/${voice}.json`, import.meta.url), 'utf8')) as Entry[]);

function disagreements(entry: Entry): string[] {
  const read = readAsks(entry.user_prompt);
  const kinds = new Set(read.asks.map((ask) => KIND[ask.kind]));
  const wanted = new Set(entry.expect.asks.filter((kind) => kind !== 'fact'));
  const out = [...wanted].filter((kind) => !kinds.has(kind)).map((kind) => `missing ${kind}`);
  const f = entry.expect.form ?? {};
  const form = f.bullets ? ['bullets', f.bullets] : f.sentences ? ['sentences', f.sentences] : f.paragraphs ? ['paragraphs', f.paragraphs] : f.table ? ['table'] : f.one_sentence ? ['one_sentence'] : ['free'];
  const got = read.form.count && read.form.layout !== 'one_sentence' ? [read.form.layout, read.form.count] : [read.form.layout];
  if (JSON.stringify(form) !== JSON.stringify(got)) out.push(`form ${JSON.stringify(got)} for ${JSON.stringify(form)}`);
  const words = f.words as [number, number] | undefined;
  if (words && !(read.form.words && read.form.words.max >= words[1] - 1 && read.form.words.max <= words[1] && read.form.words.min === words[0])) out.push(`words ${JSON.stringify(read.form.words)} for ${words}`);
  const list = read.asks.find((ask) => ask.kind === 'list');
  if (entry.expect.list_count && !(list && list.count === entry.expect.list_count && list.per_entity === Boolean(entry.expect.per_entity))) out.push(`list ${JSON.stringify(list)}`);
  const window = read.asks.find((ask) => ask.kind === 'window');
  const span = entry.expect.window?.sessions ?? entry.expect.window?.hours;
  if (span && window?.window.count !== span) out.push(`window ${JSON.stringify(window)}`);
  return out;
}

describe('readAsks on the blind catalogs', () => {
  it('has the three voices', () => expect(entries.length).toBeGreaterThanOrEqual(50));

  it('misses no asked kind, form, count or window on at least 95% of the entries', () => {
    const found = entries.map((entry) => ({ id: entry.id, misses: disagreements(entry) })).filter((entry) => entry.misses.length > 0);
    // B08 ("summarise any ticker calls") lists without a count, which the reader does not treat as a list ask.
    expect(found.length, JSON.stringify(found, null, 1)).toBeLessThanOrEqual(Math.floor(entries.length * 0.05));
  });
});
