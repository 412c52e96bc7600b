/**
 * News coverage a prompt asks about: the articles within a date range, on a topic (regulatory, legal, supply chain,
 * analyst actions, …), from distinct outlets, or the coverage that explains a move on a date. The news tool filters
 * by date; a python step keeps the on-topic articles, one per outlet when asked, and counts them, so an answer can
 * say plainly when the tools hold none.
 */
import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import type { BarWindow } from './window-steps.ts';
import { snippet } from './python-snippets.ts';

export interface Coverage {
  /** Publication dates, both ends included; open when the prompt names no window. */
  from?: string;
  to?: string;
  /** Topic names the prompt asks about, and the article keywords that put an article on one of them. */
  topics: string[];
  keywords: string[];
  /** One article per outlet ("from three different outlets"). */
  distinct: boolean;
  items: number;
  /** "Why did it move": the coverage that explains the session's move, event articles before recaps. */
  explains: boolean;
  /** The tone of each article toward the name is asked for. */
  sentiment: boolean;
}

// Each topic: the words a prompt asks it with, and the article keywords (as the news tool tags them) that match it.
const TOPICS: Array<{ name: string; asked: RegExp; keywords: string[] }> = [
  { name: 'regulatory', asked: /regulat|antitrust|\bprobes?\b|investigat|export (?:control|restriction|curb|ban)|\bfined?\b|\bfines\b|penalt|approvals?\b|clearance|\bftc\b|\bdoj\b|\bsec\b(?! filing)/, keywords: ['regulation', 'regulatory probe', 'investigation', 'regulatory fine', 'penalty', 'regulatory approval', 'export restrictions', 'export controls'] },
  { name: 'legal', asked: /\blegal\b|lawsuits?|litigation|\bsued\b|\bsuing\b|\bcourt\b|settle(?:d|ment)|class action/, keywords: ['lawsuit', 'litigation', 'legal risk', 'settlement', 'legal settlement'] },
  { name: 'supply-chain', asked: /supply[- ]chain|supplier|supply (?:deal|agreement|disruption|problem|issue)|shortage|bottleneck|disruption|outage/, keywords: ['supply chain', 'supply disruption', 'shortage', 'supply-chain disruption', 'supplier deal', 'supply agreement'] },
  { name: 'analyst', asked: /analysts?\b|upgrade|downgrade|price targets?|\bratings?\b|\bpt\b/, keywords: ['analyst rating', 'price target', 'upgrade', 'downgrade', 'analyst upgrade', 'analyst downgrade'] },
  { name: 'earnings', asked: /earnings|\beps\b|consensus|\bestimates?\b|\bbeat\b|\bmiss(?:ed)?\b|quarterly (?:results|report)|\bq[1-4] (?:results|report|print)/, keywords: ['earnings', 'EPS', 'consensus estimate', 'earnings beat', 'earnings miss'] },
  { name: 'guidance', asked: /guidance|outlook|forecast/, keywords: ['guidance', 'outlook', 'revenue forecast', 'guidance cut', 'guidance raised', 'raised guidance'] },
  { name: 'deals', asked: /acqui|merger|takeover|\bm&a\b|buyout|\bto buy\b|\bdeal\b(?! with (?:a )?(?:new )?supplier)/, keywords: ['M&A', 'acquisition', 'deal'] },
  { name: 'management', asked: /management change|leadership|executive (?:change|departure|shake-?up|hire|appointment)|(?:ceo|cfo|coo) (?:change|succession|departure|exit)|steps? down|resign|appoint/, keywords: ['management change', 'leadership', 'executive'] },
  { name: 'capital-return', asked: /buybacks?|repurchase|dividend (?:hike|increase|raise|change|cut)|capital return/, keywords: ['capital return', 'buyback', 'share repurchase', 'share buyback', 'dividend increase'] },
  { name: 'product', asked: /\bproducts?\b|launch|unveil|announcements?\b|new (?:chip|platform|model|device|service)/, keywords: ['product launch', 'announcement'] },
  { name: 'index', asked: /index (?:inclusion|rebalanc|add|change)|added to (?:the |an )?[\w\s]{0,30}index|rebalanc/, keywords: ['index inclusion', 'index', 'index rebalance', 'rebalance'] },
  { name: 'macro', asked: /\bmacro\b|\bcpi\b|inflation|retail sales|economic (?:data|release)|interest rates?/, keywords: ['macro', 'economic data', 'CPI', 'retail sales', 'interest rates', 'economic data release'] },
  { name: 'fund-flows', asked: /fund flows?|\binflows?\b|\boutflows?\b/, keywords: ['fund flows', 'inflows', 'outflows'] },
];

