import type { Ask, Asks } from './ask.ts';
import { countInWords, spansInWords } from './numbers.ts';
import { FACT_WORDS } from './read-facts.ts';

/** One way an answer fails what its prompt asked; `code` is the rejection reason, e.g. `ask-not-met:bullets`. */
export interface AskMiss {
  code: `ask-not-met:${string}`;
  message: string;
}

export interface AnswerCheckInput {
  asks: Asks;
  answer: string;
  /** The Slack posts the plan makes (send_slack_message params). */
  posts: ReadonlyArray<{ channel: string; text: string }>;
}

// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS = /\b(?:vs|Inc|Corp|Co|Ltd|Mr|Ms|Dr|St|approx|e\.g|i\.e|U\.S)\./g;

const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Sentences of prose (bullets and table lines excluded), split after . ! ? before a capital, digit, sign or quote. */
export function sentencesOf(text: string): string[] {
  const prose = text.split('\n').filter((line) => !TABLE_ROW.test(line) && !TABLE_RULE.test(line)).map((line) => line.replace(BULLET, '')).join(' ');
  const masked = prose.replace(ABBREVIATIONS, (match) => match.replace(/\./g, '\u0000'));
  return masked.split(/(?<=[.!?])\s+(?=["'(\[A-Z0-9$+\-#])/).map((sentence) => sentence.replace(/\u0000/g, '.').trim()).filter((sentence) => sentence !== '');
}

export const bulletsOf = (text: string) => text.split('\n').filter((line) => BULLET.test(line));
export const paragraphsOf = (text: string) => text.split(/\n\s*\n/).map((part) => part.trim()).filter((part) => part !== '');
export const wordsOf = (text: string) => text.split(/\s+/).filter((token) => token !== '').length;

/** Data rows of the first markdown table (header and rule excluded); null when there is no table. */
export function tableRowsOf(text: string): number | null {
  const lines = text.split('\n');
  const rule = lines.findIndex((line, index) => index > 0 && TABLE_RULE.test(line) && TABLE_ROW.test(lines[index - 1]!));
  if (rule < 0) return null;
  let rows = 0;
  for (let index = rule + 1; index < lines.length && TABLE_ROW.test(lines[index]!); index += 1) rows += 1;
  return rows;
}

/** The answer's lead: its first sentence of prose, where a pick, verdict or stance is stated first. */
const leadOf = (text: string) => (sentencesOf(text)[0] ?? '').toLowerCase();


const miss = (kind: string, message: string): AskMiss => ({ code: `ask-not-met:${kind}`, message });

function checkForm(asks: Asks, answer: string): AskMiss[] {
  const form = asks.form;
  const misses: AskMiss[] = [];
  const fits = (actual: number, wanted: number) => (form.at_most ? actual >= 1 && actual <= wanted : actual === wanted);
  if (form.layout === 'bullets') {
    const bullets = bulletsOf(answer).length;
    if (form.count ? !fits(bullets, form.count) : bullets < 2) misses.push(miss('bullets', `asked for ${form.count ?? 'a list of'} bullets${form.at_most ? ' at most' : ''}, the answer has ${bullets}`));
  }
  if (form.layout === 'sentences' && form.count) {
    const sentences = sentencesOf(answer).length;
    if (!fits(sentences, form.count)) misses.push(miss('sentences', `asked for ${form.count} sentences${form.at_most ? ' at most' : ''}, the answer has ${sentences}`));
  }
  if (form.layout === 'one_sentence') {
    const sentences = sentencesOf(answer).length;
    if (sentences !== 1 || bulletsOf(answer).length > 1) misses.push(miss('one-sentence', `asked for one sentence, the answer has ${sentences}`));
  }
  if (form.layout === 'paragraphs' && form.count) {
    const paragraphs = paragraphsOf(answer).length;
    if (!fits(paragraphs, form.count)) misses.push(miss('paragraphs', `asked for ${form.count} paragraphs, the answer has ${paragraphs}`));
  }
  if (form.layout === 'table') {
    const rows = tableRowsOf(answer);
    const wanted = Math.max(1, Math.min(asks.entities.length, 2));
    if (rows === null || rows < wanted) misses.push(miss('table', rows === null ? 'asked for a table, the answer has none' : `the table has ${rows} rows for ${asks.entities.length} names`));
    const header = (answer.split('\n').find((line) => TABLE_ROW.test(line)) ?? '').toLowerCase();
    const absent = rows === null ? [] : (form.columns ?? []).filter((column) => !header.includes(column.toLowerCase()) && !header.includes(spansInWords(column).toLowerCase()));
    if (absent.length > 0) misses.push(miss('table', `the table lacks the asked column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`));
  }
  if (form.words) {
    const words = wordsOf(answer);
    if (words < form.words.min || words > form.words.max) misses.push(miss('words', `asked for ${form.words.min}-${form.words.max} words, the answer has ${words}`));
  }
  return misses;
}

const VERDICT = /\b(?:supported|contradicted|not supported|unsupported|true|false|correct|incorrect|accurate|inaccurate|yes|no|confirmed|refuted|no evidence|partly true|partly false|misleading)\b/;

const slotPattern = (text: string) => new RegExp(text.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[a-z_ ]+>/g, '[A-Za-z.]{1,6}'), 'i');

function checkAsk(ask: Ask, input: AnswerCheckInput): AskMiss | undefined {
  const { answer, posts, asks } = input;
  const lead = leadOf(answer);
  const text = answer.toLowerCase();
  switch (ask.kind) {
    case 'fact': {
      const unstated = ask.facts.filter((label) => FACT_WORDS[label].stated && !FACT_WORDS[label].stated!.test(answer));
      return unstated.length ? miss('fact', `the answer does not state the ${unstated.map((label) => FACT_WORDS[label].name).join(', ')} the prompt asked for`) : undefined;
    }
    case 'pick': {
      const named = asks.entities.filter((symbol) => lead.includes(symbol.toLowerCase()));
      // A pick needs two names to pick between ("which was the highest close" over one name is a window fact).
      return asks.entities.length > 1 && named.length === 0 ? miss('pick', `the pick (${ask.direction} ${ask.by}) is not named in the lead sentence: "${sentencesOf(answer)[0] ?? ''}"`) : undefined;
    }
    case 'verdict':
      return VERDICT.test(lead) ? undefined : miss('verdict', `no verdict on the claim in the lead sentence: "${sentencesOf(answer)[0] ?? ''}"`);
    case 'stance':
      return ask.options.some((option) => text.includes(option)) ? undefined : miss('stance', `none of the options (${ask.options.join(' / ')}) is stated`);
    case 'slack-post': {
      const sent = posts.filter((post) => post.channel.replace(/^#?/, '#').toLowerCase() === ask.channel);
      // A conditional post ("if it fell more than 2%, post …; if not, just tell me") may rightly post nothing.
      const conditional = asks.asks.some((other) => other.kind === 'conditional' && other.silent_branch);
      if (sent.length === 0) return conditional && posts.length === 0 ? undefined : miss('slack-post', `nothing is posted to ${ask.channel}`);
      if (ask.texts.length > 0 && !sent.some((post) => ask.texts.some((wanted) => slotPattern(wanted).test(post.text)))) return miss('slack-post', `the post to ${ask.channel} carries none of the asked texts (${ask.texts.join(' / ')})`);
      return undefined;
    }
    case 'window': {
      const unit = ask.window.unit === 'hours' ? '(?:hours?|hourly bars?|h)' : '(?:trading )?(?:sessions?|days?|bars?|d)';
      const count = `(?:${ask.window.count}|${countInWords(ask.window.count)})`;
      return new RegExp(`\\b${count}[- ]?(?:hourly |daily )?${unit}\\b`, 'i').test(answer) ? undefined : miss('window', `the answer does not name the asked window (${ask.window.count} ${ask.window.unit})`);
    }
    case 'list': {
      if (!ask.fields.includes('link')) return undefined;
      const wanted = ask.count * (ask.per_entity ? Math.max(1, asks.entities.length) : 1);
      const links = (answer.match(/https?:\/\/\S+/g) ?? []).length;
      return links >= wanted ? undefined : miss('list', `asked for ${wanted} ${ask.of} with links, the answer links ${links}`);
    }
    default:
      return undefined;
  }
}

/**
 * Checks an answer against its asks, deterministically: the form (bullets, sentences, paragraphs, table, words),
 * each named fact stated, the pick, verdict or stance stated, the window named, linked items counted, and the Slack side effects (a read
 * never posts; a post carries the asked text).
 */
export function checkAnswer(input: AnswerCheckInput): AskMiss[] {
  const misses = checkForm(input.asks, input.answer);
  for (const ask of input.asks.asks) {
    const found = checkAsk(ask, input);
    if (found) misses.push(found);
  }
  const posting = input.asks.asks.some((ask) => ask.kind === 'slack-post');
  if ((input.asks.no_post || !posting) && input.posts.length > 0 && input.asks.asks.some((ask) => ask.kind === 'slack-read') ) {
    misses.push(miss('slack-read', `a read-only Slack ask posts ${input.posts.length} message(s) to ${input.posts.map((post) => post.channel).join(', ')}`));
  } else if (input.asks.no_post && input.posts.length > 0) {
    misses.push(miss('slack-read', `the prompt forbids posting, the plan posts to ${input.posts.map((post) => post.channel).join(', ')}`));
  }
  return misses;
}
