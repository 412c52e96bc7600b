/**
 * A stance the prompt decides by a stated rule: "overweight if excess return > 0, else underweight"; "trim if it has
 * fallen more than 5% … and traded above 1.5 times its average volume; add if it has risen more than 5%; otherwise
 * hold". Each clause keeps its condition in the prompt's words; the composer measures it over the tool facts.
 */
export interface StanceRule {
  /** The options in the order the rule tries them, each with its condition; the last may have none (the default). */
  clauses: Array<{ option: string; when?: string }>;
}

const OPTION = String.raw`([a-z][a-z-]*(?: [a-z][a-z-]*)?)`;
// "I sell half", "we'd add": the speaker's own action is the option.
const SPEAKER = String.raw`(?:i|we|you)(?:'ll|'d| will| would| should)?\s+`;
const DEFAULT = new RegExp(String.raw`(?:^|[;,.]\s*|\band\s+)(?:else|otherwise|anything else|everything else|in any other case)[,:]?\s+(?:it(?:'s| is)\s+|call it\s+|go\s+|rate it\s+|${SPEAKER})?${OPTION}\s*(?:[.;,]|$)`);
// "Reduce if …; otherwise Increase if …; otherwise Maintain": a later clause may open on "otherwise".
const CLAUSE = new RegExp(String.raw`(?:^|[;:.]\s*|,\s*|\bor\s+)(?:(?:otherwise|else)[,:]?\s+)?${OPTION}\s+if\s+([^;]+?)(?=\s*(?:;|,\s*(?:else|otherwise)\b|\.\s|$|,\s*[a-z][a-z-]*(?: [a-z][a-z-]*)?\s+if\b))`, 'g');

// "if it closed within 2% of its high, trim; if it is more than 10% below the high, add; otherwise hold".
const IF_FIRST = new RegExp(String.raw`(?:^|[;:.]\s*|\buse this rule:?\s*)if\s+([^;,]+?),\s*(?:then\s+)?(?:it(?:'s| is)\s+(?:a\s+)?|call it\s+|go\s+|rate it\s+|${SPEAKER})?${OPTION}\s*(?=[;.]|,\s*(?:else|otherwise|if)\b|$)`, 'g');

// Words that start a sentence, not an option ("only post if", "tell me if").
const NOT_OPTIONS = /^(?:only|post|send|tell|let|say|and|but|so|then|even|as|check|see|ask|note|flag|alert|ping|and only|me|us|it|that|this|what|which|whether)$/;

/** The clauses a pattern finds, written option-first or condition-first; a post or a reply is not an option. */
function clausesOf(t: string, pattern: RegExp, order: 'option-first' | 'condition-first'): StanceRule['clauses'] {
  return [...t.matchAll(pattern)].flatMap((match) => {
    const [option, when] = (order === 'option-first' ? [match[1], match[2]] : [match[2], match[1]]).map((part) => part!.trim()) as [string, string];
    return NOT_OPTIONS.test(option.split(' ')[0]!) || /\b(?:post|send|alert|message|nothing|don't|do not)\b/.test(option) ? [] : [{ option, when }];
  });
}

export function readStanceRule(t: string): StanceRule | undefined {
  const optionFirst = clausesOf(t, CLAUSE, 'option-first');
  const clauses = optionFirst.length > 0 ? optionFirst : clausesOf(t, IF_FIRST, 'condition-first');
  if (clauses.length === 0) return undefined;
  const fallback = DEFAULT.exec(t.slice(t.indexOf(clauses[0]!.when!)))?.[1]?.trim();
  if (fallback && !clauses.some((clause) => clause.option === fallback)) clauses.push({ option: fallback });
  // A rule decides between options: one condition and no default is a conditional, not a stance.
  return clauses.length >= 2 ? { clauses } : undefined;
}
