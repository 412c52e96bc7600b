import type { AnswerForm } from '@forge/asks';
/**
 * The answer's form, read from the plan's format string ("bullets (3 bullets, <= 60 words)", "one sentence",
 * "short paragraph (2 sentences)"), and the layout of clauses in that form.
 */
export interface AnswerShape {
  bullets: boolean;
  oneSentence: boolean;
  /** How many bullets or sentences the clauses are grouped into. */
  parts?: number;
  /** The count is a ceiling ("2 sentences max"): fewer parts are fine. */
  atMost?: boolean;
  /** How many paragraphs (blank-line separated) the clauses are grouped into. */
  paragraphs?: number;
  /** A markdown table, one row per subject; `trailingLine` keeps the rest to one sentence after it. */
  table?: boolean;
  trailingLine?: boolean;
  wordLimit?: number;
  /** Fewest words the prompt asked for ("200-300 words"). */
  minWords?: number;
}

/** The shape of an answer form read by libs/asks (the plan's `asks.form`). */
export function shapeFromForm(form: AnswerForm): AnswerShape {
  const shape: AnswerShape = { bullets: form.layout === 'bullets', oneSentence: form.layout === 'one_sentence' };
  if ((form.layout === 'bullets' || form.layout === 'sentences') && form.count) shape.parts = form.count;
  if (form.at_most) shape.atMost = true;
  if (form.layout === 'paragraphs' && form.count && form.count > 1) shape.paragraphs = form.count;
  if (form.layout === 'table') {
    shape.table = true;
    if (form.trailing_line) shape.trailingLine = true;
  }
  if (form.words) {
    shape.wordLimit = form.words.max;
    if (form.words.min > 0) shape.minWords = form.words.min;
  }
  return shape;
}

export function readAnswerShape(format: string): AnswerShape {
  const parts = /(\d+)\s+(?:bullets|sentences)/i.exec(format);
  const limit = /<=\s*(\d+)\s*words/i.exec(format);
  return {
    bullets: /bullet/i.test(format),
    oneSentence: /one sentence/i.test(format),
    ...(parts ? { parts: Number(parts[1]) } : {}),
    ...(limit ? { wordLimit: Number(limit[1]) } : {}),
  };
}

const bare = (clause: string) => clause.replace(/[.!?;]+$/, '');

