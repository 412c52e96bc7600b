import { countInWords, type Asks } from '@forge/asks';
import type { FactReader } from './fact-reader.ts';
import type { Subject } from './entity-clauses.ts';
import { publisherNames } from './news-clauses.ts';


const SERIES = ['w_closes', 'trend_closes', 'closes', 'w_times', 'bar_times', 'sessions'];

/**
 * Names the asked window ("the figures cover the last twenty sessions") when the trace holds a series of exactly that
 * many bars (or one more, the close before the window) for an asked subject; never claims a window the data lacks.
 */
export function windowClause(asks: Asks | undefined, facts: FactReader, subjects: Subject[]): string | undefined {
  const window = asks?.asks.find((ask) => ask.kind === 'window')?.window;
  if (!window) return undefined;
  const covered = subjects.some((subject) => SERIES.some((series) => {
    const length = peekLength(facts, `${subject.slug}_${series}`);
    return length === window.count || length === window.count + 1;
  }));
  if (!covered) return undefined;
  // A count written in digits ("the last 30 sessions") is a figure: the window step's session count grounds it.
  const stated = subjects.map((subject) => `${subject.slug}_sessions`).find((key) => facts.peek((reader) => reader.number(key)) === window.count);
  if (stated) facts.number(stated);
  const count = countInWords(window.count);
  if (window.unit === 'hours') return `The window is the last ${count} hourly bars (${count} ${window.count === 1 ? 'hour' : 'hours'})`;
  return `The window is the last ${count} ${window.count === 1 ? 'session' : 'sessions'}`;
}

const peekLength = (facts: FactReader, key: string) => facts.peek((reader) => reader.list(key))?.length;

/**
 * N headlines per subject with their links, when the prompt asked for more than one and the trace holds the list
 * (the plan fetched more than it summarised).
 */
export function headlinesClause(asks: Asks | undefined, facts: FactReader, subject: Subject): string | undefined {
  const list = asks?.asks.find((ask) => ask.kind === 'list' && ask.of === 'headlines');
  if (!list || list.kind !== 'list' || list.count < 2) return undefined;
  const titles = peekList(facts, `${subject.slug}_titles`) as string[] | undefined;
  const urls = peekList(facts, `${subject.slug}_urls`) as string[] | undefined;
  if (!titles || titles.length < list.count) return undefined;
  facts.list(`${subject.slug}_titles`);
  if (urls) facts.list(`${subject.slug}_urls`);
  const publishers = publisherNames(facts, `${subject.slug}_publishers`);
  const sentiments = peekList(facts, `${subject.slug}_sentiments`) as string[] | undefined;
  if (sentiments) facts.list(`${subject.slug}_sentiments`);
  const dates = peekList(facts, `${subject.slug}_published`) as string[] | undefined;
  if (dates) facts.list(`${subject.slug}_published`);
  const items = titles.slice(0, list.count).map((title, index) => {
    const notes = [dates?.[index]?.slice(0, 10), publishers?.[index], sentiments?.[index] ? `${sentiments[index]} sentiment` : undefined, urls?.[index]].filter(Boolean);
    return `“${title}”${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  return `The ${countInWords(list.count)} latest ${subject.symbol} headlines: ${items.join('; ')}`;
}

const peekList = (facts: FactReader, key: string) => facts.peek((reader) => reader.list(key));
