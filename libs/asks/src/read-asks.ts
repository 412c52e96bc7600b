import type { Ask, Asks, AskWindow } from './ask.ts';
import { COUNT, numberFrom } from './numbers.ts';
import { readForm } from './read-form.ts';
import { readFacts } from './read-facts.ts';
import { readStanceRule } from './read-stance-rule.ts';
import { ACTION } from './stance-lean.ts';
import { expandShorthand } from './shorthand.ts';

const lower = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"');

/** A prompt's sentences, split after terminal punctuation (decimals and tickers with dots stay whole). */
// A company suffix or an abbreviation ("Tesla, Inc. closed above …", "vs. SPY") ends no sentence.
const promptSentences = (t: string) => t.split(/(?<=[.?!])(?<!\b(?:[Ii]nc|[Cc]orp|[Cc]o|[Ll]td|[Pp]lc|vs|e\.g|i\.e)\.)\s+(?=\S)/);

const BENCHMARKS: Array<[RegExp, string]> = [
  [/\bspy\b|s&p ?500|\bthe market\b|\bthe s&p\b|\bspx\b/, 'SPY'],
  [/\bqqq\b|nasdaq|\bndx\b/, 'QQQ'],
  [/\bdia\b|\bdow\b/, 'DIA'],
  [/\biwm\b|russell/, 'IWM'],
];

/** The text without spans that name the quote's 50-session average volume ("the average daily volume of the 50 sessions preceding it"), which are no window to measure. */
export function withoutAverageVolumeSpans(text: string): string {
  return text.replace(/\baverage (?:daily )?(?:trading )?volume (?:of|over|for|across) (?:the )?(?:last |past |prior |previous |preceding )?(?:50|fifty) (?:trading )?(?:sessions|days)(?: (?:preceding|before) (?:it|that|this|the session|today))?/gi, 'average volume');
}

export function readWindow(text: string): AskWindow | undefined {
  const t = withoutAverageVolumeSpans(text);
  const hours = new RegExp(`(?:last|past|previous|trailing|over the last|over the past)\\s+${COUNT}\\s*(?:hours?|hrs?|h)\\b`).exec(t)
    ?? new RegExp(`\\b${COUNT}\\s+(?:hourly|hour|1-hour|60-minute)\\s+(?:bars|candles|buckets)\\b`).exec(t)
    // "the hourly bars of the session (7 bars)": bars counted where only hourly bars are named.
    ?? (/\bhourly\b|\bhour(?:ly)? bars?\b/.test(t) && !/\bdaily bars?\b/.test(t) ? new RegExp(`\\b${COUNT}\\s+bars\\b`).exec(t) : null);
  if (hours && numberFrom(hours[1])) return { unit: 'hours', count: numberFrom(hours[1])! };
  // "1d ret", "the 1-day move" are the session's move, not a window: a window holds at least two sessions.
  const counted = (pattern: RegExp) => [...t.matchAll(new RegExp(pattern.source, 'g'))].map((match) => numberFrom(match[1]!)).find((n) => n !== undefined && n >= 2 && n <= 500);
  // "the 25 November 2026 session" is a date, not a window of 2026 sessions.
  const sessions = counted(new RegExp(`(?:last|past|previous|prior|trailing|over the last|over the past|over(?: those| these| the)?)\\s+${COUNT}\\s+(?:trading\\s+)?(?:sessions|days|trading days|bars|daily bars|daily (?:rets|returns|changes|moves))\\b`))
    // ("the 2026-11-25 session" is a date: its day is no count.)
    ?? counted(/(?<![\d-])\b(\d{1,3})[- ]?(?:sessions?|sess|days?|d)\b(?![- ](?:high|low|range|moving|average|ma\b|ago))/)
    ?? counted(new RegExp(`(?<![\\d-])\\b${COUNT}[- ](?:session|day|trading-day)\\b(?![- ](?:high|low|range|moving|average|ma\\b|ago))`))
    ?? counted(new RegExp(`\\b${COUNT}\\s+(?:daily\\s+)?bars\\b`));
  if (sessions) return { unit: 'sessions', count: sessions };
  // "The week of Nov 16" is a dated week, not the last five sessions.
  if (/\b(?:this|past|last|the) week\b(?! of\b)/.test(t)) return { unit: 'sessions', count: 5 };
  return undefined;
}