// A clause joined after a semicolon starts in lower case when it opens on an ordinary word ("; over the last 5 …").
const OPENERS = /^(?:The|Over|Ranked|In|From|Recent|Posted|Its|It|No|On|Top|Across|Daily|Web)\b/;
const joined = (clauses: string[]) => clauses.map(bare).map((clause, index) => (index > 0 && OPENERS.test(clause) ? clause[0]!.toLowerCase() + clause.slice(1) : clause)).join('; ');
// A piece cut from a longer clause ("…; it has 333,000 employees") may open in lower case; a sentence never does.
const capitalised = (clause: string) => (/^(?:https?:|www\.)/.test(clause) ? clause : clause.replace(/^[a-z]/, (letter) => letter.toUpperCase()));
// A clause ending in a quoted sentence (“… goes out.”) is already one.
const sentence = (clause: string) => capitalised(/[.!?][”"’]?$/.test(clause) ? clause : `${clause}.`);

/**
 * Clauses cut into at least `parts` pieces where they can be: at semicolons first, then between sentences, so
 * "three bullets" over two clauses that state three things still gives three bullets.
 */
// Where a clause may be cut into more pieces: at a semicolon, then between sentences.
// Never inside a quotation (“…; …”): the next quotation mark after a break outside one opens a quote, or there is none.
const OUTSIDE_QUOTES = '(?=[^“”]*(?:“|$))';
const PIECE_BREAKS = [new RegExp(`;\\s+${OUTSIDE_QUOTES}`), new RegExp(`(?<=[.!?])\\s+(?=[A-Z])${OUTSIDE_QUOTES}`)];

/** How many pieces the clauses can be cut into at most (what an asked count of bullets or sentences can draw on). */
export function pieceCount(clauses: string[]): number {
  return clauses.reduce((sum, clause) => sum + clause.split(new RegExp(PIECE_BREAKS.map((pattern) => pattern.source).join('|'))).length, 0);
}

function splitToCount(clauses: string[], parts: number): string[] {
  let pieces = clauses;
  for (const separator of PIECE_BREAKS) {
    while (pieces.length < parts) {
      const longest = pieces.reduce((best, clause, index) => (clause.split(separator).length > 1 && (best < 0 || clause.length > pieces[best]!.length) ? index : best), -1);
      if (longest < 0) break;
      const [head, ...rest] = pieces[longest]!.split(separator);
      pieces = [...pieces.slice(0, longest), head!, rest.join('; '), ...pieces.slice(longest + 1)];
    }
  }
  return pieces;
}

/** Consecutive clauses split into `parts` groups of near-equal size, earlier groups taking the extra clause. */
function grouped(clauses: string[], parts: number): string[] {
  if (clauses.length <= parts) return clauses;
  const groups: string[] = [];
  let start = 0;
  for (let index = 0; index < parts; index++) {
    const size = Math.ceil((clauses.length - start) / (parts - index));
    groups.push(joined(clauses.slice(start, start + size)));
    start += size;
  }
  return groups;
}

export function layoutAnswer(clauses: string[], shape: AnswerShape): string {
  if (shape.oneSentence) return sentence(joined(clauses));
  if (shape.paragraphs) {
    const groups = splitToCount(clauses, shape.paragraphs);
    return paragraphGroups(groups, shape.paragraphs).map((group) => group.map(sentence).join(' ')).join('\n\n');
  }
  // "As bullets" with no count is never one bullet: a lone clause listing things gives a bullet per thing, and so do
  // clauses that are lists ("Top gainers …: MU …; TSLA …; INTC …") when the pieces stay few enough to read as bullets.
  const lists = clauses.every((clause) => /^[^;:]{3,80}:\s/.test(clause));
  const loose = shape.bullets && !shape.parts && (clauses.length === 1 || (lists && pieceCount(clauses) <= 10)) ? splitToCount(clauses, pieceCount(clauses)) : clauses;
  const items = shape.parts ? (shape.atMost && clauses.length <= shape.parts ? clauses : grouped(splitToCount(clauses, shape.parts), shape.parts)) : loose;
  if (shape.bullets) return items.map((item) => `- ${sentence(item)}`).join('\n');
  return items.map(sentence).join(' ');
}

/** Clauses in `count` consecutive groups of near-equal size, the earlier groups taking the extra clause. */
function paragraphGroups(clauses: string[], count: number): string[][] {
  const groups: string[][] = [];
  let start = 0;
  for (let index = 0; index < count && start < clauses.length; index++) {
    const size = Math.ceil((clauses.length - start) / (count - index));
    groups.push(clauses.slice(start, start + size));
    start += size;
  }
  return groups;
}

const cell = (text: string) => bare(text).replace(/\|/g, '/').replace(/\s*\n\s*/g, ' ');

/**
 * A markdown table with one row per subject (its clauses joined), the lead sentence above it and the other clauses
 * below it (one sentence when the prompt asked for a single line after the table).
 */
export function layoutTable(lead: string[], rows: Array<{ label: string; clauses: string[] }>, rest: string[], shape: AnswerShape): string {
  const table = ['| Name | What the tools show |', '|---|---|', ...rows.map((row) => `| ${cell(row.label)} | ${cell(row.clauses.map(bare).join('; '))} |`)].join('\n');
  const above = lead.map(sentence).join(' ');
  const below = rest.length === 0 ? '' : shape.trailingLine ? sentence(joined(rest)) : rest.map(sentence).join(' ');
  return [above, table, below].filter((part) => part !== '').join('\n\n');
}

/** Words of an answer; bullet markers are not words. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((token) => token !== '' && token !== '-').length;
}

/**
 * The clauses to keep within a word limit: first a small set stating every required fact (greedily, the clause
 * stating most facts not yet stated, the shorter on ties), then the others in reading order while they fit.
 * Kept clauses stay in reading order. Required facts win over the limit when both cannot hold.
 */
export function fitClauses(clauses: string[], covers: (clause: string) => string[], shape: AnswerShape, fixed = 0): string[] {
  const limit = shape.wordLimit;
  if (!limit || wordCount(layoutAnswer(clauses, shape)) <= limit) return clauses;
  const covered = new Set<string>();
  const keep = new Set<number>();
  const keys = clauses.map(covers);
  // The first `fixed` clauses (the lead) are always said; what they state need not be said again.
  for (let index = 0; index < fixed; index++) {
    keep.add(index);
    for (const key of keys[index]!) covered.add(key);
  }
  for (;;) {
    let best = -1;
    let bestFresh = 0;
    keys.forEach((stated, index) => {
      const fresh = stated.filter((key) => !covered.has(key)).length;
      const better = fresh > bestFresh || (fresh === bestFresh && fresh > 0 && wordCount(clauses[index]) < wordCount(clauses[best]));
      if (!keep.has(index) && better) [best, bestFresh] = [index, fresh];
    });
    if (best < 0) break;
    keep.add(best);
    for (const key of keys[best]) covered.add(key);
  }
  clauses.forEach((_clause, index) => {
    if (keep.has(index)) return;
    const trial = clauses.filter((_other, other) => keep.has(other) || other === index);
    if (wordCount(layoutAnswer(trial, shape)) <= limit) keep.add(index);
  });
  return clauses.filter((_clause, index) => keep.has(index));
}
