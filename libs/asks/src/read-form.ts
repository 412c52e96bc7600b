import type { AnswerForm } from './ask.ts';
import { COUNT, numberFrom } from './numbers.ts';

const WORDS = '(\\d+)';

/** "80 to 120 words", "40-80 words", "≈200–300 words", "under 60 words", "<120 words", "max 60 words", "in 30 words". */
export function readWordRange(text: string): AnswerForm['words'] {
  const t = text.toLowerCase();
  const range = new RegExp(`${WORDS}\\s*(?:-|–|—|to|and)\\s*${WORDS}\\s+words`).exec(t);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const below = new RegExp(`(?:under|below|fewer than|less than|<)\\s*${COUNT}\\s+words`).exec(t);
  if (below && numberFrom(below[1])) return { min: 0, max: numberFrom(below[1])! - 1 };
  const atMost = new RegExp(`(?:no more than|not more than|at most|max(?:imum)?(?: of)?|within|up to|not exceeding|(?:limit(?:ed)?|cap(?:ped)?|keep|hold)(?:\\s+(?:it|this|the (?:response|answer|reply|note|text|summary|whole thing)))?\\s+to|<=|≤)\\s*${COUNT}\\s+words`).exec(t)
    ?? new RegExp(`${COUNT}\\s+words?\\s+(?:or less|or fewer|max(?:imum)?|tops|at most)`).exec(t)
    ?? new RegExp(`(?:word limit|word count)(?: of)?:?\\s+${COUNT}`).exec(t);
  if (atMost && numberFrom(atMost[1])) return { min: 0, max: numberFrom(atMost[1])! };
  const about = new RegExp(`(?:about|around|roughly|approximately|≈|~)\\s*${WORDS}\\s+words`).exec(t);
  if (about) return { min: Math.floor(Number(about[1]) * 0.8), max: Math.ceil(Number(about[1]) * 1.2) };
  return undefined;
}

function counted(t: string, noun: string): { count: number; at_most: boolean } | undefined {
  const match = new RegExp(`\\b${COUNT}[\\s-]+(?:of\\s+)?(?:short\\s+|brief\\s+|concise\\s+|punchy\\s+|crisp\\s+|tight\\s+)?${noun}\\b(\\s+(?:max(?:imum)?|at most|tops|or (?:less|fewer)))?`).exec(t);
  const ceiling = new RegExp(`(?:max(?:imum)?(?: of)?|at most|no more than|up to|within)\\s+${COUNT}\\s+(?:short\\s+)?${noun}\\b`).exec(t);
  if (ceiling && numberFrom(ceiling[1])) return { count: numberFrom(ceiling[1])!, at_most: true };
  if (match && numberFrom(match[1])) return { count: numberFrom(match[1])!, at_most: Boolean(match[2]) };
  return undefined;
}

/**
 * "In 3 points", "give me 5 pts", "answer in 3 point": points as the answer's parts. A move of "3 points" ("the Dow
 * fell 3 points") is no form, so the count must follow a word that asks for the answer's layout.
 */
function statedPoints(t: string): { count: number; at_most: boolean } | undefined {
  const match = new RegExp(`\\b(?:in|as|into|give(?: me)?|with|list|write|make|max(?:imum)?|at most|no more than|up to)\\s+(?:the\\s+)?${COUNT}\\s+(?:key\\s+|main\\s+|short\\s+)?(?:points?|pts)\\b`).exec(t);
  return match && numberFrom(match[1]) ? { count: numberFrom(match[1])!, at_most: /^(?:max|at most|no more|up to)/.test(match[0].replace(/^\W+/, '')) } : undefined;
}

/**
 * The columns a table is asked with: "with the columns Ticker, Close and % change", "columns: ticker, return",
 * "a markdown table (ticker, range %, stdev)". Undefined when the prompt names none.
 */
