import { windowInWords, type Ask } from '@forge/asks';
import { count, money, percent, signedPercent, type FactReader } from './fact-reader.ts';
import type { Subject } from './entity-clauses.ts';

export type StanceRule = NonNullable<Extract<Ask, { kind: 'stance' }>['rule']>;

/** One condition of a rule measured on a name: whether it holds and the facts that say so. */
interface Measured {
  holds: boolean;
  evidence: string;
}

const WINDOW_WORDS = /\bsessions?\b|\bdays?\b|\bweek\b|\bwk\b|\b\d+[- ]?d\b|\bwindow\b|\bperiod\b|\bsince\b/;

/** A name's excess return over the benchmark it was compared with (the window's, else the day's). */
export function excessOf(facts: FactReader, subject: Subject): { key: string; value: number } | undefined {
  for (const span of ['period', 'today']) {
    const key = facts.keys(new RegExp(`^${subject.slug}_vs_[a-z0-9_]+_excess_${span}$`))[0];
    const value = key ? facts.peek((reader) => reader.number(key)) : undefined;
    if (key && value !== undefined) return { key, value };
  }
  return undefined;
}

const compare = (value: number, op: string, bound: number) => (/^(?:>|above|over|more than|greater than)$/.test(op) ? value > bound : op === '>=' ? value >= bound : op === '<=' ? value <= bound : value < bound);

/** Measures one condition ("it has fallen more than 5% over the five sessions", "excess return > 0") on a name. */
function measure(part: string, facts: FactReader, subject: Subject, windowed: boolean): Measured | undefined {
  const s = subject.slug;
  const excess = /excess(?: return)?\s*(>=|<=|>|<|above|below|over|under)\s*(-?\d+(?:\.\d+)?)/.exec(part);
  if (excess) {
    const found = excessOf(facts, subject);
    if (!found) return undefined;
    const value = facts.number(found.key)!;
    return { holds: compare(value, excess[1]!, Number(excess[2])), evidence: `excess return ${signedPercent(value)} (percentage points)` };
  }
  const high = /\bwithin\s+(\d+(?:\.\d+)?)\s*%\s+of\s+(?:its|the)\s+(?:52[- ]week\s+|year(?:ly)?\s+)?high\b|\b(?:more than|over|at least)\s+(\d+(?:\.\d+)?)\s*%\s+(?:below|under|off)\s+(?:its|the)\s+(?:52[- ]week\s+|year(?:ly)?\s+)?high\b/.exec(part);
  if (high) {
    const below = facts.number(`${s}_pct_below_high`);
    if (below === undefined) return undefined;
    return { holds: high[1] !== undefined ? below <= Number(high[1]) : below > Number(high[2]), evidence: `${percent(below)} below its 52-week high` };
  }
  const low = /\bwithin\s+(\d+(?:\.\d+)?)\s*%\s+(?:above\s+|of\s+)(?:its|the)\s+(?:52[- ]week\s+|year(?:ly)?\s+)?low\b|\b(?:more than|over|at least)\s+(\d+(?:\.\d+)?)\s*%\s+above\s+(?:its|the)\s+(?:52[- ]week\s+|year(?:ly)?\s+)?low\b/.exec(part);
  if (low) {
    const above = facts.number(`${s}_pct_above_low`);
    if (above === undefined) return undefined;
    return { holds: low[1] !== undefined ? above <= Number(low[1]) : above > Number(low[2]), evidence: `${percent(above)} above its 52-week low` };
  }
  // "above the 200-session moving average", "below its 50-day average", "still above the 50-day", "under the 50dma"
  // (the window in words: a bare 50 is a number no tool returned).
  const average = /\b(above|over|below|under)\s+(?:its|the)\s+(50|200)(?:[- ]?(?:day|session|d)\b(?:[- ](?:simple[- ])?moving)?(?:[- ](?:average|avg|ma|sma)\b)?|\s?dma\b)/.exec(part);
  if (average) {
    const price = facts.number(`${s}_price`);
    const mean = facts.number(`${s}_avg${average[2]}`);
    if (price === undefined || mean === undefined) return undefined;
    const above = price > mean;
    // The gap in percent when the plan measured it ("distance from it in percent").
    const gapKey = `${s}_pct_vs_avg${average[2]}`;
    const gap = facts.peek((reader) => reader.number(gapKey)) !== undefined ? facts.number(gapKey)! : undefined;
    const words = `${windowInWords(Number(average[2]))}-day average of ${money(mean)}`;
    return { holds: /above|over/.test(average[1]!) ? above : !above, evidence: `price ${money(price)} ${gap !== undefined ? `${signedPercent(gap)} versus` : above ? 'above' : 'below'} its ${words}` };
  }
  const volume = /(?:above|over|more than|at least|>=?)\s*(\d+(?:\.\d+)?)\s*(?:x|×|times)\s+(?:its|the|their)?\s*(?:\d+[- ](?:session|day)\s+)?(?:average|avg|usual|typical|normal)(?: daily)? volume/.exec(part);
  if (volume) {
    const today = facts.number(`${s}_volume`);
    const average = facts.number(`${s}_avg_volume`);
    if (today === undefined || average === undefined || average <= 0) return undefined;
    return { holds: today > Number(volume[1]) * average, evidence: `volume ${count(today)} shares against an average of ${count(average)}` };
  }
  const moved = /\b(fallen|fell|dropped|declined|lost|down|risen|rose|gained|climbed|rallied|up)\s+(?:by\s+)?(?:more than|over|at least)?\s*(\d+(?:\.\d+)?)\s*%/.exec(part);
  const signed = /(?:\breturn|% change|\bchange|\bmove)\s*(>=|<=|>|<)\s*([+-]?\d+(?:\.\d+)?)/.exec(part);
  if (moved || signed) {
    // "fell more than 5% in the latest session" is the day's move, whatever window the prompt also asked.
    const session = /\b(?:in|on|during|over) (?:the |its |that )?(?:latest|last|most recent|final|current) (?:session|trading day|day)\b|\btoday\b|\bon the day\b|\bintraday\b/.test(part);
    const overWindow = !session && (windowed || WINDOW_WORDS.test(part) || /\breturn\b/.test(part));
    const key = `${s}_${overWindow ? 'return_n' : 'change_pct'}`;
    const value = facts.number(key) ?? facts.number(`${s}_${overWindow ? 'change_pct' : 'return_n'}`);
    if (value === undefined) return undefined;
    const holds = moved
      ? (/fallen|fell|dropped|declined|lost|down/.test(moved[1]!) ? value < -Number(moved[2]) : value > Number(moved[2]))
      : compare(value, signed![1]!, Number(signed![2]));
    return { holds, evidence: `${overWindow ? 'return over the window' : 'move on the session'} ${signedPercent(value)}` };
  }
  return undefined;
}

