import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import type { PromptReading } from './read-prompt.ts';
import { WINDOW_CODE } from './window-code.ts';
import { DAILY_STDEV, MOVE_Z } from './require-facts.ts';
import { readAsks } from '@forge/asks';

/**
 * A bar window the question names: daily bars between calendar dates ("on 2026-11-20", "the week of Nov 16"),
 * the hourly bars of the latest session, or statistics of the last n sessions' closes (lowest close, z-score).
 */
export interface BarWindow {
  kind: 'dates' | 'hourly' | 'last';
  from: string;
  to: string;
  /** Hourly bars asked for by count ("the past 6 hours"): the statistics use exactly the last that many bars. */
  hours?: number;
  /** "Sessions from 2 Nov through 25 Nov inclusive … the return from the 2 Nov close": the return from the first session's close. */
  fromFirstClose?: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;

const isoPlus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`;
const DAY_FIRST = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH}(?:,?\s+(20\d\d))?\b`, 'gi');
const MONTH_FIRST = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|sessions|days))(?:,?\s+(20\d\d))?`, 'gi');

/** A calendar date written in the prompt, where it was written. */
interface DateMention { date: string; index: number; end: number }

/**
 * Calendar dates written in the prompt, in order of appearance: ISO, month-first ("Nov 16") and, when asked,
 * day-first ("27 Nov 2026"); the latest session's year where none is written.
 */
function dateMentions(text: string, year: string, dayFirst = false): DateMention[] {
  const found: DateMention[] = [];
  const add = (match: RegExpMatchArray, y: string | undefined, month: string, day: string) => {
    const m = MONTHS.indexOf(month.toLowerCase().slice(0, 3)) + 1;
    const d = Number(day);
    const date = `${y ?? year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    // "2 November" inside "25 November" is read once, by the longer match.
    if (m >= 1 && d >= 1 && d <= 31 && !found.some((other) => other.index <= match.index! && match.index! < other.end)) found.push({ date, index: match.index!, end: match.index! + match[0].length });
  };
  for (const match of text.matchAll(/\b(20\d\d)-(\d\d)-(\d\d)\b/g)) found.push({ date: match[0], index: match.index, end: match.index + match[0].length });
  for (const match of text.matchAll(MONTH_FIRST)) add(match, match[3], match[1]!, match[2]!);
  // "Hourly bars on META for 11/24", "from 11/2 to 11/20": US numeric dates after a word that places them in time.
  for (const match of text.matchAll(/(?<=\b(?:on|for|from|to|since|through|thru|until|till|between|and|as of)\s+|(?:->|-|–)\s*)(1[0-2]|0?[1-9])\/(3[01]|[12]\d|0?[1-9])(?:\/(20\d\d))?\b(?!\s*of\b)/gi)) {
    add(match, match[3], MONTHS[Number(match[1]) - 1]!, match[2]!);
  }
  if (dayFirst) for (const match of text.matchAll(DAY_FIRST)) add(match, match[3], match[2]!, match[1]!);
  return found.sort((a, b) => a.index - b.index);
}

function calendarDates(text: string, year: string, dayFirst = false): string[] {
  return dateMentions(text, year, dayFirst).map((mention) => mention.date);
}

/** "From the close of Nov 11", "Oct 1 close to Oct 30 close": the window is measured from that day's close. */
function fromItsClose(text: string, mention: DateMention): boolean {
  return /\bclos(?:e|ing)(?: price)?(?: (?:of|on))?\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, mention.index - 30), mention.index))
    || /^(?:['’]s)?\s+clos(?:e|ing)\b/i.test(text.slice(mention.end));
}

/**
 * Calendar dates the prompt names after the latest session ("Friday 27 Nov 2026", "Nov 30", "2026-12-01"): sessions
 * the tools cannot have.
 */
export function futureDates(text: string, latest: string): string[] {
  return [...new Set(calendarDates(text, latest.slice(0, 4), true))].filter((date) => date > latest).sort();
}

// "since the Sep 1 close", "from 30 Oct", "to date": a date that opens a window running to the latest session ("from
// strongest to weakest" opens none).
const SINCE_DATE = /\b(?:since|from)\b[^.?!]{0,20}\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|20\d\d-)|\bto date\b|\buntil (?:today|now)\b/i;

const HOURLY = /hourly|hour(?:ly)? bars|by (?:the )?hour|each hour|which hour|the hour\b|(?:first|last|opening|closing) (?:trading )?hour|intraday bars/i;
// "The mean of daily % changes" is a statistic of the changes (bar-stats), not of the closes.
const MOVE_Z_WORDS = new RegExp(MOVE_Z.source, 'gi');
const CLOSE_STATS = /(?:lowest|highest|minimum|maximum) clos|z-?score|\bmean\b(?! (?:of )?(?:the )?(?:daily|session|day-to-day))/i;

