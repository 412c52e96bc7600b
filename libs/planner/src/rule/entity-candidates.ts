import { escapeRegExp } from '../escape-reg-exp.ts';
/**
 * Words of a prompt that may name a company: all-caps tokens that look like symbols ($cashtags included) and
 * capitalised phrases. Corporate suffixes ("Meta Platforms, Inc.") are dropped so the name is looked up whole.
 */

// Acronyms that are finance vocabulary, not symbols. A domain stop list, never a list of companies.
const NOT_TICKERS = new Set([
  'A', 'I', 'US', 'USA', 'UK', 'EU', 'ETF', 'ETFS', 'CEO', 'CFO', 'CTO', 'AI', 'EPS', 'YOY', 'QOQ', 'IPO', 'USD',
  'NYSE', 'NASDAQ', 'ET', 'EST', 'EDT', 'UTC', 'GMT', 'API', 'EV', 'GDP', 'CPI', 'FED', 'SEC', 'PE', 'OK', 'Q1', 'Q2',
  'Q3', 'Q4', 'FY', 'TTM', 'ROE', 'ROI', 'EBIT', 'EBITDA', 'FCF', 'M&A', 'R&D', 'GPU', 'CPU', 'HBM', 'DRAM', 'NAND',
  'TV', 'PC', 'VWAP', 'NOT', 'DO', 'DONT', 'NO', 'ONLY', 'FYI', 'ASAP', 'RN', 'BTW', 'PLS', 'TLDR', 'IMO', 'IT', 'AM', 'PM', 'NOTE', 'INC', 'CORP', 'LLC', 'PLC', 'LTD', 'CO', 'VS', 'ATH', 'DCF', 'SMA', 'EMA', 'RSI', 'MACD', 'URL', 'PDF', 'FAQ', 'TL', 'DR',
  // Desk shorthand: near/long term, end of day, week, price, change, volume, dividend, overweight/underweight/equal-weight.
  'NT', 'LT', 'ST', 'EOD', 'WK', 'MTD', 'YTD', 'QTD', 'PX', 'CHG', 'VOL', 'DIV', 'HI', 'LO', 'OW', 'UW', 'EW', 'MKT', 'BPS', 'ADV', 'AVG', 'IV', 'OI', 'PT', 'FWD', 'LTM', 'NTM', 'WOW', 'DOD', 'THX',
  // Memo headings, and the agencies and offices news names (a probe by the DOJ is not a DOJ ticker).
  // Index names, benchmarked through their ETFs (the benchmark ask reads "vs SPX" as SPY).
  'SPX', 'NDX', 'DJI', 'RUT',
  // Short words written in capitals for emphasis ("biggest gap DOWN and biggest gap UP").
  'UP', 'OR', 'IF', 'IS', 'TO', 'OF', 'BY', 'AT', 'SO', 'AS', 'AN', 'WE', 'ME', 'MY', 'AND', 'THE', 'BUT', 'ALL', 'ANY', 'OFF', 'OUT', 'NOW',
  'MEMO', 'RE', 'CC', 'SUBJ', 'URGENT', 'DRAFT', 'TODO', 'IR', 'PR', 'KPI', 'DOJ', 'FTC', 'FDA', 'NHTSA', 'FCC', 'CFTC', 'FINRA', 'ECB', 'IMF', 'OPEC',
]);

// Words written in capitals for emphasis that are no function words ("top 3 by ABSOLUTE %", "RAISE guidance").
const SHOUTED = new Set(['ABSOLUTE', 'RAISE', 'RAISED', 'NEVER', 'ALWAYS', 'EVERY', 'MUST', 'REALLY', 'HUGE', 'MASSIVE', 'BOTH', 'EACH', 'ONLY', 'EXACTLY', 'STRICTLY', 'SIGNED', 'NEGATIVE', 'POSITIVE', 'BEFORE', 'AFTER', 'WITHOUT', 'EXCLUDING', 'INCLUDING', 'FIRST', 'LAST', 'WORST', 'BEST', 'HIGHEST', 'LOWEST', 'GAPS', 'OPEN', 'CLOSE', 'HIGH', 'TABLE', 'BULLETS', 'PLEASE', 'URGENT']);

