import { readForm, withoutPostInstructions } from '@forge/asks';

/**
 * The form the answer is asked in: one sentence, a paragraph or bullets, how many bullets or sentences, and a
 * word limit ("in under 50 words", "max 60 words"). The plan states it in final_answer_requirements.format as
 * "<format> (N bullets, <= M words)", which the template composer reads back.
 */

export type AnswerFormat = 'one sentence' | 'short paragraph' | 'one paragraph' | 'bullets';

export interface AnswerForm {
  format: AnswerFormat;
  /** Most words the answer may have. */
  wordLimit?: number;
  /** How many bullets ("three bullets") or sentences ("in two sentences") the answer is split into. */
  parts?: number;
}

const COUNT_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

const count = (token: string): number | undefined => {
  const value = /^\d+$/.test(token) ? Number(token) : COUNT_WORDS[token.toLowerCase()];
  return value !== undefined && value > 0 ? value : undefined;
};

const N = '(\\d+|[a-z]+)';

/** "under 50 words" / "no more than 40 words" / "max 60 words" / "50 words or less" / "in 30 words". */
export function readWordLimit(text: string): number | undefined {
  const t = text.toLowerCase();
  const strict = new RegExp(`(?:under|below|fewer than|less than)\\s+${N}\\s+words`).exec(t);
  if (strict) {
    const value = count(strict[1]);
    if (value) return value - 1;
  }
  const inclusive = new RegExp(`(?:no more than|not more than|at most|max(?:imum)?(?: of)?|within|up to|not exceeding|limit(?:ed)? to|in)\\s+${N}\\s+words`).exec(t)
    ?? new RegExp(`${N}\\s+words?\\s+(?:or less|or fewer|max(?:imum)?|tops|at most)`).exec(t)
    ?? new RegExp(`(?:word limit|word count)(?: of)?:?\\s+${N}`).exec(t);
  return inclusive ? count(inclusive[1]) : undefined;
}

function readFormat(t: string): AnswerFormat {
  if (/one sentence|in a sentence|single sentence|one-liner|in one line/.test(t)) return 'one sentence';
  if (/one[- ]paragraph|a paragraph|short paragraph/.test(t)) return 'one paragraph';
  if (/\blist\b|bullet|label each|each one|all (three|four|five)/.test(t)) return 'bullets';
  if (/in (a )?(short )?summary|summari[sz]e/.test(t) && /points|bullets/.test(t)) return 'bullets';
  return 'short paragraph';
}

/**
 * Reads the answer form of a prompt; a Slack post's own form ("post a summary of no more than 80 words") is the post's.
 * Bullet and sentence counts are the asks' (one reader of "3 bullets", "in 3 point", "two sentences").
 */
export function readAnswerForm(text: string): AnswerForm {
  const t = withoutPostInstructions(text.toLowerCase().replace(/[’‘]/g, "'"));
  const asked = readForm(text);
  const bullets = asked.layout === 'bullets';
  const form: AnswerForm = { format: bullets ? 'bullets' : asked.layout === 'one_sentence' ? 'one sentence' : readFormat(t) };
  const parts = (bullets || asked.layout === 'sentences') && !asked.at_most ? asked.count : undefined;
  if (parts && parts > 1 && parts <= 10) form.parts = parts;
  const limit = readWordLimit(t);
  if (limit && limit >= 5) form.wordLimit = limit;
  return form;
}

/** The plan's format string: "bullets (3 bullets, <= 60 words)", "short paragraph (2 sentences)", "one sentence". */
export function formatLabel(form: AnswerForm): string {
  const details: string[] = [];
  if (form.parts) details.push(`${form.parts} ${form.format === 'bullets' ? 'bullets' : 'sentences'}`);
  if (form.wordLimit) details.push(`<= ${form.wordLimit} words`);
  return details.length ? `${form.format} (${details.join(', ')})` : form.format;
}