/** Hourly bars per regular session (09:00 to 15:00 ET). */
const HOURS_PER_SESSION = 7;

/** The hours a question asks for ("last 6h", "the past eight hours"), when it names them. */
export function askedHours(text: string): number | undefined {
  const window = readAsks(text).asks.find((ask) => ask.kind === 'window');
  return window?.kind === 'window' && window.window.unit === 'hours' ? window.window.count : undefined;
}

export function readBarWindow(reading: PromptReading, latest: string): BarWindow | undefined {
  const text = reading.rawText;
  const hours = askedHours(text);
  if (hours !== undefined) {
    // Calendar days that hold the asked bars and the one before them, weekends and holidays included.
    const sessions = Math.ceil((hours + 1) / HOURS_PER_SESSION);
    return { kind: 'hourly', from: isoPlus(latest, -Math.ceil(sessions * 1.6 + 4)), to: latest, hours };
  }
  if (HOURLY.test(text)) {
    // "Hourly bars on META for 11/24": the one session the prompt dates, else the latest.
    const days = [...new Set(dateMentions(text, latest.slice(0, 4), true).map((mention) => mention.date).filter((date) => date <= latest))];
    const day = days.length === 1 ? days[0]! : latest;
    return { kind: 'hourly', from: day, to: day };
  }
  // "ytd % off the last 2025 close", "year-to-date": the year's sessions, measured against the last close before it.
  if (/\bytd\b|\byear[- ]to[- ]date\b|\bsince the (?:start|beginning) of the year\b/i.test(text)) return { kind: 'dates', from: `${latest.slice(0, 4)}-01-01`, to: latest };
  const mentions = dateMentions(text, latest.slice(0, 4), true).filter((mention) => mention.date <= latest);
  // "The ten-session change to 25th November", "five sessions since the 18th November close": a window the prompt
  // counts in sessions is that count, its dates only saying where it starts or ends.
  const counted = reading.asks.some((ask) => ask.kind === 'window' && ask.window.unit === 'sessions');
  const dates = counted ? [] : mentions.map((mention) => mention.date);
  // "session=as_of (2026-11-25)", "on Wednesday 25 November": the latest session alone is today's quote, not a window.
  const onlyLatest = dates.length > 0 && dates.every((date) => date === latest) && !SINCE_DATE.test(text);
  if (dates.length > 0 && !onlyLatest) {
    const sorted = [...dates].sort();
    // "since the Sep 1 close", "from Oct 30 to date": one date opens a window that runs to the latest session.
    const toDate = sorted.length === 1 && SINCE_DATE.test(text);
    const to = toDate ? latest : /week of/i.test(text) && sorted.length === 1 ? isoPlus(sorted[0], 6) : sorted[sorted.length - 1];
    // Measured from the first day's close, the window's sessions are the ones after it.
    // ("the trading sessions from 2026-11-02 through 2026-11-25 inclusive" holds the first day's session itself.)
    const inclusive = /\binclusive\b|\bboth (?:days|dates|ends) included\b|\bsessions (?:from|between) /i.test(text);
    const fromClose = (sorted.length > 1 || toDate) && mentions.some((mention) => mention.date === sorted[0] && fromItsClose(text, mention));
    const anchored = !inclusive && fromClose;
    return { kind: 'dates', from: anchored ? isoPlus(sorted[0], 1) : sorted[0], to: to > latest ? latest : to, ...(inclusive && fromClose ? { fromFirstClose: true } : {}) };
  }
  // A z-score of the day's move is a statistic of the daily changes (bar-stats), not of the closes.
  if (reading.sessions !== undefined && CLOSE_STATS.test(text.replace(MOVE_Z_WORDS, ' '))) return { kind: 'last', from: '', to: latest };
  return undefined;
}