// Capitalised words that start questions and instructions; they are never company names on their own.
const FUNCTION_WORDS = new Set(
  ('a an the and or but if is are was were be been do does did done what which who whom whose when where why how ' +
    'give show tell list rank compare find search summarise summarize using use prepare check build look over for ' +
    'analyse analyze briefly in on of to from by with then also please include confirm explain compute calculate ' +
    'get fetch report post send write make create provide identify determine describe label cite flag say ' +
    'fact-compare fact-check is it this that these those there here now today yesterday latest recent current ' +
    'morning evening brief market markets stock stocks share shares price prices news headline headlines ' +
    'note summary verdict sector industry volume trend session sessions daily weekly annual quarterly ' +
    'income statement statements revenue growth margin net gross slack channel web coverage analysis ' +
    'positive negative neutral risks risk opportunities opportunity both each all any my our your their ' +
    'top bottom first last next previous after before between against versus vs above below under ' +
    'did has have had will would should could can may might must let lets let\'s i we you they he she ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mon tue tues wed thu thur thurs fri sat sun nasdaq-100 etf etfs index ceo cfo vs moved more less much many most ' +
    'up down day days week year ago who how why what were was it its among amongst whether take pull pls hey quick quant ' +
    'just only not no yes ok okay sure thanks thank hi hello somebody someone anyone anything nothing one two three status')
    .split(/\s+/),
);

/** True for words of questions and instructions, which never name a company on their own. */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word.toLowerCase()) || NOT_TICKERS.has(word.toUpperCase());
}

// Legal-form suffixes that follow a company name; they never name a company on their own.
const CORPORATE_SUFFIX = /,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC)\b\.?(?=[\s,;:!?)]|$)/g;

/** The prompt without legal-form suffixes after names. */
export function withoutCorporateSuffixes(text: string): string {
  return text.replace(CORPORATE_SUFFIX, '');
}

export function tickerCandidates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![\w#$.-])\$?([A-Z]{1,5}(?:\.[A-Z])?)(?=['’]s\b|[^\w-]|$)/g)) {
    const symbol = match[1];
    const inParentheses = text[match.index - 1] === '(' && text[match.index + match[0].length] === ')';
    if (NOT_TICKERS.has(symbol)) continue;
    if (symbol.length === 1 && !inParentheses) continue;
    // "biggest gap DOWN", "top 3 by ABSOLUTE %", "gonna RAISE guidance": a shouted word, not a symbol.
    if (symbol.length >= 4 && !inParentheses && text[match.index] !== '$' && (FUNCTION_WORDS.has(symbol.toLowerCase()) || SHOUTED.has(symbol))) continue;
    // "DON'T post", "CAN'T", "WON'T": a shouted contraction, not a ticker.
    if (/^['’](?:t|re|ve|ll|d|m)\b/i.test(text.slice(match.index + match[0].length)) || /^N['’]T\b/i.test(text.slice(match.index + match[0].length - 1))) continue;
    // "the U.S. market", "U.K. banks": an abbreviation with dots, not a class share like BRK.B.
    if (/^[A-Z]\.[A-Z]$/.test(symbol) && text[match.index + match[0].length] === '.') continue;
    if (!found.includes(symbol)) found.push(symbol);
  }
  return found;
}

/** "Intel-specific", "Nvidia-driven", "sector-wide": a descriptive suffix; the name before it is the candidate. */
export const HYPHEN_SUFFIX = /-(?:specific|driven|wide|related|led|based|linked|heavy|only|centric|focused|like|style|exposed|sensitive|level|type|ready|friendly)$/i;