function readColumns(t: string): string[] | undefined {
  // "Table: rank | ticker | 5d ret % | 1d ret %": a header row written with pipes.
  const piped = /\btable\s*:\s*([^.\n]*\|[^.\n]*)/.exec(t);
  const listed = /\b(?:with|having|using|under|and) (?:the |these |those |following )?(?:\w+ )?columns?\s*(?:named|called|labell?ed|titled|headed)?\s*:?\s*([^.\n]+)|\bcolumns?\s*:\s*([^.\n]+)|\btable\s*\(([^)]+)\)/.exec(t)
    // "out: rank, ticker, ret_5d  fmt=table": the output spec of a table names its columns.
    ?? (/\bfmt\s*[=:]\s*table\b|\btable\b/.test(t) ? /(?:^|\n)\s*out(?:put)?\s*:\s*([^\n]+?)(?:\s+fmt\s*[=:].*)?$/m.exec(t) : null);
  const list = listed?.[1] ?? listed?.[2] ?? listed?.[3] ?? piped?.[1];
  if (!list) return undefined;
  // "…, Exchange, and no commentary beyond the table": what follows the last column is about the rest of the answer.
  const named = list.split(/,?\s+(?:and\s+|but\s+)?(?:no|without)\s+(?:other\s+|further\s+|extra\s+)?(?:commentary|comments?|text|prose|notes?|explanation|narrative)\b/)[0]!;
  // ("ret_pct (close/close)": a note on how a column is measured is not part of its name.)
  const columns = named.replace(/\s*\((?:keep|with|in|as|percent|to|signed|sign|pp|%)\b[^)]*\)|\s*\([^)]*\bdecimal\b[^)]*\)|\s*\([^)]*\/[^)]*\)/g, '').split(list.includes('|') ? /\s*\|\s*/ : /\s*,\s*(?:and\s+)?|\s+and\s+|\s*\/\s*(?=[a-z])/)
    .map((column) => column.replace(/^(?:the |these )?columns?\s*:?\s*/, '').replace(/^the\s+/, '').replace(/[?!]+$/, '').replace(/^["'“‘]|["'”’]$/g, '')
      .replace(/\s+(?:for each|per|in that order|with exact|would be|please|sorted|ordered|ranked|attached to|for every)\b.*$/, '').trim())
    .filter((column) => column !== '' && !/^(?:with|then|followed)\b|^(?:please|pls|thanks|thank you|ta)$/.test(column) && column.split(/\s+/).length <= 6);
  return columns.length >= 2 ? columns : undefined;
}

/** The layout the prompt asks for: a table, N bullets, N sentences, N paragraphs, one sentence, or free. */
function readLayout(text: string): Omit<AnswerForm, 'words'> {
  // "two headlines with outlet and date, and a sentence on how the stock closed": that sentence is one item of the answer.
  const t = text.replace(/\b(?:and|with|plus|also) (?:a|one) (?:short |brief )?(?:sentence|line) (?:on|about|saying|explaining|describing|with|for)\b/g, ' ');
  if (/\b(?:markdown\s+)?table\b|\btabulate\b|\btabular\b|\b(?:a|the) grid\b/.test(t) && !/\btable stakes\b/.test(t)) {
    const columns = readColumns(t);
    const trailing = /(?:table|tabulate|grid)\b[^.?!]{0,40}\b(?:followed by|then|plus|and|under)\s+(?:a\s+|one[- ]|1[- ])*(?:line|sentence|liner)/.test(t);
    return { layout: 'table', ...(trailing ? { trailing_line: true } : {}), ...(columns ? { columns } : {}) };
  }
  // "3 headlines, one line each", "one bullet per outlet": a bullet (or sentence) per item, as many as the items asked.
  const each = /\b(?:one|1|a)\s+(bullet|line|sentence)s?\s+(?:each|apiece|per\s+\w+|for each\b)/.exec(t);
  if (each) {
    const items = counted(t, '(?:[a-z-]+\\s+){0,2}(?:headlines|articles|stories|items|names|outlets|publishers|sources|points|reasons|results|links|stocks|tickers|companies)');
    const layout = each[1] === 'sentence' ? 'sentences' : 'bullets';
    return items && items.count > 1 ? { layout, count: items.count } : { layout: 'bullets' };
  }
  const bullets = counted(t, '(?:bullets?|bullet points?)') ?? statedPoints(t)
    ?? (/\bbullet(?:ed|s)?\b/.test(t) ? counted(t, '(?:main\\s+|key\\s+)?(?:takeaways|points|pts|items|things|reasons|highlights)') : undefined);
  if (bullets) return { layout: 'bullets', count: bullets.count, ...(bullets.at_most ? { at_most: true } : {}) };
  const paragraphs = counted(t, '(?:paragraphs?|paras?|grafs?)');
  if (paragraphs && paragraphs.count > 1) return { layout: 'paragraphs', count: paragraphs.count, ...(paragraphs.at_most ? { at_most: true } : {}) };
  if (/\b(?:one|1|a single|single|a)[\s-]+(?:(?:short|punchy|crisp|tight|quick|clean|simple|clear|plain)\s+)?(?:sentence|line|liner)\b|\bone-liner\b|\bin a sentence\b/.test(t)) return { layout: 'one_sentence' };
  const sentences = counted(t, 'sentences?');
  if (sentences) return sentences.count === 1 ? { layout: 'one_sentence' } : { layout: 'sentences', count: sentences.count, ...(sentences.at_most ? { at_most: true } : {}) };
  if (/\bbullets?\b|\bbullet points\b|\bbulleted\b/.test(t)) return { layout: 'bullets' };
  if (paragraphs) return { layout: 'paragraphs', count: 1 };
  return { layout: 'free' };
}

/** Sentences that instruct a Slack post carry the post's form ("post a one-line summary to #research"), not the answer's. */
export function withoutPostInstructions(t: string): string {
  // Clauses, not sentences: "only post to #alerts if … — otherwise don't post, just tell me in one sentence" keeps its last part.
  // "… in 3 bullets, then post the call to #markets": the post starts its own clause, and so does the answer's
  // ("post the verdict to #research and give the answer in 5 bullets").
  return t.split(/(?<=[.?!;])\s+|\s+[—–]\s+|\s+-\s+|(?=\botherwise\b)|(?=\bif (?:not|none|neither)\b)|,?\s+(?=(?:and\s+)?then\s+(?:post|send|share|drop|ping)\b)|,?\s+(?=and\s+(?:post|send|share|drop|ping)\b)|,?\s+(?=and\s+(?:give|write|keep|present|format|lay|deliver|put)\s+(?:the|your|my|it|me)\b)/).filter((clause) => !(/#[a-z0-9]/.test(clause) && /\b(?:post|send|share|drop|ping)\b/.test(clause)) && !POST_FORM.test(clause)).join(' ');
}

// A question or request of the answer's own, beside the post.
const OWN_ASK = /\?|\b(?:compare|pick|choose|rank|which|who|what|how|why|whether|tell me|give me|explain|summari[sz]e|check|verify|confirm|let me know|report|list|show me|say)\b/;

// "Please keep the post under 100 words", "the alert should be two sentences": the form of the post, not the answer's.
const POST_FORM = /\b(?:msg|message|post|alert|note)\s*(?:<=|<|≤|:)?\s*(?:max\s*)?\d+\s*words\b|\b(?:keep|make|limit|cap|write)\s+(?:the|that|this|your)\s+(?:slack\s+)?(?:post|message|note|alert|update|notice)\b|\b(?:the|that|this|your)\s+(?:slack\s+)?(?:post|message|note|alert|notice)\s+(?:should|must|needs? to|has to)\b/;

/** Reads the answer's form from the prompt. */
export function readForm(text: string): AnswerForm {
  const whole = text.toLowerCase().replace(/[’‘]/g, "'");
  const t = withoutPostInstructions(whole);
  const layout = readLayout(t);
  const words = readWordRange(t);
  // "Post a one-sentence note to #markets …", "post them to #research as 4 bullets": when the post is all the prompt
  // asks for, the answer, which reports what was posted, takes the post's layout ("who had the bigger excess return?
  // post the winner to #research, 1 line" asks a question of its own, answered freely). A post's word cap stays the
  // post's: the answer also reports the checks behind it.
  if (layout.layout === 'free' && !words && t !== whole && !OWN_ASK.test(t)) return readLayout(whole);
  return words ? { ...layout, words } : layout;
}
