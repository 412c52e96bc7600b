import type { ToolCaller } from '@forge/tools';
import type { PromptReading } from './read-prompt.ts';
import { HYPHEN_SUFFIX, isFunctionWord } from './entity-candidates.ts';
import { escapeRegExp } from '../escape-reg-exp.ts';

/** A company or fund the prompt is about. */
export interface Entity {
  symbol: string;
  /** State-key prefix, e.g. "aapl" or "brk_b". */
  slug: string;
  /** What the prompt called it ("Broadcom"); undefined when it wrote the symbol. */
  mention?: string;
  /** The name the search tool returned, when it was looked up. */
  name?: string;
  /** True when the plan must resolve the name with fmp_search_ticker before using the symbol. */
  resolvedByName: boolean;
  /** Index of the symbol in the search step's results, for the plan's select. */
  searchIndex: number;
  /** A name the search tool did not know at plan time; its search step fails the run cleanly. */
  unresolved?: boolean;
}

interface SearchHit {
  symbol: string;
  name: string;
}

export function slugOf(symbol: string): string {
  return symbol.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

async function search(tools: ToolCaller, query: string): Promise<SearchHit[]> {
  const result = await tools.call('fmp', 'fmp_search_ticker', { query, limit: 10 });
  if (!result.ok) return [];
  const rows = (result.structuredContent as { results?: unknown }).results;
  if (!Array.isArray(rows)) return [];
  return rows.filter((row): row is SearchHit => typeof row?.symbol === 'string' && typeof row?.name === 'string');
}

/** The company name the search tool gives a symbol, if it knows the symbol exactly. */
export async function companyNameOf(tools: ToolCaller, symbol: string): Promise<string | undefined> {
  return (await search(tools, symbol)).find((hit) => hit.symbol === symbol)?.name;
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9&]+/).filter(Boolean);

/** A hit names the phrase when every word of the phrase is a word of the hit's name, in order. */
function namesPhrase(hit: SearchHit, phrase: string): boolean {
  const nameWords = words(hit.name);
  let position = 0;
  for (const word of words(phrase)) {
    const found = nameWords.indexOf(word, position);
    if (found < 0) return false;
    position = found + 1;
  }
  return true;
}

/** Sub-phrases longest first, so "Compare Walmart" still finds "Walmart" and "Bank of America" stays whole. */
function subPhrases(phrase: string): string[] {
  const parts = phrase.split(/\s+/);
  const result: string[] = [];
  for (let length = parts.length; length >= 1; length--) {
    for (let start = 0; start + length <= parts.length; start++) {
      const candidate = parts.slice(start, start + length);
      if (/^(of|and|&)$/i.test(candidate[0]) || /^(of|and|&)$/i.test(candidate[candidate.length - 1])) continue;
      result.push(candidate.join(' '));
    }
  }
  return result;
}

/**
 * A single hit for a query its name does not contain is the company of an alias or a distinctive word ("tsmc",
 * "Facebook"), unless the query is only the start of a name word ("semi" → Semiconductor) or a generic name word.
 */
function loneHit(hits: SearchHit[], query: string): boolean {
  const wanted = words(query);
  if (hits.length !== 1 || wanted.length !== 1 || GENERIC_NAME_WORDS.has(wanted[0]!) || wanted[0]!.length < 4) return false;
  return !words(hits[0]!.name).some((part) => part !== wanted[0] && part.startsWith(wanted[0]!));
}

async function resolveName(tools: ToolCaller, phrase: string): Promise<{ hit: SearchHit; index: number; query: string } | undefined> {
  for (const query of subPhrases(phrase)) {
    if (query.length < 3 && !/^[A-Z]/.test(query)) continue;
    const hits = await search(tools, query);
    const named = hits.findIndex((hit) => namesPhrase(hit, query));
    // "Facebook", "Google": an alias the search tool knows returns its one company, whose name does not hold it.
    const index = named >= 0 ? named : loneHit(hits, query) ? 0 : -1;
    if (index >= 0) return { hit: hits[index], index, query };
  }
  return undefined;
}

/**
 * Turns the prompt's ticker and name candidates into entities, in order of first mention. Names are looked up
 * through fmp_search_ticker (no name list lives here); an unknown ticker is kept so its run fails cleanly.
 */
export async function resolveEntities(text: string, reading: PromptReading, tools: ToolCaller): Promise<Entity[]> {
  return (await resolveMentions(text, reading, tools)).entities;
}

