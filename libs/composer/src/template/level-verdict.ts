import { count, money, type FactReader } from './fact-reader.ts';
import type { Subject } from './entity-clauses.ts';

const peek = (facts: FactReader, key: string) => facts.peek((reader) => reader.number(key));

const ABOVE = /^(?:above|over|higher than|more than|at least|greater than)$/;
const MULTIPLES: Record<string, number> = { twice: 2, double: 2, triple: 3, thrice: 3 };

/**
 * A claim about a level the tools state directly: a price against a threshold ("closed above $420") or the session's
 * volume against a multiple of its average ("volume more than twice its 50-session average"). Undefined when the claim
 * names neither or the facts lack the figure.
 */
export function levelVerdict(claim: string, facts: FactReader, about: Subject): string | undefined {
  return priceVerdict(claim, facts, about) ?? volumeVerdict(claim, facts, about);
}

function priceVerdict(claim: string, facts: FactReader, about: Subject): string | undefined {
  const match = /\b(?:closed|close|closing|trad(?:ed|es|ing)|finish(?:ed)?|end(?:ed)?|settled?|(?:is|was) (?:priced|trading)|sits?|sat)\s+(?:at\s+)?(above|over|below|under|higher than|lower than|more than|less than|at least)\s+\$\s?(\d[\d,]*(?:\.\d+)?)/.exec(claim);
  if (!match) return undefined;
  const key = `${about.slug}_price`;
  const price = peek(facts, key);
  if (price === undefined) return undefined;
  const level = Number(match[2]!.replace(/,/g, ''));
  const above = ABOVE.test(match[1]!);
  const holds = above ? price > level : price < level;
  // The claimed level is the claimant's figure, not a tool's: it is not written back as a number.
  return `${holds ? 'Supported' : 'Contradicted'}: ${about.symbol} closed at ${money(facts.number(key)!)}, ${price > level ? 'above' : price < level ? 'below' : 'exactly at'} the claimed level`;
}

function volumeVerdict(claim: string, facts: FactReader, about: Subject): string | undefined {
  const match = /\bvolume\b[^;]*?\b(more than|over|above|at least|less than|below|under|fewer than)\s+(twice|double|triple|thrice|(\d+(?:\.\d+)?)\s*(?:x|times))\b[^;]*?\baverage\b/.exec(claim);
  if (!match) return undefined;
  const [volumeKey, averageKey] = [`${about.slug}_volume`, `${about.slug}_avg_volume`];
  const [volume, average] = [peek(facts, volumeKey), peek(facts, averageKey)];
  if (volume === undefined || average === undefined || average <= 0) return undefined;
  const multiple = MULTIPLES[match[2]!] ?? Number(match[3]);
  const ratio = volume / average;
  const above = ABOVE.test(match[1]!);
  const holds = above ? ratio > multiple : ratio < multiple;
  const relation = ratio > multiple ? 'more than' : ratio < multiple ? 'less than' : 'exactly';
  const times = MULTIPLES[match[2]!] ? match[2]! : 'the claimed multiple of';
  return `${holds ? 'Supported' : 'Contradicted'}: ${about.symbol} traded ${count(facts.number(volumeKey)!)} shares against an average of ${count(facts.number(averageKey)!)}, ${relation} ${times} the average`;
}
