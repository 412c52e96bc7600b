/**
 * The answer's form, read from the plan's format string ("bullets (3 bullets, <= 60 words)", "one sentence",
 * "short paragraph (2 sentences)"), and the layout of clauses in that form.
 */
export interface AnswerShape {
  bullets: boolean;
  oneSentence: boolean;
  /** How many bullets or sentences the clauses are grouped into. */
  parts?: number;
  wordLimit?: number;
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
const sentence = (clause: string) => (/[.!?]$/.test(clause) ? clause : `${clause}.`);

/** Consecutive clauses split into `parts` groups of near-equal size, earlier groups taking the extra clause. */
function grouped(clauses: string[], parts: number): string[] {
  if (clauses.length <= parts) return clauses;
  const groups: string[] = [];
  let start = 0;
  for (let index = 0; index < parts; index++) {
    const size = Math.ceil((clauses.length - start) / (parts - index));
    groups.push(clauses.slice(start, start + size).map(bare).join('; '));
    start += size;
  }
  return groups;
}

export function layoutAnswer(clauses: string[], shape: AnswerShape): string {
  if (shape.oneSentence) return sentence(clauses.map(bare).join('; '));
  const items = shape.parts ? grouped(clauses, shape.parts) : clauses;
  if (shape.bullets) return items.map((item) => `- ${sentence(item)}`).join('\n');
  return items.map(sentence).join(' ');
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
export function fitClauses(clauses: string[], covers: (clause: string) => string[], shape: AnswerShape): string[] {
  const limit = shape.wordLimit;
  if (!limit || wordCount(layoutAnswer(clauses, shape)) <= limit) return clauses;
  const covered = new Set<string>();
  const keep = new Set<number>();
  const keys = clauses.map(covers);
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