/** A dated window answers from its own bars: today's quote, trend and year range stay out unless asked for. */
export function narrowFacets(reading: PromptReading, window: BarWindow): void {
  const f = reading.facets;
  const today = /today|right now|\bnow\b|current|latest (?:price|quote)/i.test(reading.rawText);
  if (window.kind === 'last') return;
  // "Is it trending over the past 6 hours": the trend is the hourly window's own, not a daily one.
  if (window.kind === 'hourly' && window.hours !== undefined && reading.sessions === undefined) {
    for (const facet of ['trend', 'bar-stats', 'moving-average'] as const) f.delete(facet);
  }
  if (window.kind === 'dates') for (const facet of ['trend', 'bar-stats', 'moving-average'] as const) f.delete(facet);
  if (!today) for (const facet of ['price', 'move', 'session-bar'] as const) f.delete(facet);
  // "Their average daily volume over those sessions" is the window's own; the quote's volume only when today's is asked.
  if (!today && window.kind === 'dates' && window.from < window.to) for (const facet of ['volume', 'volume-vs-average'] as const) f.delete(facet);
  if (!/52|year|annual|12-month/i.test(reading.rawText)) f.delete('range');
  if (window.kind === 'hourly' && !/average volume/i.test(reading.rawText)) f.delete('volume');
}

const ref = (name: string) => `\${${name}}`;

/**
 * polygon_get_aggs over the window (daily bars start ten days early for the close before it), then the statistics.
 * Hourly bars are fetched under their own keys; the python step keeps the asked bars and returns them as the
 * window's series (`<slug>_w_closes` holds exactly the bars the statistics use).
 */
export function addWindowSteps(plan: PlanBuilder, entity: EntityRef, window: BarWindow, range: { from: string; to: string }, sessions: number): void {
  const s = entity.slug;
  const hourly = window.kind === 'hourly';
  const from = window.kind === 'dates' ? isoPlus(window.from, -10) : window.kind === 'last' ? range.from : window.from;
  const series = hourly ? `${s}_hourly` : `${s}_w`;
  const fields = [['times', 't'], ['opens', 'o'], ['highs', 'h'], ['lows', 'l'], ['closes', 'c'], ['volumes', 'v']] as const;
  plan.add('polygon', 'polygon_get_aggs', { ticker: entity.param, from, to: window.to, timespan: hourly ? 'hour' : 'day', multiplier: 1 }, {
    extract: fields.map(([name, field]) => `${series}_${name} = results[][${field}]`),
    // Fewer bars than the hours asked for fail here, saying so, rather than answering over a shorter window.
    accept_if: [`len(${series}_closes) >= ${window.kind === 'last' ? sessions : window.hours ?? 1}`],
  });
  const keys = hourly
    ? ['n', 'hours', 'day_volume', 'session_date', 'top_volume_hour', 'top_volume', 'widest_hour', 'widest_range', 'first_hour', 'first_hour_open', 'first_hour_close', 'first_hour_pct', 'last_hour', 'last_hour_volume', 'last_hour_share',
      ...fields.map(([name]) => name),
      ...(window.hours !== undefined ? ['first_date', 'last_date', 'first_open', 'last_close', 'prev_close', 'pct_change', 'open_to_close_pct', 'high', 'low', 'range', 'range_position_pct', 'up_bars', 'down_bars', 'trend'] : [])]
    : ['n', 'first_date', 'last_date', 'first_open', 'last_close', 'prev_close', 'pct_change', 'open_to_close_pct', 'high', 'low', 'range', 'avg_close', 'std_close', 'zscore',
      'min_close', 'min_close_date', 'max_close', 'max_close_date', 'up_days', 'down_days', 'best_day_pct', 'best_day_date', 'worst_day_pct', 'worst_day_date', 'price_vs_avg_pct', 'price_vs_min_pct',
      'prev_date', 'avg_volume', 'close_range', 'mean_daily_pct', 'stdev_daily_pct', ...(window.fromFirstClose ? ['first_close', 'first_close_pct'] : [])];
  const inputs = {
    ...Object.fromEntries(fields.map(([name]) => [name, ref(`${series}_${name}`)])),
    kind: window.kind, start: window.from, n: String(sessions), hours_asked: String(window.hours ?? 0),
    price: plan.groundedFrom.includes(`${s}_price`) ? ref(`${s}_price`) : 'None',
  };
  // A dated window is the period of the question: its figures also go under the keys a counted window's trend uses
  // (the return, sessions, average daily volume, daily % change statistics), so rankings, excess returns, tables
  // and stance rules read them alike.
  const period = window.kind === 'dates' && window.from < window.to
    ? [['return_n', window.fromFirstClose ? 'first_close_pct' : 'pct_change'], ['sessions', 'n'], ['avg_daily_volume', 'avg_volume'], ['stdev_daily_pct', 'stdev_daily_pct'], ['mean_daily_pct', 'mean_daily_pct']].map(([name, key]) => `${s}_${name} = result.${key}`)
    : [];
  plan.add('python', 'execute_python', { code: WINDOW_CODE, inputs }, {
    extract: [...keys.map((key) => `${s}_w_${key} = result.${key}`), ...period],
    accept_if: hourly
      ? [window.hours !== undefined ? `${s}_w_n == ${window.hours}` : `${s}_w_n >= 1`, `${s}_w_day_volume > 0`]
      : [`${s}_w_n >= 1`, `${s}_w_last_close > 0`],
  });
}

