import type { Reference } from './reference.ts';
import type { GroundingReport } from './grounding-report.ts';

/** A number as written in an answer: its value, how many decimals it shows, and its scale word. */
interface WrittenNumber {
  text: string;
  value: number;
  decimals: number;
  scale: number;
  percent: boolean;
}

const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, b: 1e9, bn: 1e9, trillion: 1e12, t: 1e12, tn: 1e12,
};

// Digits with optional thousands separators and decimals, then an optional percent sign or scale word.
const NUMBER = /(?<![\w.])-?\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(%|percent\b|trillion\b|billion\b|million\b|thousand\b|tn\b|bn\b|mn\b|[TBMK]\b))?/gi;

/** Every number written in a text, with the precision it was written at. */
export function numbersIn(text: string): WrittenNumber[] {
  const found: WrittenNumber[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const [whole, integer, fraction = '', suffix = ''] = match;
    const negative = whole.trimStart().startsWith('-');
    const value = Number(`${integer.replace(/,/g, '')}.${fraction || '0'}`) * (negative ? -1 : 1);
    const word = suffix.toLowerCase();
    found.push({
      text: whole.trim(),
      value,
      decimals: fraction.length,
      scale: SCALES[word] ?? 1,
      percent: word === '%' || word === 'percent',
    });
  }
  return found;
}

/** Numbers held by facts: numeric values, and the digit runs inside text facts (dates, titles, URLs). */
interface FactNumbers {
  values: number[];
  tokens: Set<string>;
  texts: string[];
}

function factNumbers(facts: unknown): FactNumbers {
  const values: number[] = [];
  const tokens = new Set<string>();
  const texts: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) values.push(value);
    else if (typeof value === 'string') texts.push(value);
    if (typeof value === 'string') for (const token of value.match(/\d+(?:[.,]\d+)*/g) ?? []) tokens.add(String(Number(token.replace(/,/g, ''))));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(facts);
  return { values, tokens, texts };
}

function matchesValue(written: WrittenNumber, fact: number): boolean {
  // Half a unit in the last written place, at the written scale: "1.23" stands for [1.225, 1.235].
  const tolerance = 0.5 * 10 ** -written.decimals * written.scale * (1 + 1e-9) + 1e-12;
  const shown = Math.abs(written.value * written.scale);
  const candidates = [Math.abs(fact)];
  // A fraction may be written as a percent (0.0123 → 1.23%); changesPercentage is already a percent.
  if (written.percent) candidates.push(Math.abs(fact * 100));
  return candidates.some((candidate) => Math.abs(candidate - shown) <= tolerance);
}

function isGrounded(written: WrittenNumber, facts: FactNumbers): boolean {
  if (facts.values.some((fact) => matchesValue(written, fact))) return true;
  // Quoted verbatim from a text fact, e.g. "3%" inside a headline.
  if (facts.texts.some((text) => text.includes(written.text))) return true;
  if (written.scale !== 1 || written.percent) return false;
  return facts.tokens.has(String(Math.abs(written.value)));
}

function mentions(answer: string, value: unknown, answerNumbers: WrittenNumber[]): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return true;
  if (typeof value === 'number') return answerNumbers.some((written) => matchesValue(written, value));
  if (typeof value === 'string') {
    const needle = value.length > 120 ? value.slice(0, 40) : value;
    return answer.toLowerCase().includes(needle.trim().toLowerCase());
  }
  // An empty list ("no regulatory news in the window") has nothing to state; the environment's matcher finds it too.
  if (Array.isArray(value) && value.length === 0) return true;
  const items = Array.isArray(value) ? value : Object.values(value as object);
  return items.length > 0 && items.some((item) => mentions(answer, item, answerNumbers));
}

// Dates and clock times ("2026-11-25T16:30:00-05:00", "09:30"): their pieces state no measured value.
const DATE_OR_TIME = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}(?::\d{2})?\b/g;

const QUOTED_OR_LINKED = /https?:\/\/\S+|“[^”]*”|"[^"]*"/g;

// The name of a period ("its 52-week high") states no measured value.
const PERIOD_NAME = /\b52[- ]weeks?\b/gi;

/**
 * Checks that every number in the answer comes from a fact (allowing the rounding it was written at, scale words
 * and the percent/fraction forms) and that every must_include fact is stated.
 */
export function checkGrounding(reference: Pick<Reference, 'answer_text' | 'facts'>, mustInclude: readonly string[] = []): GroundingReport {
  const facts = factNumbers(reference.facts);
  const written = numbersIn(reference.answer_text.replace(PERIOD_NAME, ' '));
  const ungrounded = written.filter((number) => !isGrounded(number, facts)).map(({ text, value }) => ({ text, value }));
  // A required value counts as stated only by a number written as a value: not a piece of a date or time, a URL
  // or a quoted headline ("jumps-4-10" in a link would otherwise pass for a 4.39% return).
  const values = numbersIn(reference.answer_text.replace(QUOTED_OR_LINKED, ' ').replace(DATE_OR_TIME, ' '));
  const missing = mustInclude.filter((key) => !mentions(reference.answer_text, reference.facts[key], values));
  return { ok: ungrounded.length === 0 && missing.length === 0, ungrounded, missing };
}