/** The entities, and the capitalised phrases the search tool did not know that were not planned as entities. */
export interface Mentions {
  entities: Entity[];
  unknown: string[];
}

/** resolveEntities, also returning the name candidates the search tool knew nothing about. */
export async function resolveMentions(text: string, reading: PromptReading, tools: ToolCaller): Promise<Mentions> {
  const found: Array<Entity & { position: number }> = [];
  const add = (entity: Entity, position: number) => {
    const same = found.find((other) => other.symbol === entity.symbol);
    if (!same) found.push({ ...entity, position });
    else if (position < same.position) same.position = position;
  };
  const unknown: string[] = [];
  for (const phrase of reading.nameCandidates) {
    const resolved = await resolveName(tools, phrase);
    if (!resolved) {
      unknown.push(phrase);
      continue;
    }
    const { hit, index, query } = resolved;
    add({ symbol: hit.symbol, slug: slugOf(hit.symbol), mention: query, name: hit.name, resolvedByName: true, searchIndex: index }, text.indexOf(query));
  }
  for (const symbol of reading.tickerCandidates) {
    const position = text.search(new RegExp(`(?<![A-Za-z])${symbol.replace('.', '\\.')}(?![A-Za-z])`));
    const byName = found.find((entity) => entity.symbol === symbol);
    if (byName) {
      // The prompt also wrote the symbol: no lookup step is needed to know it.
      byName.resolvedByName = false;
      byName.position = Math.min(byName.position, position);
      continue;
    }
    add({ symbol, slug: slugOf(symbol), resolvedByName: false, searchIndex: 0 }, position);
  }
  await dropStrayTickers(text, tools, found);
  const dropped: string[] = [];
  for (const phrase of unknown) {
    // "Rank Tesla and Ford": a name listed beside companies is one too, even when the search tool does not know it.
    if (!found.some((entity) => listedTogether(text, phrase, entity))) {
      dropped.push(phrase);
      continue;
    }
    add({ symbol: phrase, slug: slugOf(phrase), mention: phrase, resolvedByName: true, searchIndex: 0, unresolved: true }, text.indexOf(phrase));
  }
  // A prompt typed in lower case ("jpm p/e and div. also who's ceo at costco") names every company that way.
  const casual = !/(?<!^\W*)\b[A-Z][a-z]/.test(text);
  if (found.length === 0 || casual) await addLowercaseSymbols(text, tools, add);
  if (found.length === 0 || casual) await addLowercaseNames(text, tools, add);
  if (casual) addUnknownLowercaseSymbols(text, found, add);
  const entities = found.sort((a, b) => a.position - b.position).map(({ position: _position, ...entity }) => entity);
  return { entities, unknown: dropped };
}

/**
 * Whether an all-caps token is written as a symbol: a cashtag, in parentheses, next to "stock", "shares" or
 * "ticker", or the subject of a question ("price of ORCL", "how did NIO do", "is SNOW up").
 */
function writtenAsSymbol(text: string, symbol: string): boolean {
  const escaped = symbol.replace('.', '\\.');
  const marked = new RegExp(
    `\\$${escaped}\\b|\\(\\$?${escaped}\\)|\\b${escaped}(?:['’]s)?\\s+(?:stock|shares?|share price|ticker|symbol|etf|fund)\\b|\\b(?:[Tt]icker|[Ss]ymbol)s?:?\\s+${escaped}\\b`,
  );
  if (marked.test(text)) return true;
  // "SNOW 10-sess σ of daily rets", "UBER: beta, 52w high/low": a prompt that opens on the token is about it (memo
  // labels such as "RE:" or "FYI:" are no candidates at all).
  if (new RegExp(`^\\s*${escaped}(?![\\w.])`).test(text)) return true;
  const subject = /\b(?:of|for|on|about|did|does|do|is|was|are|has|have|own|buy|sell|short|compare|rank|quote|price)\s+$/i;
  for (const match of text.matchAll(new RegExp(`(?<![\\w.$])${escaped}(?![\\w.])`, 'g'))) {
    if (subject.test(text.slice(0, match.index))) return true;
  }
  return false;
}