const EVENTS_ONLY = /\b(?:skip|skipping|exclude|excluding|ignore|ignoring|without|not|no)\b[^.?!]{0,40}\b(?:recaps?|(?:market[- ])?wraps?|wrap-?ups?|automated|price (?:moves?|recaps?|reports?)|daily ['‘"]?shares?|['‘"]shares? (?:rose|fell|rose\/fell))|\b(?:actual|real) company news\b|\bcompany news, not\b/;

/** Every keyword that marks an article as reporting an event rather than recapping prices. */
const EVENT_KEYWORDS = [...new Set(TOPICS.flatMap((topic) => topic.keywords))];

const MOVED = String.raw`(?:mov|jump|fall|fell|drop|rall|slid|sink|sank|surg|tank|pop|spik|plung|tumbl|climb|soar|rise|rose|gain|los|down\b|up\b|higher|lower|outperform|underperform|lag|sell|trad)`;
const EXPLAINS = new RegExp(String.raw`\bwhy(?:['’]d| (?:did|does|is|was|has|have|are|were))\b[^.?!]{0,60}\b${MOVED}|` + /\bwhat (?:drove|caused|moved|sent|pushed|triggered|explains?|was behind|is behind)\b|\bbehind (?:the|its|that|this) (?:move|jump|drop|rally|fall|slide|sell-?off|decline|surge|gain|pop|spike)|\bcatalysts?\b|\breason(?:s)? (?:for|behind)\b|\bexplain(?:s|ing)? (?:the|its|that|this) (?:move|jump|drop|rally|fall|slide|decline|surge)/.source);
const DISTINCT = /\b(?:different|distinct|separate|various|independent|unique)\s+(?:news\s+)?(?:outlets|publishers|sources|publications|wires|news sources|media)\b|\b(?:one|1) (?:per|from each) (?:outlet|publisher|source)\b|\b(?:two|three|four|five|\d+) (?:outlets|publishers|publications)\b/;
const OUTLET_COUNT = /\b(two|three|four|five|six|\d+) (?:different |distinct |separate |independent )?(?:news )?(?:outlets|publishers|sources|publications|wires)\b/;
// "the latest headline", "one article": a single item, where an unnumbered list of coverage gets a few.
const SINGLE = /\b(?:the|one|a|single|top) (?:latest |most recent |newest |top |main |key )?(?:headline|article|story|report|news item)\b(?!s)/;
// Words that ask about events in the news even without saying "news": "analyst upgrades", "lawsuits", "probes".
const EVENT_NOUNS = /\bupgrades?\b|\bdowngrades?\b|analyst (?:actions?|calls?|moves?|notes?|views?)|rating changes?|lawsuits?|\bprobes?\b|investigations?|settlements?|acquisitions?|mergers?|takeovers?|recalls?|\blaunch(?:es|ed)?\b|\bunveil|buybacks?|guidance (?:cut|raise)|disruptions?|outages?|shortages?/;
const NEWS = /headlines?|\bnews\b|\bstor(?:y|ies)\b|coverage(?! universe| list)|articles?|\b(?:news|press|media|analyst) reports?\b|\bpress\b|\bwires?\b|outlets|publishers|developments|came up/;
const WINDOW_WORDS: Array<{ pattern: RegExp; days: (match: RegExpExecArray) => number }> = [
  { pattern: /\b(?:this|past|last|the last|the past) week\b|\bweek to date\b|\bwtd\b/, days: () => 6 },
  { pattern: /\b(?:this|past|last|the last|the past) month\b|\bmonth to date\b|\bmtd\b/, days: () => 30 },
  { pattern: /\b(?:this|past|last|the last|the past) quarter\b/, days: () => 91 },
  { pattern: /\b(?:last|past|over the last|over the past|in the last|in the past)\s+(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?|months?)\b/, days: (match) => count(match[1]!) * unitDays(match[2]!) },
];
const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const count = (word: string) => NUMBERS[word] ?? Number(word);
const unitDays = (unit: string) => (unit.startsWith('day') ? 1 : unit.startsWith('week') ? 7 : 30);

const isoMinus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The dates a prompt's news is bounded by: its bar window's dates, or a relative span back from the latest session. */
function publishedRange(text: string, window: BarWindow | undefined, latest: string): { from?: string; to?: string } {
  if (window?.kind === 'dates') return { from: window.from, to: window.to };
  if (window?.kind === 'hourly') return { from: window.to, to: window.to };
  for (const { pattern, days } of WINDOW_WORDS) {
    const match = pattern.exec(text);
    if (match) return { from: isoMinus(latest, days(match)), to: latest };
  }
  if (/\btoday\b|\bthis session\b/.test(text)) return { from: latest, to: latest };
  return {};
}

/**
 * What coverage the prompt asks for, or undefined when it asks only for the latest headlines (no window, topic,
 * outlets or move to explain), which the plain news step serves.
 */
export function readCoverage(rawText: string, items: number, window: BarWindow | undefined, latest: string): Coverage | undefined {
  const text = rawText.toLowerCase();
  const explains = EXPLAINS.test(text);
  if (!explains && !NEWS.test(text) && !EVENT_NOUNS.test(text)) return undefined;
  const topics = TOPICS.filter((topic) => topic.asked.test(text));
  const distinct = DISTINCT.test(text);
  const range = publishedRange(text, window, latest);
  // "actual company news, not the daily 'shares rose/fell' reports", "skip the automated market-wrap recaps": the
  // articles that report an event, whatever its topic.
  if (EVENTS_ONLY.test(text) && topics.length === 0) {
    return { ...range, topics: ['company-news'], keywords: EVENT_KEYWORDS, distinct, items: Math.min(items > 1 ? items : 3, 10), explains: false, sentiment: /sentiment|\btone\b|negative|positive|bullish|bearish|good or bad/.test(text) };
  }
  if (!explains && topics.length === 0 && !distinct && !range.from) return undefined;
  // A move to explain with no date is the latest session's.
  const dated = explains && !range.from ? { from: latest, to: latest } : range;
  const outlets = OUTLET_COUNT.exec(text)?.[1];
  const asked = items > 1 ? items : outlets ? count(outlets) : SINGLE.test(text) ? 1 : 3;
  return { ...dated, topics: topics.map((topic) => topic.name), keywords: topics.flatMap((topic) => topic.keywords), distinct, items: Math.min(asked, 10), explains, sentiment: /sentiment|\btone\b|negative|positive|bullish|bearish/.test(text) };
}

// Market words: a coverage question that uses none of them asks for no quote, trend or ranking beside the news.
const MARKET_WORDS = /price|\bpx\b|quote|clos(?:e|ed|es|ing)\b|\bmov(?:e|ed|es|er)|return|perform|trend|chang|%|percent|\bgain|\bfell\b|\brose\b|\bdrop|\bjump|up or down|volume|traded|rall|\bslid|\bsank\b|surg|\bsink|\btank|\bpop/;

/** The facets a coverage question did not ask for: a window of news is not a window of prices. */
export function narrowToCoverage(facets: Set<string>, rawText: string): void {
  if (MARKET_WORDS.test(rawText.toLowerCase())) return;
  for (const facet of ['price', 'move', 'trend', 'bar-stats', 'moving-average', 'ranking', 'volume']) facets.delete(facet);
}

/** Articles → the on-topic ones (newest first, one per outlet when asked), the first n of them, counts and tone. */
export const COVERAGE_CODE = snippet(
  'wanted = set(k.lower() for k in arr(keywords))',
  'events = set(k.lower() for k in arr(event_keywords))',
  'def cover(d):',
  '    rows = zip(arr(d["titles"]), arr(d["urls"]), arr(d["published"]), arr(d["publishers"]), arr(d["tags"]), arr(d["insights"]))',
  '    matched = []',
  '    for title, url, when, publisher, kws, notes in rows:',
  '        kws = set(str(k).lower() for k in (kws or []))',
  '        if wanted and not (kws & wanted):',
  '            continue',
  '        mine = [i.get("sentiment") for i in (notes or []) if isinstance(i, dict) and i.get("ticker") == d["ticker"]]',
  '        matched.append({"title": title, "publisher": (publisher or {}).get("name", ""), "date": str(when)[:10], "url": url,',
  '                        "sentiment": (mine or ["neutral"])[0], "event": bool(kws & events)})',
  // Reports of an event come before price recaps; newest first within each.
  '    matched = [m for m in matched if m["event"]] + [m for m in matched if not m["event"]]',
  '    picked, outlets = [], []',
  '    for m in matched:',
  '        if m["publisher"] not in outlets:',
  '            outlets.append(m["publisher"])',
  '        elif str(distinct) == "True":',
  '            continue',
  '        if len(picked) < int(n):',
  '            picked.append(m)',
  '    labels = [m["sentiment"] for m in matched]',
  '    return {',
  '        "label": label,',
  '        "from": None if str(start) == "None" else start,',
  '        "to": None if str(end) == "None" else end,',
  '        "items": [{k: m[k] for k in ("title", "publisher", "date", "url")} for m in picked],',
  '        "sentiments": [m["sentiment"] for m in picked],',
  '        "matched": len(matched),',
  '        "outlets": len(outlets),',
  '        "negative": labels.count("negative"),',
  '        "positive": labels.count("positive"),',
  '    }',
  'result = {slug: cover(d) for slug, d in data.items()}',
);

const ref = (name: string) => `\${${name}}`;

const TOPIC_NAMES: Record<string, string> = { 'supply-chain': 'supply-chain', 'capital-return': 'buyback and dividend', 'fund-flows': 'fund-flow', deals: 'deal', index: 'index', management: 'management' };

/** How the answer names what it lists: "news behind the move", "regulatory and legal coverage", "coverage". */
function coverageLabel(coverage: Coverage): string {
  if (coverage.explains && coverage.topics.length === 0) return 'news behind the move';
  const names = coverage.topics.map((topic) => TOPIC_NAMES[topic] ?? topic);
  if (names.length === 0) return 'coverage';
  return `${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`} coverage`;
}

/** polygon_get_news over the asked dates (as many articles as the tool gives), then the coverage step. */
/** polygon_get_news over the asked dates, as many articles as the tool gives (the coverage step reads them). */
export function addCoverageNewsStep(plan: PlanBuilder, entity: EntityRef, coverage: Coverage): void {
  const s = entity.slug;
  const dates = { ...(coverage.from ? { published_utc_gte: coverage.from } : {}), ...(coverage.to ? { published_utc_lte: coverage.to } : {}) };
  plan.add('polygon', 'polygon_get_news', { ticker: entity.param, limit: 50, ...dates }, {
    extract: [
      `${s}_news_titles = results[][title]`, `${s}_news_urls = results[][article_url]`, `${s}_news_published = results[][published_utc]`,
      `${s}_news_publishers = results[][publisher]`, `${s}_news_keywords = results[][keywords]`, `${s}_news_insights = results[][insights]`,
    ],
    // No article in the window is an answer ("no regulatory news found"), not a failed step.
    accept_if: [`${s}_news_titles is not None`],
  });
}

/** One python step over every name's articles (a step per name would spend the plan's tool budget on filtering). */
export function addCoverageStep(plan: PlanBuilder, entities: EntityRef[], coverage: Coverage): void {
  const named = entities.filter((entity) => plan.groundedFrom.includes(`${entity.slug}_news_titles`));
  if (named.length === 0) return;
  const data = Object.fromEntries(named.map(({ slug: s, param }) => [s, {
    titles: ref(`${s}_news_titles`), urls: ref(`${s}_news_urls`), published: ref(`${s}_news_published`), publishers: ref(`${s}_news_publishers`),
    tags: ref(`${s}_news_keywords`), insights: ref(`${s}_news_insights`), ticker: param,
  }]));
  const inputs = {
    data, n: String(coverage.items), keywords: JSON.stringify(coverage.keywords), event_keywords: JSON.stringify(EVENT_KEYWORDS),
    distinct: coverage.distinct ? 'True' : 'False', label: coverageLabel(coverage), start: coverage.from ?? 'None', end: coverage.to ?? 'None',
  };
  const fields = ['coverage = items', 'sentiments = sentiments', 'coverage_count = matched', 'coverage_outlets = outlets', 'coverage_negative = negative',
    'coverage_positive = positive', 'coverage_label = label', 'coverage_from = from', 'coverage_to = to'];
  plan.add('python', 'execute_python', { code: COVERAGE_CODE, inputs }, {
    extract: named.flatMap(({ slug: s }) => fields.map((field) => { const [key, value] = field.split(' = '); return `${s}_${key} = result.${s}.${value}`; })),
    accept_if: named.map(({ slug: s }) => `${s}_coverage_count >= len(${s}_coverage)`),
  });
  for (const { slug: s, symbol } of named) {
    // The count, not the list: "no such news" (an empty list) is an answer, and a cited fact is never empty.
    plan.require(`${s}_coverage_count`, `${s}_coverage_label`, ...(coverage.from ? [`${s}_coverage_from`, `${s}_coverage_to`] : []));
    if (coverage.distinct) plan.require(`${s}_coverage_outlets`);
    if (coverage.sentiment) plan.require(`${s}_sentiments`);
    plan.criterion(`reports ${symbol}'s ${coverage.topics.length ? `${coverage.topics.join('/')} ` : ''}coverage${coverage.from ? ` published ${coverage.from === coverage.to ? `on ${coverage.from}` : `from ${coverage.from} to ${coverage.to}`}` : ''}${coverage.distinct ? ', one article per outlet' : ''}, each with its outlet, date and link, or says that the tools hold none`);
  }
}