/** The window facts the question asks for, read from its wording. */
export function requireWindowFacts(plan: PlanBuilder, s: string, text: string, window: BarWindow): void {
  const t = text.toLowerCase();
  const need = (...keys: string[]) => plan.require(...keys.map((key) => `${s}_w_${key}`));
  if (window.fromFirstClose) need('first_close_pct');
  if (window.kind === 'hourly') {
    const before = plan.mustInclude.length;
    // k hours asked: the window's change, range and where the last bar closed in it, over exactly those bars.
    if (window.hours !== undefined) {
      need('first_date', 'last_date', 'last_close', 'pct_change', 'high', 'low', 'range');
      if (/\bopen/.test(t)) need('first_open');
    }
    if (/most volume|highest volume|busiest|heaviest/.test(t)) need('top_volume_hour', 'top_volume');
    // With k hours asked, "range" is the window's own; the widest single hour only when asked of the hours.
    if (/range|high-low|high minus low/.test(t) && (window.hours === undefined || /widest|which hour|each hour/.test(t))) need('widest_hour', 'widest_range');
    if (/(?:first|opening) (?:trading )?hour/.test(t)) need('first_hour', 'first_hour_open', 'first_hour_close', 'first_hour_pct');
    if (/(?:last|closing) (?:trading )?hour/.test(t)) need('last_hour', 'last_hour_volume', 'last_hour_share');
    if (plan.mustInclude.length === before && window.hours === undefined) need('top_volume_hour', 'top_volume', 'widest_hour', 'widest_range');
    return;
  }
  const single = window.kind === 'dates' && window.from === window.to;
  need('last_close', 'last_date');
  if (window.kind === 'dates') need('first_date');
  if (single) {
    need('pct_change');
    if (/open/.test(t)) need('first_open');
    if (/range|high|low/.test(t)) need('high', 'low', 'range');
    return;
  }
  if (/open/.test(t)) need('first_open');
  if (/percent|%|change|return|how did|perform|\bfared\b|\bbeat\b/.test(t) && window.kind === 'dates') need(window.fromFirstClose ? 'first_close_pct' : 'pct_change', 'n');
  const averageVolume = /average (?:daily )?(?:trading )?volume|avg\.? (?:daily )?vol(?:ume)?|\badv\b|(?:shares|volume) traded (?:per|a|each) day|average number of shares(?: traded)?(?: per day| a day| each day)?/g;
  if (averageVolume.test(t)) need('avg_volume');
  const rest = t.replace(averageVolume, ' ');
  if (/range|high and low/.test(t)) need('high', 'low', 'range');
  if (/(?:gap|spread|difference|distance) between (?:its |the )?(?:highest|high) and (?:its |the )?(?:lowest|low) clos/.test(t)) need('close_range');
  if (/average|\bmean\b/.test(rest)) need('avg_close');
  if (/average|\bmean\b/.test(rest) && /compare|today|current|higher|lower/.test(rest) && plan.groundedFrom.includes(`${s}_price`)) need('price_vs_avg_pct');
  if (/how many|number of|count/.test(t) && /\bup\b|\bdown\b/.test(t)) need('up_days', 'down_days');
  if (/best (?:single )?(?:day|session)|biggest (?:gain|up day)/.test(t)) need('best_day_pct', 'best_day_date');
  if (/worst (?:single )?(?:day|session)|biggest (?:drop|loss|down day)/.test(t)) need('worst_day_pct', 'worst_day_date');
  if (/lowest|minimum/.test(t)) need('min_close', 'min_close_date');
  if (/highest|maximum/.test(t)) need('max_close', 'max_close_date');
  if (/lowest|minimum/.test(t) && /how far|percent|%/.test(t) && plan.groundedFrom.includes(`${s}_price`)) need('price_vs_min_pct');
  // "The standard deviation of daily percentage changes" is the changes', not the closes'.
  const dailyChanges = DAILY_STDEV.test(t);
  if (dailyChanges && window.kind === 'dates') need('stdev_daily_pct');
  if (/standard deviation|std/.test(t) && !dailyChanges) need('std_close');
  if (/z-?score/.test(t)) need('zscore', 'avg_close', 'std_close');
}