/**
 * All-caps tokens the quote tool does not know, written beside known companies and not as symbols ("OW XOM / OW
 * CVX": overweight; "UW NVDA"), are desk shorthand, not tickers: dropped so they do not sink the plan. A token
 * written as a symbol, or listed with a known company ("Compare ORCL and MSFT"), stays and fails its run cleanly;
 * so does one that is the prompt's only candidate.
 */
async function dropStrayTickers(text: string, tools: ToolCaller, found: Array<Entity & { position: number }>): Promise<void> {
  const candidates = found.filter((entity) => !entity.resolvedByName && !entity.mention);
  const unknown: typeof found = [];
  for (const entity of candidates) {
    const quote = await tools.call('fmp', 'fmp_get_quote', { symbol: entity.symbol });
    if (quote.ok) continue;
    // "TSMC", "GOOG": a common short form of a listed symbol, when the search tool knows it as that one company.
    const hits = await search(tools, entity.symbol);
    const hit = hits.length === 1 ? hits[0]! : undefined;
    // ("BA" is not BAC: a two- or three-letter token is a symbol of its own, known or not.)
    if (hit && entity.symbol.length >= 4 && (hit.symbol.startsWith(entity.symbol) || entity.symbol.startsWith(hit.symbol)) && !found.some((other) => other.symbol === hit.symbol)) {
      Object.assign(entity, { symbol: hit.symbol, slug: slugOf(hit.symbol), name: hit.name });
      continue;
    }
    unknown.push(entity);
  }
  const known = found.filter((entity) => !unknown.includes(entity));
  if (known.length === 0) return;
  for (const entity of unknown) {
    const escaped = entity.symbol.replace('.', '\\.');
    const names = known.flatMap((other) => [other.symbol, other.mention]).filter((name): name is string => Boolean(name)).map(escapeRegExp);
    // "OW XOM": a word written straight before a known company qualifies it.
    const qualifies = new RegExp(`\\b${escaped}\\s+(?:${names.join('|')})\\b`).test(text);
    if (!qualifies && (writtenAsSymbol(text, entity.symbol) || known.some((other) => listedTogether(text, entity.symbol, other)))) continue;
    found.splice(found.indexOf(entity), 1);
  }
}

function listedTogether(text: string, phrase: string, entity: Entity): boolean {
  const other = [entity.mention, entity.symbol].filter((name): name is string => Boolean(name)).map(escape).join('|');
  const joint = `(?:'s)?\\s*(?:,|and|or|vs\\.?|versus|against|with|compared (?:with|to)|relative to|than)\\s*(?:the\\s+)?\\$?`;
  return new RegExp(`(?:${other})${joint}\\$?${escapeRegExp(phrase)}\\b|\\b${escapeRegExp(phrase)}${joint}(?:${other})`, 'i').test(text);
}

/**
 * Casual prompts write symbols in lower case ("tsla vs nvda"). Only when nothing else named a company, a short
 * word counts as a symbol if the search tool knows it exactly as one.
 */
async function addLowercaseSymbols(text: string, tools: ToolCaller, add: (entity: Entity, position: number) => void): Promise<void> {
  for (const match of text.matchAll(/\b[a-z]{2,5}\b/g)) {
    const word = match[0];
    if (isFunctionWord(word)) continue;
    const hits = await search(tools, word.toUpperCase());
    const index = hits.findIndex((hit) => hit.symbol === word.toUpperCase());
    if (index >= 0) add({ symbol: hits[index].symbol, slug: slugOf(hits[index].symbol), resolvedByName: false, searchIndex: index }, match.index);
  }
}

/**
 * In a prompt typed in lower case, a short word in a symbol's place that the search tool does not know ("snow px +
 * day chg", "sbux vs cost vs wmt") is a symbol outside the tools' universe: it is planned unresolved, so the prompt
 * fails by its name instead of being answered without it.
 */
