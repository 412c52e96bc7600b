/**
 * Conditions written as code by quant-minded analysts: "cond: if abs(SMCI pct_1d) > 5 -> post …",
 * "if SPY ret_5d < -2 OR QQQ ret_5d < -2 -> …", "if NVDA ret_10d < SPY ret_10d - 3pp -> …". A small reader of that
 * notation (a term is a ticker and a metric, optionally inside abs(), against a number or another ticker's metric);
 * the rest of the plan judges it like any other condition.
 */

/** What a metric of the notation measures: the session's % change, or the return over the prompt's window. */
export type CodedMetric = 'day' | 'window';

export interface CodedTerm {
  symbol: string;
  metric: CodedMetric;
  abs: boolean;
  direction: 'above' | 'below';
  /** A number the metric is held to, or another name's same metric plus an offset in points. */
  bound: { value: number } | { symbol: string; offset: number };
}

export interface CodedCondition {
  terms: CodedTerm[];
  join: 'any' | 'all';
}

const METRIC = String.raw`(pct_1d|chg_1d|ret_1d|move_1d|ret_\d+d?|pct_\d+d|chg_\d+d|return_\d+d?)`;
const SIDE = String.raw`(abs\(\s*)?\$?([A-Za-z]{1,5}(?:\.[A-Za-z])?)\s+${METRIC}\s*\)?`;
const TERM = new RegExp(String.raw`${SIDE}\s*(>=|<=|>|<)\s*(?:(-?\d+(?:\.\d+)?)\s*(?:%|pp|pts?)?(?![\w(])|\$?([A-Za-z]{1,5}(?:\.[A-Za-z])?)\s+${METRIC}(?:\s*([+-])\s*(\d+(?:\.\d+)?)\s*(?:%|pp|pts?)?)?)`, 'i');

const metricOf = (name: string): CodedMetric => (/_1d$/i.test(name) ? 'day' : 'window');

function readTerm(part: string): CodedTerm | undefined {
  const match = TERM.exec(part);
  if (!match) return undefined;
  const [, abs, symbol, metric, op, number, other, otherMetric, sign, offset] = match;
  const direction = op!.startsWith('>') ? 'above' : 'below';
  const bound = number !== undefined
    ? { value: Number(number) }
    : metricOf(otherMetric!) === metricOf(metric!) ? { symbol: other!.toUpperCase(), offset: offset ? Number(offset) * (sign === '-' ? -1 : 1) : 0 } : undefined;
  if (!bound) return undefined;
  return { symbol: symbol!.toUpperCase(), metric: metricOf(metric!), abs: abs !== undefined, direction, bound };
}

/** The coded condition of the prompt's "if … ->" (or "if … then"), when every term reads; undefined otherwise. */
export function readCodedCondition(text: string): CodedCondition | undefined {
  const clause = /\bif\s+(.+?)\s*(?:->|→|=>|\bthen\b|:\s*(?:post|send))/i.exec(text)?.[1];
  if (!clause || !TERM.test(clause)) return undefined;
  const parts = clause.split(/\s+(or|and|\|\||&&)\s+/i);
  const terms = parts.filter((_part, index) => index % 2 === 0).map(readTerm);
  const joins = parts.filter((_part, index) => index % 2 === 1).map((join) => (/^(?:or|\|\|)$/i.test(join) ? 'any' : 'all'));
  if (terms.some((term) => term === undefined) || new Set(joins).size > 1) return undefined;
  return { terms: terms as CodedTerm[], join: (joins[0] as 'any' | 'all' | undefined) ?? 'all' };
}