export function nameCandidates(prompt: string): string[] {
  // "the JPMorgan-versus-Bank of America question": two names joined by a hyphenated "versus".
  const text = prompt.replace(/-(?:versus|vs\.?|against|or|and)-/gi, ' versus ');
  const phrases: string[] = [];
  // "shares of the iPhone maker": a brand written in camel case names its company through the search tool's aliases.
  for (const match of text.matchAll(/(?<![\w/.@-])[a-z][A-Z][a-z]{2,}\b/g)) if (!phrases.includes(match[0])) phrases.push(match[0]);
  // Capitalised runs, joined by "of", "&" or "and" only inside a name ("Bank of America", "S&P 500").
  const pattern = /(?<![\w/])(?:[A-Z][\w&.-]*(?:['’]s)?|S&P)(?:\s+(?:of|&)?\s*(?:[A-Z][\w&.-]*|\d{2,4}\b)(?:['’]s)?)*/g;
  for (const match of text.matchAll(pattern)) {
    // "my client Margaret", "our colleague Priya", "run by Jamie Dimon": a person, not a company.
    if (PERSON_BEFORE.test(text.slice(Math.max(0, match.index - 24), match.index))) continue;
    const words = match[0].replace(/['’]s\b/g, '').split(/\s+/).map((word) => word.replace(/[.-]+$/, '').replace(HYPHEN_SUFFIX, '')).filter(Boolean);
    const trimmed = trimFunctionWords(words);
    if (trimmed.length === 0) continue;
    const phrase = trimmed.join(' ');
    // All-caps words ("XOM", "EW CVX") are symbols or shorthand: the ticker candidates handle them.
    if (trimmed.every((word) => /^[A-Z]{1,5}(?:\.[A-Z])?$/.test(word))) continue;
    if (trimmed.every((word) => SHOUTED.has(word))) continue;
    if (!phrases.includes(phrase)) phrases.push(phrase);
  }
  return phrases;
}

// A relation or a role before a name: "my client Margaret", "run by Jamie Dimon", "CEO Tim Cook" ("led by" is left
// out: "the rally was led by Nvidia" names a company).
const PERSON_BEFORE = /\b(?:client|customer|colleague|friend|boss|manager|partner|wife|husband|mother|father|mum|mom|dad|brother|sister|son|daughter|uncle|aunt|cousin|neighbou?r|advisor|adviser|dear|named|(?:run|headed|chaired|founded|helmed) by|ceo|chief executive(?: officer)?|chair(?:man|woman|person)|founder),?\s+(?:is\s+)?$|\b(?:mr|mrs|ms|dr)\.?\s+$/i;
// ("…for a retail-heavy client. Rank Walmart, …": a sentence's end after "client" is not a relation before a name.)

function trimFunctionWords(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  const isFunction = (word: string) => FUNCTION_WORDS.has(word.toLowerCase()) || word === '&';
  while (start < end && (isFunction(words[start]) || /^(of|and)$/i.test(words[start]))) start++;
  while (end > start && (isFunction(words[end - 1]) || /^(of|and)$/i.test(words[end - 1]))) end--;
  return words.slice(start, end);
}


// Capitalised words of desks, roles and documents ("for the Compliance team"): ordinary words, never companies.
const ORDINARY_CAPITALISED = new Set(
  ('compliance legal finance sales ops operations management board client clients investor investors analyst analysts ' +
    'portfolio research trading team desk committee thanks bullet bullets bulleted table markdown json summary recap ' +
    'hourly percent quote screen keep journalist verify max min note boss manager trader traders ' +
    // Words of answer specs: column names, verdict and rating options ("True / False", "Buy / Hold / Sell").
    'ticker tickers symbol symbols change changes pct last close open high low row rows column columns header headers ' +
    'true false correct incorrect buy hold sell accumulate trim exit bull bear bulls bears ' +
    'overweight underweight equal-weight long short flat mixed verdict output format options choices answer response ' +
    // Languages an answer is asked in ("explain each in plain English").
    'english plain').split(/\s+/),
);

// Labels of a written answer spec ("Format: …", "Options: …", "Must include: …"): what follows names the form.
const SPEC_LABEL = /(?:^|[\n.;!?)]\s*|\s)(?:format|output|answer|response|reply|options?|choices?|columns?|fields|headers?|headings?|layout|deliverables?|constraints?|must include|include|style|tone|length|structure|verdict|ratings?|scale|labels?|categories|template|sections?|title|subject|tags?|values|stance|recommendation|call)\s*:[^\n.?!]*$/i;

// Column names after "columns" ("a table with columns Ticker, Price, % Change"): labels of the table.
const COLUMN_LIST = /\b(?:columns?|fields|headers|headings)\b[^\n.;!?]*$/i;

/** The [start, end) spans of quoted texts ("…", “…”, '…', ‘…’); apostrophes inside words do not open a quote. */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(/"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|(?<![\w])'[^'\n]*?'(?![\w])/g)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

/**
 * Whether the phrase at this position is an item of a slash-separated option list ("Buy / Hold / Sell",
 * "(True / False)") that names none of the known companies: options, not companies.
 */
function inOptionList(text: string, start: number, end: number, known: string[]): boolean {
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (!/\/\s*["'“‘]?$/.test(before) && !/^["'”’]?\s*\//.test(after)) return false;
  const from = Math.max(...['\n', '.', ':', ';', '(', '?', '!'].map((mark) => before.lastIndexOf(mark))) + 1;
  const stops = ['\n', '.', ';', ')', '?', '!', ' - ', ','].map((mark) => after.indexOf(mark)).filter((index) => index >= 0);
  const list = text.slice(from, end + (stops.length ? Math.min(...stops) : after.length));
  return !known.some((name) => new RegExp(`(?<![\\w])${escapeRegExp(name)}(?![\\w])`, 'i').test(list));
}

// Nouns after a word that make it a label, not a company ("the Healthcare sector", "the Risk team").
const LABEL_NOUN = /^\s+(?:sector|industry|stocks?|names|space|team|desk|department|dept|group|committee|report|summary|note|view|section|officer|lead|people|folks|etfs?)\b/i;

// A publication or message board a claim is sourced to ("a post on Stock Chatter Forum", "per Harbor Street Wire").
const SOURCE_NAME = /\b(?:Forum|Board|Boards|Wire|Newswire|Review|Journal|Weekly|Daily|Notes|Digest|Insider|Ledger|Monitor|Times|Herald|Gazette|Blog|Chatter|Post)$/;
// What a named company buys, pays for or merges with: "Lilly pays $26.4B for Helix Data Works", "JPM to buy Tessellate".
const DEAL_OBJECT = /\b(?:acquir\w*|acquisition of|buy(?:s|ing)?|bought|purchas\w*|takeover (?:of|bid for)|deal (?:for|with)|merg\w* with|bid for|(?:agreement|contract|partnership) with|stake in|pa(?:y|ys|ying|id)\s+(?:about\s+|roughly\s+|around\s+|like\s+|nearly\s+|~)?\$?[\d.,]+\s*(?:[bmk]n?|billion|million)?\s+(?:for|to (?:buy|acquire)))\s+(?:a |an |the )?(?:(?:private |small |little-known )?(?:company|firm|startup|business|maker) (?:called|named)\s+)?$/i;
// A product line or unit after a name ("UnitedHealth halted all Medicare Advantage shipments").
const PRODUCT_LINE = /^\s+(?:shipments?|plans?|products?|business|unit|division|segment|programs?|contracts?|deliveries|sales|orders|services?|platform|brand|franchise|drugs?|chips?|devices?)\b/i;

/**
 * The clause before a phrase names a company the question is about, as the buyer of what follows ("Meta was gonna
 * pay like $67 billion for Tessellate Networks") or as the maker of a product line the phrase names.
 */
function dealByKnown(before: string, after: string, known: string[]): boolean {
  if (!DEAL_OBJECT.test(before) && !PRODUCT_LINE.test(after)) return false;
  const clause = before.split(/[.?!;](?=\s)|\n/).at(-1) ?? '';
  return known.some((name) => name.length > 1 && new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`, 'i').test(clause));
}

/**
 * Whether a capitalised phrase the search tool did not know reads as a company name the question is about:
 * written mid-sentence, no article before it or label noun after it, no digits or symbols, not an ordinary word.
 * "is Shopify cheaper than Amazon" names Shopify; "Keep it short", "the Compliance team" and "Nov 16" name nothing.
 */
export function looksLikeCompanyName(text: string, phrase: string, known: string[] = []): boolean {
  // A camel-case brand the search does not know ("iPad", "eBay") is a product word here, not a company left out.
  if (/^[a-z][A-Z]/.test(phrase)) return false;
  const words = phrase.split(/\s+/);
  if (words.some((word) => /\d/.test(word) || /^[A-Z&.]{1,6}$/.test(word) || isFunctionWord(word) || ORDINARY_CAPITALISED.has(word.toLowerCase()))) return false;
  const escaped = escapeRegExp(phrase);
  const quoted = quotedSpans(text);
  for (const match of text.matchAll(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g'))) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + phrase.length);
    // Sentence-initial words are capitalised whatever they are (a closing quote may end the sentence before).
    if (/(?:^|[.?!:;\n—–-]["'”’)]*|\s-)\s*["'“‘(]?$/.test(before)) continue;
    // Quoted texts (a column's name, a post to send) and the spec's labels, columns and options name no company.
    if (quoted.some(([start, end]) => start < match.index && match.index < end)) continue;
    if (SPEC_LABEL.test(before) || COLUMN_LIST.test(before)) continue;
    if (inOptionList(text, match.index, match.index + phrase.length, known)) continue;
    if (/\b(?:the|a|an|our|my|your|their|this|that)\s+$/i.test(before)) continue;
    if (LABEL_NOUN.test(after)) continue;
    // A claim's source, the private target a named company is buying, or its product line is not a company to research.
    if (SOURCE_NAME.test(phrase) || dealByKnown(before, after, known)) continue;
    // "Shopify (SHOP)": the symbol written beside it is planned, and fails cleanly if unknown.
    if (/^\s*\(\$?[A-Z]{1,5}(?:\.[A-Z])?\)/.test(after)) continue;
    return true;
  }
  return false;
}