function addUnknownLowercaseSymbols(text: string, found: Array<Entity & { position: number }>, add: (entity: Entity, position: number) => void): void {
  // ("worst vs spy" compares with a benchmark: only a company's symbol chains a word into a list of symbols.)
  const known = new Set(found.flatMap((entity) => [entity.symbol.toLowerCase(), ...(entity.mention ?? '').toLowerCase().split(/\s+/)]).filter((name) => name.length > 1 && !BENCHMARK_NAMES.test(name)));
  const start = text.search(/\S/);
  for (const match of text.matchAll(/(?<![\w#$./-])[a-z]{2,5}(?![\w/-])/g)) {
    const word = match[0];
    if (isFunctionWord(word) || known.has(word) || BENCHMARK_NAMES.test(word) || found.some((entity) => entity.symbol.toLowerCase() === word)) continue;
    const after = text.slice(match.index + word.length);
    const before = text.slice(0, match.index);
    // "snow px …": the prompt opens on the word and a quote's shorthand follows it.
    // ("cond: if …", "out: ticker, ret" open on a label, not a symbol.)
    const opens = match.index === start && /^\s*(?:px|chg|p\/e|pe|div|vol|mkt cap|\+)/.test(after);
    // "sbux vs cost", "cost, sbux": a word chained to a known symbol by "vs", a comma or a slash.
    // ("ex smci, thats hardware": a word chained on one side must end the list on the other.)
    const endsBefore = /(?:^|[,:;(/]|\bvs\.?|\band|\bor)\s*$/.test(before);
    const endsAfter = /^\s*(?:$|[,.;:?!)/-]|\bvs\b|\band\b|\bor\b|\bpx\b|\bchg\b)/.test(after);
    const chained = [...known].map(escapeRegExp).some((name) => (new RegExp(`(?:^|\\s)${name}\\s*(?:vs\\.?|,|/)\\s*$`).test(before) && endsAfter) || (new RegExp(`^\\s*(?:vs\\.?|,|/)\\s*${name}\\b`).test(after) && endsBefore));
    if (!opens && !chained) continue;
    add({ symbol: word.toUpperCase(), slug: slugOf(word.toUpperCase()), mention: word, resolvedByName: true, searchIndex: 0, unresolved: true }, match.index);
  }
}

// Index names a casual prompt benchmarks against ("vs spx"): the benchmark ask measures them by their ETF.
const BENCHMARK_NAMES = /^(?:spx|ndx|dji|rut|spy|qqq|dia|iwm)$/;

// Lower-case words that open many company names but say nothing about which company is meant.
const GENERIC_NAME_WORDS = new Set([
  'advanced', 'american', 'bank', 'banks', 'capital', 'financial', 'first', 'general', 'global', 'group', 'health',
  'holdings', 'international', 'national', 'super', 'technology', 'technologies', 'united', 'energy', 'systems',
  // Words inside names that are ordinary words of a prompt ("average volume", "chase the rally", "computer hardware").
  'average', 'industrial', 'computer', 'semiconductor', 'manufacturing', 'devices', 'platforms', 'chase', 'series', 'trust',
  'wholesale', 'company', 'corporation', 'incorporated', 'limited', 'micro', 'jones', 'russell', 'mobil',
]);

/**
 * Casual prompts write names in lower case ("how is costco doing"). When nothing else named a company, or the whole
 * prompt is typed in lower case, a word counts as a name if the search tool returns a company whose name starts with
 * that word, or exactly one company (an alias or a distinctive name word: "tsmc", "lilly", "google").
 */
async function addLowercaseNames(text: string, tools: ToolCaller, add: (entity: Entity, position: number) => void): Promise<void> {
  for (const match of text.matchAll(/(?<![#$\w])[a-z][a-z.&-]{3,}\b/g)) {
    // "bank-specific", "chip-wide": the word before a descriptive suffix.
    const word = match[0].replace(/[.-]+$/, '').replace(HYPHEN_SUFFIX, '');
    if (isFunctionWord(word) || GENERIC_NAME_WORDS.has(word)) continue;
    const hits = await search(tools, word);
    const first = hits.findIndex((hit) => words(hit.name)[0] === words(word)[0]);
    const index = first >= 0 ? first : loneHit(hits, word) ? 0 : -1;
    if (index < 0) continue;
    const hit = hits[index];
    add({ symbol: hit.symbol, slug: slugOf(hit.symbol), mention: word, name: hit.name, resolvedByName: true, searchIndex: index }, match.index);
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * A likely intended company for a misspelt name ("Microsfot"): a search on the word's first letters whose top
 * name word is within two edits of it. Only for the failure message; the plan never guesses a company.
 */
export async function suggestName(tools: ToolCaller, phrase: string): Promise<string | undefined> {
  const word = words(phrase)[0];
  if (!word || word.length < 5) return undefined;
  for (const hit of await search(tools, word.slice(0, 4))) {
    const first = words(hit.name)[0];
    if (first && editDistance(first, word) <= 2) return `${hit.name} (${hit.symbol})`;
  }
  return undefined;
}
