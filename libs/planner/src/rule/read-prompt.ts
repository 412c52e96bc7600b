import { expandShorthand, readAsks, withoutAverageVolumeSpans, type Ask } from '@forge/asks';
import { readAnswerForm, type AnswerFormat } from './read-answer-form.ts';
import { ANY_NAME, detectFacets, FELL, forbidsPosting, ROSE, type Facet } from './detect-facets.ts';
import { nameCandidates, quotedSpans, tickerCandidates, withoutCorporateSuffixes } from './entity-candidates.ts';

export type { AnswerFormat } from './read-answer-form.ts';
export type { Facet } from './detect-facets.ts';

/**
 * Reads a research prompt the way an analyst would: which facets are asked for, over what period, in what form,
 * and which words may name a company. Pure text analysis; resolving names to symbols happens in resolveEntities.
 */

export type IncomeRank = 'revenue-growth' | 'net-income-growth' | 'net-margin' | 'gross-margin' | 'operating-margin';

export interface PromptReading {
  rawText: string;
  /** What the prompt asks of its answer (libs/asks), read once from the whole prompt. */
  asks: Ask[];
  facets: Set<Facet>;
  /** Sessions for trends and multi-session returns ("last 5 sessions"); undefined when not asked. */
  sessions?: number;
  /** Income statement period and how many statements the question needs. */
  statements?: { period: 'annual' | 'quarter'; count: number; yearOverYear?: boolean };
  /** How many headlines or articles the answer lists. */
  items: number;
  /** Which mover lists and how many names ("top three losers"). */
  movers?: { lists: Array<'gainers' | 'losers'>; count: number };
  /** A decline threshold to flag, in percent ("fell more than 2%"). */
  declineThreshold?: number;
  slackChannel?: string;
  /** Where a post goes when it differs from the channel read ("read #research, then post to #general"). */
  slackPostChannel?: string;
  /** How many recent Slack messages a read of a channel's history asks for. */
  slackMessages?: number;
  /** The topic of a web search, e.g. "memory business" in "coverage of Micron's memory business". */
  searchTopic?: string;
  format: AnswerFormat;
  /** Most words the answer may have ("in under 50 words"). */
  wordLimit?: number;
  /** How many bullets or sentences the answer is split into ("three bullets"). */
  parts?: number;
  /** Moving-average windows the quote already carries (50- and 200-day), when those are all that is asked. */
  quoteAverages?: Array<50 | 200>;
  /** What a ranking of income statements orders by ("rank them by net margin"). */
  incomeRankBy?: IncomeRank;
  /** All-caps tokens that look like ticker symbols, in order of appearance. */
  tickerCandidates: string[];
  /** Capitalised phrases that may name a company, in order of appearance. */
  nameCandidates: string[];
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};

function numberFrom(token: string): number | undefined {
  const value = /^\d+$/.test(token) ? Number(token) : NUMBER_WORDS[token.toLowerCase()];
  return value !== undefined && value > 0 ? value : undefined;
}