/** What a pick or ranking orders by, from the words of its clause. */
function criterion(clause: string): { by: string; absolute: boolean } {
  const absolute = /\babs(?:olute)?\b|regardless of direction|either direction|size of|moved (?:the )?more|moved (?:the )?most|biggest mover|largest mover|largest (?:%|percentage )?move|biggest (?:%|percentage )?move/.test(clause);
  if (/(?:clos(?:e|er|est)|near(?:er|est)?|furthest|farthest|far(?:ther)?) (?:to|from) (?:its|their|the) (?:52[- ]?week|one-year|1-year|12-month|annual|year(?:'s|ly)?) high/.test(clause)) return { by: 'below-high', absolute: false };
  // "the most room back to the high", "furthest below its high": the distance below the 52-week high.
  if (/\b(?:most|least|more|less) room (?:back )?to (?:its|their|the) (?:52[- ]?week |52w |year(?:'s|ly)? )?high|\b(?:furthest|farthest|most|least) (?:below|off|under) (?:its|their|the) (?:52[- ]?week |52w |year(?:'s|ly)? )?high/.test(clause)) return { by: 'below-high', absolute: false };
  // "Drawdown from 52w high: which is deepest?": the distance below the 52-week high, not a window's peak-to-trough.
  if (/\bdrawdowns? (?:from|off|vs\.?) (?:(?:its|their|the) )?(?:52[- ]?w(?:ee)?k?|year(?:'s|ly)?|one-year|12-month) high/.test(clause)) return { by: 'below-high', absolute: false };
  if (/p\/e|\bpe\b|multiple|valuation|cheap|expensive/.test(clause)) return { by: 'pe', absolute: false };
  // "the biggest gap between its highest and lowest closing price in that period": the window's range of closes.
  if (/(?:gap|spread|difference|distance) between (?:its |the )?(?:highest|high) and (?:its |the )?(?:lowest|low) clos/.test(clause)) return { by: 'close-range', absolute: false };
  if (/sentiment|(?:negative|positive|bad|good|bearish|bullish) (?:news|coverage|press|headlines|tone)|\btone\b/.test(clause)) return { by: 'sentiment', absolute: false };
  if (/excess|beat\b[^.?!]*\bby more|(?:vs\.?|versus|against|relative to) (?:the )?(?:spy|qqq|dia|iwm|s&p|nasdaq|dow|russell|benchmark|index|market)\b|relative to/.test(clause)) return { by: 'excess-return', absolute: false };
  if (/growth|grew/.test(clause)) return { by: 'growth', absolute: false };
  if (/margin/.test(clause)) return { by: 'margin', absolute: false };
  if (/volume/.test(clause)) return { by: 'volume', absolute: false };
  if (/volatil|std|standard deviation/.test(clause)) return { by: 'volatility', absolute: false };
  // A move over a window of sessions is that window's return.
  if (/return|outperform|performance|performed|momentum/.test(clause) || readWindow(clause)?.unit === 'sessions') return { by: 'return', absolute };
  return { by: 'move', absolute };
}

const METRIC_WORD = /mov|%|52[- ]?week|52w|drawdown|year(?:'s|ly)? high|percent|day|change|session|p\/e|\bpe\b|sentiment|news|return|excess|beat|volume|growth|margin|multiple|cheap|volatil/;

const PICK = /\b(?:closest to|nearest to|furthest from|which|who|whose|pick|identify|crown|winner|worst|best|strongest|weakest|biggest mover|largest mover|lowest|highest|cheaper|cheapest|the (?:most|more) negative)\b/;
const NOT_A_PICK = /which (?:branch|one went out|of these posts)|which (?:\w+ )?(?:was |got )?(?:went out|posted|sent)\b|tell me which branch|state which branch|(?:flag|mark|note) (?:who|which)|say (?:who|which) (?:branch|option|one)\b|who(?:'s| is) (?:the )?(?:current |new |acting |interim )?(?:ceo|cfo|chair|founder|head|chief)|who runs|pick one\b|choose (?:exactly |only )?one\b|\bwhich\b[^.?!:]*:[^.?!]*,[^.?!]*\bor\b/;

function readPick(text: string): Ask | undefined {
  // A quoted claim is checked, not asked: "worst" inside it is the claim's word.
  const t = text.replace(/"[^"]*"/g, '""');
  const clause = promptSentences(t).find((sentence) => PICK.test(sentence) && !NOT_A_PICK.test(sentence))
    ?? promptSentences(t).find((sentence) => /\b(?:who|which)\b[^.?!]*\b(?:more|most|bigger|biggest|larger|largest|better|worse)\b/.test(sentence) && !NOT_A_PICK.test(sentence));
  if (!clause) return undefined;
  // The criterion is read from the part of the sentence that asks the pick ("which moved more today, how does each
  // compare with its average volume" picks by move, not volume).
  const parts = clause.split(/,\s+|;\s+|\s+and\s+(?=(?:how|what|which|who|whether|is|are|does|do|tell|give)\b)/);
  const part = parts.find((candidate) => PICK.test(candidate) && !NOT_A_PICK.test(candidate)) ?? clause;
  // "pick the strongest of the three" names no metric itself: the sentence around it does.
  // "Drawdown from 52w high: META, AVGO, ARM. Which is deepest?": a pick naming no metric is by the prompt's own.
  const { by, absolute } = METRIC_WORD.test(part) ? criterion(part) : METRIC_WORD.test(clause) ? criterion(clause) : criterion(t);
  // Closest to the 52-week high is the least distance below it.
  if (by === 'below-high') return { kind: 'pick', by, direction: /furthest|farthest|far(?:ther)? from|\b(?:most|more) room\b|\bmost (?:below|off|under)\b|\b(?:deepest|largest|biggest|worst) drawdown|drawdown\b[^.?!]*\b(?:deepest|largest|biggest|worst)\b|\bdeepest\b/.test(clause) ? 'max' : 'min', absolute: false };
  // "the biggest gap between its highest and lowest close": the ends of a range say nothing of the direction.
  const min = /\b(?:lowest|lower|cheaper|cheapest|worst|worse|weakest|least|most negative|more negative|biggest (?:drop|decline|loser)|fell the most|lagg(?:ed|ing)?(?: [a-z]{1,5})? (?:the )?most|trail(?:ed|ing)?(?: [a-z]{1,5})? (?:the )?most|underperformed(?: [a-z]{1,5})? (?:the )?most)\b/.test(clause.replace(/\bbetween (?:its |the )?\w+ and (?:its |the )?\w+/g, ' '));
  return { kind: 'pick', by, direction: min ? 'min' : 'max', absolute: absolute && !min };
}

function readRanking(t: string): Ask | undefined {
  const clause = promptSentences(t).find((sentence) => /\brank(?:ed|ing|s)?\b|\border(?:ed)? (?:them )?by\b|\bsort(?:ed)? by\b/.test(sentence));
  if (!clause) return undefined;
  // "trailing P/E — AMD / INTC / QCOM. rank hi→lo": the metric may sit in the sentence before.
  return { kind: 'ranking', ...criterion(METRIC_WORD.test(clause) ? clause : t) };
}

function readList(t: string): Ask | undefined {
  const fields = (['source', 'link', 'date', 'sentiment'] as const).filter((field) => (field === 'link' ? /\blinks?\b|\burls?\b/ : field === 'source' ? /\b(?:sources?|outlets?|publishers?)\b/ : new RegExp(`\\b${field}s?\\b`)).test(t));
  const perEntity = /\b(?:each|apiece|per (?:name|company|stock|ticker))\b|for each\b/.test(t);
  const headlines = new RegExp(`\\b${COUNT}\\s+(?:of the\\s+)?(?:most\\s+recent\\s+|latest\\s+|newest\\s+|recent\\s+|top\\s+|news\\s+)*(?:headlines?|articles?|stories|news items|heaadlines)\\b`).exec(t)
    ?? new RegExp(`\\b(?:headlines?|articles?)\\b[^.?!]{0,40}\\(${COUNT} each\\)`).exec(t)
    // "the two latest Micron headlines", "3 newest $NVDA stories": a name between the qualifier and the noun.
    ?? new RegExp(`\\b${COUNT}\\s+(?:most\\s+recent|latest|newest|recent|top|freshest)\\s+\\$?[a-z][\\w.&'-]*(?:\\s+[a-z][\\w.&'-]*)?\\s+(?:news\\s+)?(?:headlines?|articles?|stories|news items)\\b`).exec(t);
  if (headlines && numberFrom(headlines[1])) return { kind: 'list', of: 'headlines', count: numberFrom(headlines[1])!, per_entity: perEntity, fields: [...fields] };
  if (/\bthe (?:latest|most recent|top) (?:headline|story|news story)\b/.test(t)) return { kind: 'list', of: 'headlines', count: 1, per_entity: perEntity, fields: [...fields] };
  const movers = new RegExp(`\\b(?:top\\s+)?${COUNT}\\s+(?:biggest\\s+|largest\\s+|top\\s+)?(?:losers|gainers|movers|decliners)\\b`).exec(t);
  if (movers && numberFrom(movers[1])) return { kind: 'list', of: 'movers', count: numberFrom(movers[1])!, per_entity: false, fields: [] };
  const messages = new RegExp(`\\b(?:last|latest|recent|most recent)\\s+${COUNT}\\s+(?:messages|posts)\\b|\\b${COUNT}\\s+(?:most\\s+recent\\s+|latest\\s+|last\\s+)?(?:messages|posts)\\b`).exec(t);
  const messageCount = numberFrom(messages?.[1] ?? messages?.[2]);
  if (messageCount) return { kind: 'list', of: 'messages', count: messageCount, per_entity: false, fields: [] };
  const results = new RegExp(`\\b(?:top\\s+)?${COUNT}\\s+(?:web\\s+|search\\s+)*(?:results|sources|links|pages)\\b`).exec(t);
  // "4 bullets, each with a source link": as many items as bullets, each cited.
  const cited = new RegExp(`\\b${COUNT}\\s+(?:bullets?|bullet points|points|items|lines)\\b[^.?!]{0,12}\\beach (?:with|citing) (?:a |its |one )?(?:source|web|news)?\\s*(?:link|url|source)`).exec(t);
  if (cited && numberFrom(cited[1])) {
    const of = /\bweb\b|\bsearch|\bonline\b|\binternet\b/.test(t) ? 'search-results' : 'headlines';
    return { kind: 'list', of, count: numberFrom(cited[1])!, per_entity: false, fields: [...new Set([...fields, 'link' as const])] };
  }
  if (results && numberFrom(results[1])) return { kind: 'list', of: 'search-results', count: numberFrom(results[1])!, per_entity: perEntity, fields: [...fields] };
  return undefined;
}

function readWindowAsk(t: string): Ask | undefined {
  const window = readWindow(t);
  if (!window) return undefined;
  const statistic = /high[- ]to[- ]low|hi\/lo|\brange\b|high and low|\bhi\b[^.?!]{0,12}\blo\b/.test(t) ? 'range'
    : /biggest (?:single[- ]day )?(?:drop|decline|fall)|worst (?:single[- ])?day/.test(t) ? 'max-drop'
      : /volatil|standard deviation|\bstd\b|σ|\bsigma\b|\bstdev\b/.test(t) ? 'volatility'
        : /trending|\btrend\b/.test(t) ? 'trend'
          : /return|outperform|beat|excess|\bup\b|\bdown\b|jumped|fell|gained|lost|perform|do over|did over|how did|\bmov(?:e|ed|es)\b|\bret\b|\bcum(?:ulative)?\b/.test(t) ? 'return' : 'summary';
  return { kind: 'window', window, statistic };
}

function readBenchmark(t: string): Ask | undefined {
  const clause = promptSentences(t).find((sentence) => /\bvs\.?|\bversus\b|\bagainst\b|compare[sd]?\b|relative to|\bbeat\b|outperform|underperform|excess|tracking|\bbench(?:mark)?\s*[=:]|\blead(?:ing)? or lag(?:ging)?\s+(?:behind\s+)?(?:the\s+)?(?:spy|qqq|dia|iwm|s&p|nasdaq|dow|russell|market)/.test(sentence) && BENCHMARKS.some(([pattern]) => pattern.test(sentence)));
  if (!clause) return undefined;
  const symbol = BENCHMARKS.find(([pattern]) => pattern.test(clause))![1];
  const window = readWindow(clause) ?? readWindow(t);
  return window ? { kind: 'benchmark', symbol, window } : { kind: 'benchmark', symbol };
}

// "A trader told me …", "I've got a tip that …", "someone in our #markets channel says …": a claim heard from someone,
// which the prompt then asks to check ("is that the number the company gave?", "check it against …").
const HEARD = /\b(?:told|tells) (?:me|us)\b|\b(?:a|the) tip\b|\bi(?:'m| am) hearing\b|\bsources? (?:say|said|tell|told|claim)|\bi(?:'ve)? heard\b|\b(?:someone|somebody|a trader|a colleague|people) (?:in|on) (?:our |the )?#?[\w-]+(?: channel)? (?:says|said|claims|wrote|posted|is saying)\b|\b(?:someone|somebody|a trader|a colleague) (?:wrote|posted|said|says|claims|claimed) (?:in|on) (?:our |the )?#?[\w-]+(?: channel)?\b|\b(?:saw|read) (?:a|some) (?:thread|post|tweet|note)\b|\b(?:saw|heard) (?:some |the )?chatter\b|\bchatter (?:all day |today )?that\b/;
const CHECKED = /\bcheck(?:s|ed|ing)?\b|\bis (?:that|this|it) (?:the|right|correct|true|accurate)\b|\bconfirm\b|\bverify\b|\bwhether\b|\bactually\b|\blegit\b|\breal or\b/;

function readVerdict(t: string, original: string): Ask | undefined {
  // A bare "verdict" ("give a one-paragraph verdict") asks for a conclusion, not a ruling on a claim.
  const heard = HEARD.test(t) && CHECKED.test(t);
  if (!heard && !/\breal or (?:fake|not)\b|\blegit or (?:not|nah)\b|\b(?:rumou?r|claim|story|report|chatter)s? (?:legit|real|true|accurate)\b|\blegit\s*\?|(?:^|[—–,;:]\s*)true or (?:not|false)\b|fact[- ]?check|\bverify\b|is (?:that|this|it) (?:actually |really )?true|true\/false|true or false|\by\/n\b|\bt\/f\b|yes or no|\bclaim(?:s|ed|ing)?\b|\balleg(?:es|ed|ing)\b|\bholds? up\b|back(?:s)? it up|\bswears\b|\bis it true\b|\bcheck (?:it|that|this|the claim|that claim)\b[^.?!]{0,20}\b(?:vs|versus|against|with) (?:the )?(?:tape|data|numbers|tools)|\bvs the tape\b|\b(?:is|was) (?:that|this|it) (?:right|correct|accurate|legit|real|so)\b|\bdid (?:the company|it|they|management) (?:confirm|deny|say so)\b|\brumou?r (?:verification|check)\b|(?:^|[.?!;]\s*)true\s*\?|\bsupports? (?:a|the|that|this) (?:claim|rumou?r|report|story|trading halt|halt)\b|\bconfirm or (?:refute|deny)\b|\b(?:call|say|state|tell me|check|decide) whether\b[^.?!]*\b(?:lagg(?:ed)?|outperform(?:ed)?|underperform(?:ed)?|beat|trail(?:ed)?)\b|\b(?:is there|do you see|find) any evidence\b|\bany evidence (?:of|for|that)\b|\b(?:state|say|tell me|confirm|check) whether (?:either|any|both|each|all|neither|none)\b[^.?!]*\b(?:outperform|underperform|beat|lagg?|trail)|\b(?:state|say|tell me|check|confirm) whether (?:any|anyone|anybody)\b[^.?!]*\b(?:mention|referenc|discuss|cite|flag)|\bdid (?:any(?:one|body)?|someone)\b[^.?!]*\b(?:mention|referenc|flag)|\brefute\b|\bdebunk|\bagainst the record\b|\binsist(?:s|ed|ing)?\b|\byes\s*\/\s*no\b|\b(?:is )?(?:it|this|that) (?:is )?true or not\b|\b(?:say|tell(?: me)?|state|check|decide)\b[^.?!]{0,60}\bor not\b/.test(t)) return undefined;
  const quoted = /["“]([^"”]{8,})["”]/.exec(original)?.[1];
  // "… and call whether small caps lagged large caps on the wk": the claim is what follows "whether".
  const asked = /\b(?:call|say|state|decide) whether ([^.?!;]{8,})/i.exec(original)?.[1];
  const claim = quoted ?? asked ?? promptSentences(original).find((sentence) => /fact[- ]?check|claim(?:s|ed|ing)?|swears|verify|wrote|writes?\s+that|says|saying|\bchatter\b|alleg|rumou?r(?:ed|s)? (?:that|is|says)|posted that|\bheard\b|\bword is\b|\b(?:told|tells) (?:me|us)\b|\btip that\b|\bhearing\b|\b(?:thread|post) (?:on|in)\b|\binsist|\bstatements?\b|\bwhether (?:any|anyone|anybody|either|both|each|all|neither|none)\b|\b(?:call|say|state|decide) whether\b|\bdid (?:any(?:one|body)?|someone)\b/i.test(sentence)) ?? original;
  // "… makes two statements: (a) …; (b) …": the claim is what follows the colon.
  return { kind: 'verdict', claim: claim.replace(/^\s*fact[- ]?check:?\s*/i, '').replace(/^[^:]*\bstatements?\b[^:]*:\s*/i, '').trim() };
}

const OPTION = "[a-z][a-z0-9'-]*(?: [a-z][a-z0-9'-]*){0,3}";

/** "caps are leading" → "leading", "semis move stock-specific" → "stock-specific", "been trending up" → "trending up". */
function cleanOption(option: string): string {
  let text = option.replace(/^(?:just|whether|pick one:?|conclude whether|it|is|was)\s+/g, '').trim();
  const verb = /.*\b(?:are|is|was|were|been|be|it's)\s+/.exec(text);
  if (verb && verb[0].length < text.length) text = text.slice(verb[0].length);
  const hyphen = /\b[a-z]+-[a-z]+$/.exec(text);
  if (hyphen && hyphen.index > 0 && !/^(?:trending|tracking|doing)\b/.test(text)) text = text.slice(hyphen.index);
  // "nvidia beating the nasdaq-100" → "beating the nasdaq-100": the option starts at its verb.
  const gerund = /\b[a-z]{3,}ing\b/.exec(text);
  if (gerund && gerund.index > 0 && !/^(?:trending|tracking|doing)\b/.test(text)) text = text.slice(gerund.index);
  return text.replace(/\s+(?:for|on|about|of) (?:this|the|that|it|its) \w+$|\s+for (?:it|them)$/, '').trim();
}

const DIRECTION = /(?:^|\s)(?:up|down|positive|negative|rose|fell|rise|fall|rising|falling|higher|lower|increased?|decreased?|gained?|lost|above|below)$/;

/** "Options: buy / hold / sell", "ow xom / ow cvx / neutral — pick one": slash-separated named options. */
function slashStance(t: string): Ask | undefined {
  const list = "([a-z][\\w-]*(?: [a-z][\\w-]*){0,2}(?:\\s+\\/\\s+[a-z][\\w-]*(?: [a-z][\\w-]*){0,2})+)";
  const match = new RegExp(`(?:options?:|(?:pick|choose) one:?|one of:?)\\s*${list}`).exec(t) ?? new RegExp(`${list}\\s*(?:[—–-]+\\s*)?(?:pick|choose)\\b`).exec(t);
  if (!match) return undefined;
  const options = match[1]!.split(/\s+\/\s+/).map((option) => option.trim());
  return options.some((option) => /^(?:true|false|yes|no)$/.test(option)) ? undefined : { kind: 'stance', options };
}

function readStance(t: string): Ask | undefined {
  const found = readListedStance(t);
  const rule = readStanceRule(t);
  if (!rule) return found;
  const options = rule.clauses.map((clause) => clause.option);
  return { kind: 'stance', options: found?.kind === 'stance' && found.options.length > options.length ? found.options : options, rule };
}

// An option before the last may name a name ("add googl, add meta, or stay flat?").
const ITEM = `${ACTION}(?:\\s+\\$?[a-z]{1,5}(?=\\s*(?:,|\\/|\\bor\\b)))?`;
const ACTION_LIST = new RegExp(`\\b(${ITEM}(?:\\s*(?:,|\\/)\\s*${ITEM})*)\\s*(?:,?\\s*or\\s+(?:just\\s+|simply\\s+)?|\\s*\\/\\s*)(${ACTION})\\b`);

// "Is it a good time to add to Microsoft, or should they wait?": now, or the other call.
const TIMING = new RegExp(`\\b(?:good|right|bad|the) time to (${ACTION})\\b[^?.!]*?,?\\s+or\\s+(?:should (?:they|we|i|you|the client)\\s+|to\\s+|just\\s+)?(${ACTION})\\b`);

function actionStance(t: string): Ask | undefined {
  const timing = TIMING.exec(t);
  if (timing) return { kind: 'stance', options: [`${timing[1]} now`, timing[2]!] };
  for (const sentence of promptSentences(t)) {
    const match = ACTION_LIST.exec(sentence);
    if (!match || !/\?|\b(?:should|would you|call|verdict|stance|rating|recommend|pick|choose|side|decide)\b/.test(sentence)) continue;
    return { kind: 'stance', options: [...match[1]!.split(/\s*[,/]\s*/), match[2]!] };
  }
  return undefined;
}

function readListedStance(t: string): Ask | undefined {
  const slashed = slashStance(t);
  if (slashed) return slashed;
  const action = actionStance(t);
  if (action) return action;
  const sentences = promptSentences(t);
  const ordered = [...sentences.filter((sentence) => /pick one|choose one|one of:/.test(sentence)), ...sentences];
  for (const sentence of ordered) {
    const match = new RegExp(`(${OPTION}(?:,\\s*${OPTION})*),?\\s+or\\s+(${OPTION})\\s*[?.!]?\\s*$`).exec(sentence.replace(/\s*\([^)]*\)/g, '').replace(/\s*[—–-]\s*call it\b.*$|\s+(?:pick one|call it)\b.*$/, '').replace(/\s+(?:(?:over|in|during|across) the (?:last|past|same) [^?.!,]*|today|this week|on the day|so far)(?=\s*[?.!]*\s*$)/, '').replace(/[?.!]+\s*(?:\w+[^?.!]*)?$/, '?'));
    if (!match) continue;
    // "state which position should be escalated: escalate arm, escalate intc, …": a which-question before a colon.
    // "exactly one of three classifications: Increase, Maintain or Reduce", "choosing between three things: …".
    const lead = /(?:pick one|choos(?:e|ing)|decide|conclude|whether|is (?:the|it|this|that)|was (?:it|the)|are they|or is it|has it been|looks?|classify|assign)\b|\b(?:which|one of|between)\b[^.?!:]*:/;
    const led = lead.test(sentence) || /-driven|-specific|-wide|leading|lagging|range-bound/.test(sentence);
    // A bare question ("bullish, bearish or neutral?") is a stance only over one-word options.
    const question = /\?\s*$/.test(sentence);
    if (!led && !question) continue;
    // "…, and whether volume rose or fell": the options start after the last "whether" or "pick one:".
    const options = match[1]!.split(/,\s*/);
    const start = options.findLastIndex((option) => /\bwhether\b|pick one|^and\b/.test(option));
    const asked = start >= 0 ? [options[start]!.replace(/^.*\b(?:whether|pick one:?|and)\s+/, ''), ...options.slice(start + 1)] : options;
    const last = [...asked, match[2]!].map(cleanOption);
    if (!led && last.some((option) => /\s/.test(option))) continue;
    // "up or down", "rose or fell", "higher or lower" ask for a direction, a fact the answer states anyway.
    if (last.some((option) => option.length < 3 || option.split(' ').length > 4) || last.every((option) => DIRECTION.test(option))) continue;
    // "is this true or not?" asks for a verdict, not a stance.
    if (last.some((option) => /^(?:not|true|false|yes|no|this true|that true|it true|correct)$|\b(?:legit|fake|real|nah|bs)$/.test(option))) continue;
    // "summarise anything that touches on Microsoft or Nvidia": a relative clause names a topic, not options.
    if (/^(?:that|which|who|anything|something|everything)\b/.test(last[0]!)) continue;
    return { kind: 'stance', options: last };
  }
  return undefined;
}

/** "what have people been saying in #markets", "what's the desk been posting": a read of what the channel holds. */
export const SAYING = /\bwhat(?:(?:'s| is| are| was| were| has| have) (?:people|folks|they|everyone|everybody|traders|the desk|the team|the floor)| (?:people|folks|they|everyone|everybody|traders|the desk|the team|the floor) (?:is|are|was|were|has|have))(?: been)? (?:saying|posting|discussing|talking about|sharing|writing)\b/;

export const PRONOUN_READ = /#[a-z0-9][\w-]*[^]{0,120}\b(?:read|go through|look (?:at|through)|summari[sz]e|check) (?:them|those|these|it|all of them|each of them)\b/;

function readSlack(t: string, original: string): Ask[] {
  const asks: Ask[] = [];
  const channel = /#([a-z0-9][\w-]*)/.exec(t)?.[1];
  // "read #alerts, then post a digest to #markets": each ask takes the channel its own verb names.
  const postChannel = /\b(?:post|send|share|drop|ping|notify)\b[^.?!#]*#([a-z0-9][\w-]*)/.exec(t)?.[1] ?? channel;
  const readChannel = /\b(?:read(?:ing)?|scan(?:ning)?|check(?:ing)?|review(?:ing)?|look(?:ing)? (?:at|through)|pull|summari[sz](?:e|ing)|go(?:ing)? through|history of|catch (?:me |us )?up on|(?<!\b(?:a|an|the|short|quick|brief|[\w-]+-line)\s)recap|digest of)\b[^.?!#]*#([a-z0-9][\w-]*)/.exec(t)?.[1] ?? channel;
  const noPost = NO_POST.test(withoutBranches(t));
  const post = /\b(?:post|send|share|drop|ping|notify)\b[^.?!]*#[a-z0-9]|#[a-z0-9][\w-]*[^.?!]*\bpost\b/.test(t) && !noPost;
  // The channel is the read's object: "check … then post to #alerts" reads nothing.
  const read = /\b(?:read(?:ing)?|scan(?:ning)?|check(?:ing)?|review(?:ing)?|look(?:ing)? (?:at|through)|pull|summari[sz](?:e|ing)|go(?:ing)? through|catch (?:me |us )?up on|(?<!\b(?:a|an|the|short|quick|brief|[\w-]+-line)\s)recap|digest of)\b(?:(?!\b(?:post|send|share|drop|ping|notify)\b)[^.?!]){0,60}(?:#[a-z0-9]|\bchannel\b|\bslack\b)|\bwhat was (?:posted|said)\b|\bhistory\b[^.?!]*#|\bwhat(?:'s| has| have)? been (?:discussed|said|posted|talked about|shared)\b[^.?!]{0,30}#[a-z0-9]|\b(?:chatter|buzz|gist|discussion|conversation)\b[^.?!]{0,20}#[a-z0-9]/.test(t)
    || new RegExp(`${SAYING.source}[^.?!]{0,40}(?:#[a-z0-9]|\\bchannel\\b)`).test(t)
    // "some warnings in the #alerts channel. Could you read them …": the read's object is the channel named before.
    || (channel !== undefined && PRONOUN_READ.test(t));
  if (read && readChannel) asks.push({ kind: 'slack-read', channel: `#${readChannel}` });
  if (post && postChannel) {
    // "post 'X'", "post to #markets verbatim: "X"", "post exactly this instead: 'X'".
    const texts = [...original.matchAll(/\b(?:post|send|saying|verbatim|exactly(?: this)?(?: instead)?)\b[^"'‘“\n.;]{0,40}?[:\s]\s*['"‘“]([^'"’”]{3,})['"’”]/gi)].map((match) => match[1]!);
    asks.push({ kind: 'slack-post', channel: `#${postChannel}`, texts });
  }
  return asks;
}

/**
 * The prompt without the branches of a condition ("if not, don't post, just tell me"; "if right, post nothing"):
 * a branch that posts nothing is the condition's, not a ban on posting.
 */
export function withoutBranches(text: string): string {
  return text.replace(/\b(?:if not|if it(?:'s| is)n't|if (?:(?:it|that|this|so)(?:'s|’s)?\s+)?(?:is\s+|was\s+)?(?:not|wrong|right|true|false|correct|incorrect|accurate|inaccurate|confirmed)|if (?:it|they|that|this|so) (?:did|does|do|was|were|are|has|had)n['’]?t|if (?:it|they|that|this|so) (?:did|does|do|was|were|are|is|has|had) not|if (?:none|neither|nothing)\b(?: of them)?(?: \w+)?|otherwise|(?<!\b(?:nothing|anything|something|everything)\s)else)\b[^.;!?]*/gi, ' ');
}

// One vocabulary for "post nothing", read by the asks and the planner alike.
const NO_POST = new RegExp([
  String.raw`\b(?:do not|don't|dont|never|no need to|without|not to)\s+(?:\w+\s+)?(?:post|send|write|share|message|reply)(?:ing)?\b`,
  String.raw`\bread[- ]only\b|\b(?:just|only) read\b|\bno (?:posting|posts?|messages? sent)\b(?!-)|\bnot post anything\b(?! else)|\bpost nothing\b(?! else| more| other)`,
  String.raw`\bjust (?:look|check)\b[^.?!]{0,20}\bnot (?:post|send)`,
  // "Nothing goes to Slack", "keep it off Slack", "no Slack post".
  String.raw`\bnothing (?:goes |gets |should go |is to go )?(?:to|in|on|into) (?:slack|#[a-z0-9])|\b(?:keep|leave) (?:it|this|that) off slack\b|\bno slack (?:posts?|messages?|notes?)\b`,
].join('|'));

/** The prompt forbids posting outside any branch of a condition ("read #alerts, don't post"; "nothing goes to Slack"). */
export function forbidsPosting(prompt: string): boolean {
  return NO_POST.test(withoutBranches(lower(expandShorthand(prompt))));
}
/** "Only post to #alerts if …", "post … only if …": a condition whose failing branch posts nothing. */
const ONLY_IF = /\bonly (?:post|send|alert|ping|notify|message)\b[^.?!]{0,80}?\bif\s+(.+?)(?=\s*(?:[,;.—–]|\s-\s|\botherwise\b|\bnaming\b|$))|\b(?:post|send|alert|ping|notify)\b[^.?!]{0,80}?\bonly if\s+(.+?)(?=\s*(?:[,;.—–]|\s-\s|\botherwise\b|$))|\b(?:post|send|alert|ping|notify|drop)\b[^.?!]{0,60}?#[a-z0-9][\w-]*\s+if\s+(.+?)(?=\s*(?:[,;.—–?!]|\s-\s|\botherwise\b|$))/;

function readFactAsk(text: string): Ask | undefined {
  const facts = readFacts(text);
  return facts.length ? { kind: 'fact', facts } : undefined;
}

/**
 * The prompt with its conditions written as "if" clauses: "Should any of them have beaten QQQ …, tell the desk" is
 * "If any of them have beaten QQQ …, tell the desk"; "Two paragraphs, if you would" states no condition.
 */
export function asIfClauses(text: string): string {
  return text
    // "if anything in the semis basket (NVDA, AMD, …) closed down more than 5%": the list names the basket, not the condition.
    .replace(/\s*\([^()]*,[^()]*\)/g, '')
    .replace(/\bif (?:you (?:would|could|can|will|please|(?:do|would)n['’]?t mind)|possible|you like|that['’]?s (?:ok|okay|alright))\b/gi, ' ')
    .replace(/(^|[.?!;]\s+|\n\s*)should\s+((?:any|all|both|either|none|neither|it|they|one|each)\b[^,;.?!]*?)\s*,/gi, (_match, start: string, condition: string) => `${start}if ${condition},`);
}

/**
 * The condition of a post made only on it ("only post to #alerts if …", "post … only if …", "post a 1-liner to
 * #alerts if it's false"), whose failing branch posts nothing; read by the asks and the rule planner alike.
 */
export function onlyIfCondition(text: string): string | undefined {
  const only = ONLY_IF.exec(lower(asIfClauses(text)));
  return only ? (only[1] ?? only[2] ?? only[3])!.trim() : undefined;
}

function readConditional(text: string): Ask | undefined {
  const t = asIfClauses(text);
  const only = onlyIfCondition(t);
  if (only) return { kind: 'conditional', condition: only, silent_branch: true };
  const match = /\bif\s+([^,;—–]+?)(?:,|—|–|\s-\s|\bthen\b|\bpost\b|\btell\b|\bgive\b)[^]*?\b(?:otherwise|else|if not|if so)\b/.exec(t)
    // "If it is, post A. If it isn't, post B." / "… If none did, don't post."
    // (a decimal point is no sentence end: "if the ratio exceeds 1.50, post …")
    ?? /\bif\s+((?:[^,;.]|\.(?=\d))+?)[,;][^]*?\bif (?:it|they|that|this|not|so|none|neither|right|wrong|true|false|correct|incorrect)\b/.exec(t);
  return match ? { kind: 'conditional', condition: match[1]!.replace(/\s*(?:->|→|=>)\s*$/, '').trim() } : undefined;
}

/** What happened to a company, as a claim states it: its date is the event's, not a window of prices. */
const EVENT = /\bstep(?:s|ped|ping)? down\b|\bresign|\bappoint|\bacqui|\bmerger\b|\btakeover\b|\bbuyout\b|\bbuyback\b|\blawsuit\b|\bprobe\b|\bapprov|\blaunch|\bhired?\b|\bfired\b|\blayoffs?\b|\brecall\b|\bbankrupt|\boffering\b|\bpaid\b[^.?!]{0,40}\bfor\b/i;

// The planner's readers, the packaged requirements and the composer each read the same prompt's asks; reading them
// is about a millisecond of regular expressions, so a run keeps the last prompts' readings. Readings are frozen
// because every caller shares one.
const RECENT_READINGS = 64;
const readings = new Map<string, Asks>();

/** Reads every ask of a prompt: its form, the facts it names, lists, picks, rankings, windows, benchmarks, verdicts, stances, Slack and conditionals. */
export function readAsks(prompt: string): Asks {
  const known = readings.get(prompt);
  if (known !== undefined) return known;
  const read = deepFreeze(readAsksOnce(prompt));
  if (readings.size >= RECENT_READINGS) readings.delete(readings.keys().next().value!);
  readings.set(prompt, read);
  return read;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function readAsksOnce(prompt: string): Asks {
  const text = expandShorthand(prompt);
  const t = lower(text);
  const verdict = readVerdict(t, text);
  // The claim's own words ("Chevron CEO Mike Wirth is stepping down") are what is checked, not facts asked for.
  const claim = verdict?.kind === 'verdict' && verdict.claim.length < text.length * 0.8 ? verdict.claim : undefined;
  // "… that Liang stepped down as CEO last week": an event's date is the claim's, not a window to measure; a claim
  // about a move ("down more than 5% on the wk") keeps its window.
  const claimed = verdict?.kind === 'verdict' ? verdict.claim : undefined;
  const eventClaim = claimed !== undefined && EVENT.test(claimed) && !/\d\s*%/.test(claimed);
  const windowText = eventClaim ? t.replace(lower(claimed), ' ') : t;
  const asks = [readFactAsk(claim ? text.replace(claim, ' ') : text), readList(t), readRanking(t), readPick(t), readWindowAsk(windowText), readBenchmark(t), verdict, readStance(t), readConditional(t), ...readSlack(t, text)]
    .filter((ask): ask is Ask => ask !== undefined);
  // "If it fell, post …; if not, don't post": the conditional has a branch that posts nothing.
  const silent = NO_POST.test(t) && !NO_POST.test(withoutBranches(t));
  const read = asks.map((ask) => (ask.kind === 'conditional' && silent && !ask.silent_branch ? { ...ask, silent_branch: true } : ask));
  return { form: readForm(text), asks: read, no_post: NO_POST.test(withoutBranches(t)), entities: [] };
}