/** The option the rule gives a name, with the evidence of the clause that decided (undefined when a fact is missing). */
export function ruleStance(rule: StanceRule, facts: FactReader, subject: Subject, windowed: boolean): { option: string; evidence: string[] } | undefined {
  const seen: string[] = [];
  let earlier: Measured[] | undefined;
  for (const clause of rule.clauses) {
    if (!clause.when) return { option: clause.option, evidence: seen };
    // "Watch if exactly one of those two conditions holds; No action if neither holds": counts of the earlier clause's.
    const counted = earlier && countedHolds(clause.when, earlier.filter((part) => part.holds).length, earlier.length);
    if (counted !== undefined) {
      if (counted) return { option: clause.option, evidence: seen };
      continue;
    }
    const parts = clause.when.split(/\s+(?:and|but)\s+(?:still\s+)?/).map((part) => measure(part, facts, subject, windowed));
    if (parts.some((part) => part === undefined)) return undefined;
    for (const part of parts as Measured[]) if (!seen.includes(part.evidence)) seen.push(part.evidence);
    if (parts.length > 1) earlier = parts as Measured[];
    if ((parts as Measured[]).every((part) => part.holds)) return { option: clause.option, evidence: seen };
  }
  // No default and no clause held: the rule gives no stance.
  return undefined;
}

/** Whether a clause that counts the earlier conditions ("exactly one of those", "neither", "both", "either") holds. */
function countedHolds(when: string, held: number, of: number): boolean | undefined {
  if (/\bexactly one\b|\bonly one\b|\bjust one\b|\bone (?:but not both|of them but not)\b/.test(when)) return held === 1;
  if (/^(?:neither|none)\b|\b(?:neither|none) (?:of (?:those|these|them|the)\b|holds?|applies|is met|are met)/.test(when)) return held === 0;
  if (/^(?:both|all)\b|\b(?:both|all) (?:of (?:those|these|them)|conditions)\b/.test(when)) return held === of;
  if (/^(?:either|any)\b|\b(?:either|any|at least one) (?:of (?:those|these|them)|condition)\b/.test(when)) return held >= 1;
  return undefined;
}

// The rule's options in its order; its thresholds are the prompt's figures, not the tools', so they are not restated.
const ruleWords = (rule: StanceRule) => `the stated rule: ${rule.clauses.map((clause) => (clause.when ? `${clause.option} if its condition holds` : `otherwise ${clause.option}`)).join(', ')}`;

/** The lead of a rule-decided stance: the option per name (each name's own facts), the rule quoted after. */
export function ruleStanceClause(rule: StanceRule, facts: FactReader, subjects: Subject[], windowed: boolean): string | undefined {
  const decided = subjects.map((subject) => ({ subject, stance: facts.peek((reader) => ruleStance(rule, reader, subject, windowed)) }));
  if (decided.length === 0 || decided.some((entry) => entry.stance === undefined)) return undefined;
  const stated = decided.map(({ subject }) => ({ subject, stance: ruleStance(rule, facts, subject, windowed)! }));
  if (stated.length === 1) {
    const [{ subject, stance }] = stated as [typeof stated[number]];
    return `${stance.option.replace(/^\w/, (letter) => letter.toUpperCase())} ${subject.symbol}: ${stance.evidence.join(', ')}, by ${ruleWords(rule)}`;
  }
  return `By ${ruleWords(rule)}: ${stated.map(({ subject, stance }) => `${subject.symbol} ${stance.option} (${stance.evidence.join(', ')})`).join('; ')}`;
}