function detectSessions(text: string): number | undefined {
  const t = withoutAverageVolumeSpans(text.toLowerCase());
  // The asks' window (libs/asks) first: "the last 10 daily bars … avgVolume (50 sessions) for reference" asks 10.
  const asked = readAsks(text).asks.find((ask) => ask.kind === 'window');
  if (asked?.kind === 'window') return asked.window.unit === 'sessions' ? asked.window.count : undefined;
  const explicit = /(?:last|past|previous|over the last|over the past)\s+(\w+)\s+(?:trading\s+)?(?:sessions|days|trading days)/.exec(t)
    ?? /(?<![\d-])(\d+)-(?:session|day)\b(?![- ](?:high|low|range|moving|average|avg|ma\b|sma\b|ema\b|ago\b))/.exec(t);
  if (explicit && numberFrom(explicit[1])) return numberFrom(explicit[1]);
  // Terse windows: "20d", "10d return", "ten-day", "over those 3 sessions", "15 trading days" (not "50-day average",
  // "20d high" or "2 days ago").
  for (const match of t.matchAll(/(?<![\d-])\b(\w+)[- ]?(?:trading[- ])?(?:sessions?|days?|d)\b(?![- ](?:high|low|range|moving|average|avg|ma\b|sma\b|ema\b|ago\b|print))/g)) {
    const count = numberFrom(match[1]);
    if (count !== undefined && count > 1 && count <= 250) return count;
  }
  // Calendar spans in sessions: a week holds 5, a month 21, a year 252 (capped by the bars the window holds). A bare
  // "52-week" ("52w pos", "52-week position") names the yearly range a quote gives, not a window of bars.
  const span = /(?:last|past|previous|over the last|over the past)\s+(\w+)\s+(weeks?|months?|years?)\b/.exec(t) ?? /\b(?!52[- ]weeks?\b)(\d+)[- ](weeks?|months?)\b(?![- ](?:high|low|range))/.exec(t);
  const perSpan = (unit: string) => (unit.startsWith('week') ? 5 : unit.startsWith('month') ? 21 : 252);
  // "the last two years" of income statements are fiscal periods, not sessions of bars.
  const fiscal = /income statement|revenue|margin|earnings|profit/.test(t) && !/daily bars|session|price|stock|share/.test(t);
  if (fiscal) return undefined;
  if (span && numberFrom(span[1])) return Math.min(numberFrom(span[1])! * perSpan(span[2]), 250);
  // "our weekly segment" names a publication, not a window.
  if (/(this|past|last|the) week\b|weekly(?!\s+(?:['‘"“]|segment|column|note|report|recap|call|meeting|newsletter|update|review|digest|thread|show|piece|podcast|letter))|week-over-week/.test(t)) return 5;
  if (/month\b|monthly/.test(t)) return 21;
  if (/(?:past|last|over the) year\b|12 months|twelve months/.test(t)) return 250;
  return undefined;
}

function detectStatements(text: string): PromptReading['statements'] {
  const t = text.toLowerCase();
  const period = /quarter|qoq/.test(t) ? 'quarter' : 'annual';
  const word = /(\w+)\s+(?:most recent\s+|latest\s+|last\s+)?(?:annual\s+|quarterly\s+|fiscal\s+)?(?:income\s+)?(?:statements|quarters|years)\b/.exec(t)?.[1];
  const count = (word ? numberFrom(word) : undefined) ?? (period === 'quarter' ? 4 : 2);
  // Growth over n periods needs the period before the first one too.
  const needsPrior = period === 'quarter' && /growth|quarter-over-quarter|qoq/.test(t);
  // Year-over-year growth of a quarter compares it with the same quarter a year earlier: five quarters at least.
  if (period === 'quarter' && /year[- ]over[- ]year|\byoy\b|year[- ]ago|a year earlier|same quarter (?:last|a|of the prior) year|prior[- ]year quarter/.test(t)) {
    return { period, count: Math.min(Math.max(needsPrior ? count + 1 : count, 5), 8), yearOverYear: true };
  }
  return { period, count: Math.min(needsPrior ? count + 1 : count, 8) };
}

function detectItems(text: string): number {
  const t = text.toLowerCase();
  const word = /(\w+)\s+(?:(?:most\s+)?recent\s+|latest\s+|news\s+|web\s+|independent\s+)*(?:headlines|articles|stories|sources|links|results)\b/.exec(t)?.[1]
    ?? (/headlines|articles|stories|sources|links/.test(t) ? /\b(\w+) (?:each|apiece|per (?:name|company|stock))\b/.exec(t)?.[1] : undefined);
  const count = word ? numberFrom(word) : undefined;
  return count ? Math.min(count, 10) : 1;
}

function detectMovers(text: string): PromptReading['movers'] {
  const t = text.toLowerCase();
  const lists: Array<'gainers' | 'losers'> = [];
  if (new RegExp(String.raw`gainer|best (performer|stock)|top performer|biggest gain|(?:${ROSE})(?: the)? most|risers|mover|\bled\b|\bleaders\b|\btop (?:\d+|three|five|ten) up\b`).test(t)) lists.push('gainers');
  // "if anything in our universe dropped more than 5%": the losers list holds the name to judge.
  if (new RegExp(String.raw`loser|worst|biggest (drop|decline|fall)|\b${ANY_NAME}\b[^.?!]{0,30}\b(?:${FELL})\b|(?:${FELL})(?: the)? most|decliners|fallers|mover|\blagg(?:ed|ards?)\b|\bbottom (?:\d+|three|five|ten)\b`).test(t)) lists.push('losers');
  // "top 3 up, bottom 3 down", "which three names … led the tape": the count written before or after the list.
  // ("today's end-of-day movers note … the three largest gainers": the first count written before a list.)
  const word = [...t.matchAll(/(\w+)\s+(?:biggest\s+|largest\s+)?(?:gainers|losers|movers)/g)].map((match) => match[1]!).find((found) => numberFrom(found) !== undefined)
    ?? /\b(?:top|bottom)\s+(\w+)\s+(?:up|down|names|stocks|tickers)\b/.exec(t)?.[1]
    ?? /\b(\w+)\s+(?:names|stocks|tickers)\b[^.?!]{0,40}\bled\b/.exec(t)?.[1]
    // "which three tanked the most".
    ?? new RegExp(String.raw`\b(?:which|what|the)\s+(\w+)\s+(?:${FELL}|${ROSE}|moved)\b`).exec(t)?.[1];
  return { lists: lists.length ? lists : ['gainers'], count: Math.min((word ? numberFrom(word) : undefined) ?? 5, 20) };
}

function detectSearchTopic(text: string): string | undefined {
  const match = /(?:coverage|analysis|articles?|reports?|news|information|commentary|results?|pages?|sources|searches|web search)\s+(?:of|on|about|regarding|covering)\s+([^.,;?!]+?)(?:\s+(?:and|with|then|plus)\b|[.,;?!]|$)/i.exec(text)
    ?? /(?:explaining|explains?|about)\s+([^.,;?!]+?)(?:\s+(?:and|with|then|plus)\b|[.,;?!]|$)/i.exec(text)
    // "I'm writing a theme piece on AI data-center spending. Search the web …": the piece's subject.
    ?? /\b(?:piece|note|story|primer|deep dive|explainer|feature|column|brief|research)\s+(?:on|about|covering)\s+([^.,;?!]+?)(?:\s+(?:and|with|then|plus)\b|[.,;?!]|$)/i.exec(text);
  if (!match) return undefined;
  const topic = match[1].replace(/['’]s\b/g, '').replace(/^(the|a|an|its|their|his|her)\s+/i, '').trim();
  return /^(it|this|that|them|each|both|these|those|the latest news|latest news)$/i.test(topic) ? undefined : topic;
}

/**
 * "50-day and 200-day moving averages" are fields of the quote; a window the quote lacks ("20-day average") is
 * computed from daily bars instead. Returns the windows when the quote serves them all, and then drops the trend.
 */
function readQuoteAverages(text: string, facets: Set<Facet>, sessions: number | undefined): PromptReading['quoteAverages'] {
  if (!facets.has('moving-average')) return undefined;
  // The windows an average is named with ("50-day average", "200-session moving average", "50dma"); "down 5% over the
  // last 5 sessions" beside them is the trend's window, measured from bars as well.
  const averaged = [...text.matchAll(/\b(\d+)(?:[- ]?(?:day|session|d)(?:[- ](?:simple[- ])?moving)?[- ](?:average|avg|ma|sma)\b|\s?dma\b)/gi)].map((match) => Number(match[1]));
  const windows = averaged.length > 0 ? averaged : [...text.matchAll(/(\d+)[- ](?:day|session)\b/gi)].map((match) => Number(match[1]));
  if (windows.length === 0 || !windows.every((window) => window === 50 || window === 200)) return undefined;
  // ("worst vs spy over 20 sess. if that name is also below its 50dma": the 20 sessions are a window of bars.)
  const trend = /trend|daily bars|return|last \w+ (?:trading )?(?:sessions|days)/i.test(text) || (averaged.length > 0 && sessions !== undefined && !(windows as number[]).includes(sessions));
  if (trend && averaged.length === 0) return undefined;
  if (!trend) facets.delete('trend');
  return [...new Set(windows)].sort((a, b) => a - b) as Array<50 | 200>;
}

function incomeRankBy(text: string): PromptReading['incomeRankBy'] {
  const t = text.toLowerCase();
  const margin = /(?:rank|order|sort)\w*[^.?!]{0,60}\bby (?:their |its |the )?(?:latest |net |gross |operating )*margins?/.exec(t)?.[0]
    ?? /(?:higher|highest|better|best|bigger|biggest|wider|widest|compare|comparing)\s+(?:\w+\s+){0,2}(?:net |gross |operating )?margins?/.exec(t)?.[0]
    ?? /more profitable|most profitable/.exec(t)?.[0];
  if (!margin) return /net income growth|growth (?:of|in) net income|net income grew|earnings growth/.test(t) ? 'net-income-growth' : 'revenue-growth';
  return /gross/.test(margin) ? 'gross-margin' : /operating/.test(margin) ? 'operating-margin' : 'net-margin';
}

export const FISCAL_EPS = /(?:\beps\b|earnings per share)[^.?!]{0,40}(?:fiscal year|\bfy\b)|(?:fiscal year|\bfy\b)[^.?!]{0,20}(?:\beps\b|earnings per share)/i;

/** The channel a post is sent to, named after the verb ("then post a summary to #general"). */
function postChannel(text: string): string | undefined {
  const channel = /\b(?:post|send|share|drop|push|write)\b[^.?!#]{0,40}#([a-z0-9][\w-]*)/i.exec(text)?.[1];
  return channel ? `#${channel.toLowerCase()}` : undefined;
}

// Words before a quoted text that make it the text of a post: "post 'X'", "Exact text: "X"", "saying "X"".
const POST_CUE = /\b(?:post(?:ing|ed)?|send(?:ing)?|shar(?:e|ing)|sa(?:ying|ys?)|text|message|wording|verbatim|exactly|reads?|writ(?:e|ing)|caption)\b[^.?!\n]{0,40}$/i;

/** The quoted texts a prompt that posts to Slack gives to be posted, in order, with their spans (quotes included). */
export function postedTexts(text: string): Array<{ text: string; start: number; end: number }> {
  if (!/#[a-z0-9]|\bslack\b/i.test(text)) return [];
  return quotedSpans(text)
    .filter(([start]) => POST_CUE.test(text.slice(Math.max(0, start - 60), start)))
    .map(([start, end]) => ({ text: text.slice(start + 1, end - 1).trim(), start, end }))
    .filter((posted) => posted.text.length >= 3);
}

/**
 * The prompt with the texts it asks to post blanked out: a post's wording ("Weekly note: semis coverage updated")
 * asks for nothing, so it adds no facet, window or group. Offsets are kept.
 */
export function withoutPostedTexts(text: string): string {
  let plain = text;
  for (const { start, end } of postedTexts(text)) plain = plain.slice(0, start + 1) + ' '.repeat(end - start - 2) + plain.slice(end - 1);
  return plain;
}

/** The channel a read-then-post prompt reads: the first channel named that is not where the post goes. */
function readChannel(text: string, facets: Set<Facet>): string | undefined {
  if (!facets.has('slack-read') || !facets.has('slack')) return undefined;
  const post = postChannel(text);
  return [...text.matchAll(/#([a-z0-9][\w-]*)/gi)].map((match) => `#${match[1].toLowerCase()}`).find((channel) => channel !== post);
}

/** "A table with the columns Ticker, Close and % change", "table (ticker, return, stance)": headers, not companies. */
function withoutColumnLabels(text: string): string {
  return text
    .replace(/\b(?:with|having|using|under|and) (?:the |these |those |following |its )?(?:\w+ )?columns?\b\s*(?:named|called|labell?ed|titled|headed)?\s*:?[^.\n)]*|\bcolumns?\s*:[^.\n)]*/gi, ' ')
    .replace(/\btable\s*\([^)]*\)/gi, ' table ');
}

/** Reads facets, period, form and entity candidates from a prompt. */
export function readPrompt(prompt: string): PromptReading {
  // Everything but the entity candidates is read without the texts to post.
  const text = expandShorthand(withoutPostedTexts(prompt));
  const facets = detectFacets(text);
  const sessions = detectSessions(text);
  if (sessions !== undefined && !facets.has('market-status')) facets.add('trend');
  const threshold = /(?:fell|dropped|declined|lost|down)\s+(?:by\s+)?more than\s+(\d+(?:\.\d+)?)\s*%/i.exec(text);
  const channel = /#([a-z0-9][\w-]*)/i.exec(text)?.[1];
  // Reading a channel's messages and then posting there does both.
  // "Do not post", "read only": nothing is written to Slack, whatever else the prompt says.
  const readOnly = forbidsPosting(text);
  const postsAfterReading = !readOnly && facets.has('slack-read') && /(?:messages|posts|history)\b[^]*\b(?:post|send|share)\b/i.test(text);
  if (channel && !readOnly && (!facets.has('slack-read') || postsAfterReading) && /slack|channel|post|send|share|message|note|notify|\bdrop\b|\bping\b/i.test(text)) facets.add('slack');
  // "Tell me about X" / "give me a snapshot of X" asks for an overview: what it is and how it trades.
  if (/tell me about|overview of|snapshot of|rundown on|run-down on|brief me on|what do you know about/i.test(text) && !facets.has('income')) {
    facets.add('profile').add('price').add('move');
  }
  // "margin trend" over statements is not a price trend; a price trend names sessions or bars.
  if (facets.has('income') && sessions === undefined && !/daily bars|session|price trend/i.test(text)) facets.delete('trend');
  // "EPS for the last fiscal year" is a statement fact (diluted EPS), not the quote's trailing EPS.
  if (FISCAL_EPS.test(text)) facets.add('income');
  const quoteAverages = readQuoteAverages(text, facets, sessions);
  // "Which of the three gets the most negative coverage" picks by the news' tone: no ranking of moves is asked.
  const asks = readAsks(prompt).asks;
  const decided = asks.filter((ask) => ask.kind === 'pick' || ask.kind === 'ranking');
  if (decided.length > 0 && decided.every((ask) => 'by' in ask && ask.by === 'sentiment') && !facets.has('move')) facets.delete('ranking');
  const form = readAnswerForm(text);
  const names = withoutColumnLabels(withoutCorporateSuffixes(prompt));
  return {
    rawText: prompt,
    asks,
    facets,
    sessions: quoteAverages && !facets.has('trend') ? undefined : sessions,
    statements: facets.has('income') ? detectStatements(text) : undefined,
    // The list the asks read ("the two latest Micron headlines") before the planner's own count of items.
    items: Math.min(asks.flatMap((ask) => (ask.kind === 'list' ? [ask.count] : []))[0] ?? detectItems(text), 10),
    movers: facets.has('movers') ? detectMovers(text) : undefined,
    declineThreshold: threshold ? Number(threshold[1]) : undefined,
    slackMessages: numberFrom(/(\w+)\s+(?:most\s+recent\s+|latest\s+|last\s+)?(?:messages|posts)\b/i.exec(text)?.[1] ?? '') ?? 5,
    slackChannel: readChannel(text, facets) ?? (channel ? `#${channel.toLowerCase()}` : facets.has('slack') ? '#general' : undefined),
    slackPostChannel: facets.has('slack') && facets.has('slack-read') ? postChannel(text) : undefined,
    searchTopic: detectSearchTopic(text),
    format: form.format,
    wordLimit: form.wordLimit,
    parts: form.parts,
    quoteAverages,
    incomeRankBy: facets.has('income') ? incomeRankBy(text) : undefined,
    tickerCandidates: tickerCandidates(names),
    nameCandidates: nameCandidates(names),
  };
}
