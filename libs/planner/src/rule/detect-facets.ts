/** Which facets a research prompt asks for, read from its wording. */
import { forbidsPosting, PRONOUN_READ, readAsks, readFacts, SAYING, type FactLabel } from '@forge/asks';
import { MOVE_Z } from './require-facts.ts';

export type Facet =
  | 'price'
  | 'move'
  | 'volume'
  | 'volume-vs-average'
  | 'trend'
  | 'headline'
  | 'sentiment'
  | 'risk-opportunity'
  | 'profile'
  | 'market-cap'
  | 'market-status'
  | 'income'
  | 'web'
  | 'web-summary'
  | 'ranking'
  | 'excess-return'
  | 'fact-check'
  | 'slack'
  | 'movers'
  | 'valuation'
  | 'range'
  | 'range-position'
  | 'moving-average'
  | 'bar-stats'
  | 'session-bar'
  | 'slack-read';

/** What a ranking across income statements orders by. */

const has = (text: string, pattern: RegExp) => pattern.test(text);

/** "Do not post", "read only", "nothing goes to Slack": the asks' one vocabulary for a ban on posting. */
export { forbidsPosting };

/**
 * Whether the market is open, phrased loosely: "mkt open rn?", "is the US equity market currently open",
 * "are stocks trading now", "are markets closed today", "status only".
 */
const MARKET_STATUS = new RegExp([
  String.raw`\b(?:is|are|was|whether|if)\s+(?:the\s+)?(?:[\w.&-]+\s+){0,3}(?:mkts?|markets?|exchanges?|nyse|nasdaq|wall street)\s+(?:\w+\s+){0,2}(?:open|closed|trading)\b`,
  String.raw`\bmkts?\b[^.?!]{0,15}\b(?:open|closed|status)\b`,
  String.raw`\b(?:are|is)\s+(?:we|stocks|(?:u\.?s\.?|us) (?:stocks|equities)|equities)\s+(?:trading|open)\s+(?:now|today|right now|rn)\b`,
  String.raw`\b(?:market|trading) hours\b|\bstatus only\b|\bopen (?:rn|right now)\b`,
].join('|'));

/** Reading a channel's history: "scan #alerts history", "read the channel", "check the #general channel". */
// "which three tanked the most today out of everything you track?": the day's movers across the whole universe.
const UNIVERSE = /\b(?:out of|across|among|in|of) (?:everything|all (?:the )?(?:names|stocks|tickers|shares)|(?:the|our) (?:whole |full |entire )?(?:coverage )?universe|(?:everything|all|the names) (?:you|we) (?:track|cover|follow|watch))\b/;
// The verbs of a day's fall and rise, and "anything in …", one vocabulary for the movers facet and the movers' reader.
export const FELL = 'tanked|fell|dropped|declined|lost|slid|sank|plunged';
export const ROSE = 'rose|gained|jumped|rallied|climbed|popped|ripped';
export const ANY_NAME = String.raw`(?:anything|any (?:name|stock|ticker|holding)s?|anyone|something)`;
const MOVED_MOST = new RegExp(String.raw`\b(?:${FELL}|${ROSE}|moved)\b[^.?!]{0,10}\bmost\b|\b${ANY_NAME}\b[^.?!]{0,30}\b(?:${FELL}|${ROSE})\b`);

const READS_CHANNEL = /(?:\bcatch (?:me |us )?up on|\b(?<!\b(?:a|an|the|short|quick|brief|[\w-]+-line)\s)recap|\bdigest of|\bwhat(?:'s| is| was| has been| have been)? (?:been )?(?:going on|happening|said|posted|discussed|talked about|shared)|\b(?:chatter|buzz|gist|discussion|conversation|talk)\b|\bread(?:ing)?|\bscan(?:ning)?|\bcheck(?:ing)?|\blook(?:ing)? (?:at|through)|\breview(?:ing)?|\bsee|\bpull|\bgo(?:ing)? through|\bskim|\bsummari[sz](?:e|ing))\b[^.?!]{0,50}(?:#[a-z]|\bchannel\b|\bhistory\b|\bmessages\b|\bposts\b|\bnotes?\b|\bthread\b)|\bchannel history|#[a-z][\w-]* (?:channel )?history|history (?:of|in) (?:the )?#/;
const SAYS_IN_CHANNEL = new RegExp(`${SAYING.source}[^.?!]{0,40}(?:#[a-z]|\\bchannel\\b)`);

// The company facts a profile serves; a description alone ("tell me about …") does not call for a profile.
const PROFILE_FACTS = new Set<FactLabel>(['ceo', 'employees', 'sector', 'industry', 'exchange', 'website', 'ipo_date', 'beta', 'dividend', 'country', 'currency', 'is_etf']);

export function detectFacets(text: string): Set<Facet> {
  const t = text.toLowerCase();
  const facts = readFacts(text);
  const facets = new Set<Facet>();
  const add = (facet: Facet, when: boolean) => when && facets.add(facet);
  add('market-status', has(t, /market holiday|holiday today|today a holiday|market (is )?(open|closed)|is the [\w\s.]*market open|next open|open right now|market status|is the market(?!\s*cap)/) || has(t, MARKET_STATUS));
  add('price', has(t, /price|quote|\bpx\b|closing|close\b|closes|\b(?:closed|finished|ended|settled) (?:at|above|below|over|under)\b|where (?:\w+ ){0,3}(?:closed|finished|ended)\b|where is .{1,40} trading|trading at|trad(?:es|ed) at|how did .{1,60} do\b|share price|how(?:'s| is) .{1,40} doing|doing today|how .{1,40}(?:stock|shares) (?:did|does|do|is doing|performed|traded)\b/));
  add('move', has(t, /percent|%|\bmove[sd]?\b|moved|\bjump(?:s|ed)?\b|\brall(?:y|ied|ies)\b|\bsurg(?:e|ed|es)\b|\bslump|\bsl(?:id|ide|ides)\b|\bplung|\btumbl|\bsank\b|\bspik(?:e|ed)\b|\bchanges?\b|\brise\b|\brose\b|\bfall\b|\bfell\b|gain|drop|led\b|lagg|did .{1,40} do\b|up or down|\b(?:traded|closed|finished|ended|trading) (?:lower|higher|up|down)\b|outperform|perform|how .{1,40}(?:stock|shares) (?:did|does|do|is doing|traded)\b/));
  add('volume', has(t, /volume|shares traded|traded the most|most shares/));
  add('volume-vs-average', has(t, /(versus|vs\.?|compared? (to|with)|against|relative to|above|below|than|heavier|lighter|with) (its |the |their )?(average|typical|usual|normal)|(average|typical|usual|normal) volume .{0,30}(versus|vs|compared|against|above|below)|heavier than usual|lighter than usual|\d(?:\.\d+)?\s*(?:x|×|times) (?:their |its |the )?(?:average|avg|usual|typical|normal)|exceed(?:s|ed)? (?:its |their |the )?average/));
  // ("the 50-session average" is the quote's average volume, not a trend over 50 sessions.)
  add('trend', has(t, /trend|last \w+ (trading )?(sessions|days)|daily bars|(?<![\d-])\d+-session\b(?![- ](?:average|avg|moving|high|low|range|ma\b))|(?:two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|sixty|ninety)-(?:session|day)\b|multi-session|over the (last|past)/));
  // ("what the team has been saying in #research" is the channel's messages, not the news.)
  add('headline', has(t, /headline|\bnews\b|\bstor(?:y|ies)\b/) || (has(t, /what .{0,30} say/) && !SAYS_IN_CHANNEL.test(t)));
  // "a positive 5-session return" and the quoted text of a post ("post 'screens cheap with positive momentum'") ask no sentiment.
  const signs = t.replace(/\b(?:post|send|saying)\s+(["'‘“])[^"'’”]*["'’”]/g, ' ').replace(/\b(?:positive|negative)\s+(?:(?:\d+|\w+)[- ](?:session|day|week|month)s?\s+)?(?:returns?|momentum|moves?|changes?|days?|sessions?|close|territory|performance|excess)\b/g, ' ');
  add('sentiment', has(t, /sentiment|tone|bullish|bearish|good or bad|good news|bad news|upbeat|optimistic|pessimistic|\bmood\b/) || has(signs, /positive|negative/));
  // ("for the risk committee", "the risk desk", "risk officer" name who reads the answer, not what it weighs.)
  add('risk-opportunity', has(t, /risks?\b(?! (?:committee|desk|team|officer|manager|management|function|department|group))|opportunit/));
  add('profile', has(t, /what does .{1,40} do\b|business description|describe|description|what (?:the company|it|they) does|profile|what (kind of )?company|exchange is|listed on|employees|headcount|website|headquarter|ipo date|went public|is (?:it|this|that|\w+) an? (?:etf|fund)|if it(?:'s| is) an? (?:etf|fund)|whether [^.?!]{0,30}(?:etf|fund)\b|\bbeta\b|dividend|which country|what country|reporting currency|what currency|currency does/) || facts.some((label) => PROFILE_FACTS.has(label)));
  add('market-cap', has(t, /market cap/) || facts.includes('market_cap'));
  add('income', has(t, /income statement|r&d|research and development|diluted eps|eps diluted|revenue|net income|margin|profitab|earnings growth|gross profit|operating income/));
  add('valuation', has(t, /p\/e|\bpe ratio|price[- ]to[- ]earnings|\beps\b|earnings per share|valuation/) || facts.includes('pe') || facts.includes('eps'));
  add('range', has(t, /52-week|52 week|(?:12-month|one-year|1-year|annual) (?:high|low|range)|year(?:ly)? high|year(?:ly)? low|\bday(?:'s)? (?:high|low|range)|session(?:'s)? (?:high|low|range)|intraday range|trading range/));
  add('range-position', facets.has('range') && has(t, /how far|how close|(?:closest|nearest|furthest|farthest) (?:to|from)|distance|\boff (?:its|their|the)\b|(?:below|from|under|beneath|near|off) (?:(?:its|their|the) )?(?:52|year|yearly|annual|one-year|12-month)|percent (?:below|above|from|off)|% (?:below|above|from|off)/));
  add('movers', has(t, /(biggest|top|largest|best|worst) (\w+ )?(gainers?|losers?|movers?)|gainers|losers|biggest (gain|drop|decline)s?|(?:which|what) (?:stocks?|names|shares|tickers|companies)\b[^?.]{0,30}\b(?:fell|dropped|declined|lost|rose|gained|jumped|rallied|climbed|moved)(?: the)? most|(?:biggest|largest|steepest|top|worst|best) (?:\w+ )?(?:decliners|risers|fallers|advancers)|(?:worst|best|top) performers?|\bled the (?:tape|market|board|session)\b|\b(?:top|bottom) (?:\d+|three|five|ten) (?:up|down|names|stocks|tickers)\b|\bwho led and (?:who )?lagged\b|\bleaders and laggards\b/) || (UNIVERSE.test(t) && MOVED_MOST.test(t)));
  add('moving-average', has(t, /moving average|\d+-day average|(?<!weighted )average (closing )?price|\bsma\b|average close|\d+\s?dma\b|\d+[- ]?d(?:ay)? (?:ma|avg)\b/));
  // "the most negative coverage" is the news' tone; "web coverage", "coverage online" is a search.
  add('web', has(t, /\bweb\b|search (the web|online)|(?<!(?:negative|positive|news|media|press|bad|good|neutral|bullish|bearish|worst|best|the most|more|less|our|my|your|the desk's)\s)coverage(?! universe| list)|(?<!news\s|recent\s)articles?\b|independent sources|analysis of|online/));
  add('web-summary', has(t, /summari[sz]e the top (?:web |search )?result|top (?:web |search )?result|read the (top )?article|extract/));
  add('fact-check', has(t, /fact-check|fact check|confirm with|two independent sources|verify|cross-check/));
  add('ranking', has(t, /\brank|\b(?:up|down) more\b|did (?:best|worst|better|worse)|which \w+ (?:did|was|had|moved|rose|fell|gained|performed)\b|(?:moved|rose|fell|gained|dropped|did) (?:more|better|worse)|who (?:moved|did)|which (one|of|had|moved|traded|bank|name|led)|led\b|lagged|compare|comparison|bigger|biggest|(?:traded|moved|gained|fell|rose) the most|the (?:most|least) shares|relative to each other|cheaper|cheapest|more expensive|most expensive|(?:higher|lower|highest|lowest) (?:p\/e|valuation|multiple|margin)|more profitable|most profitable/));
  add('excess-return', has(t, /outperform|underperform|\bexcess\b|\bbench(?:mark)?\s*[=:]|\bbeat\b|\bbeats\b|\blagged behind\b|relative performance|excess return|relative strength|(?:versus|vs\.?|against|relative to|compared? (?:it )?(?:to|with)) (?:the )?(?:index|spy|qqq|dia|iwm|s&p|nasdaq|dow|russell|benchmark|broader market|market)\b|trade versus|traded versus/));
  // ("need it in 2 sentences for slack", "bullets, Slack-ready": the answer is meant for Slack, no post is asked.)
  add('slack', has(t.replace(/\b(?:for|in) slack\b(?!\s+(?:channel|#))|\bslack[- ](?:ready|friendly|style|format)\b/g, ' '), /slack|(?:post|send|share|drop|push|write|message) (it|the|this|a)? ?[\w\s]*to (the )?#|#[a-z][\w-]* (slack )?channel/));
  // Statistics of the daily-bar window: volatility, the best or worst single session, drawdown from the peak.
  add('bar-stats', MOVE_Z.test(t) || has(t, /volatil|standard deviation|std\.? ?dev|\bstdev\b|(?:mean|average|avg\.?) (?:of )?(?:the )?daily (?:% |percent(?:age)? )?(?:changes?|returns?|moves?)|drawdown(?! (?:from|off|vs\.?) (?:(?:its|their|the) )?(?:52|year|yearly|annual|one-year|12-month))|peak[- ]to[- ]trough|(?:largest|biggest|best|worst|largest single|maximum)[- ](?:single[- ])?(?:day|daily|session)\b|single[- ](?:day|session)/));
  add('session-bar', has(t, /\bopen(?:ed)? (?:higher|lower|vs\.?|versus|at(?! (?:the|this) (?:moment|time|point))|price)|\bopening price|\bopen and close|\bopen vs|\bopen versus|gap(?:ped)? (?:up|down)|vwap|volume[- ]weighted/));
  // Reading Slack (its channels, a channel's recent messages) is not posting to it.
  const readOnly = forbidsPosting(t);
  const posts = !readOnly && has(t, /(?:post|send|share|drop|push|write|message|notify)\b[^.?!]{0,40}(?:to|in|on) (?:the )?(?:#|slack)|\bpost (?:it|this|a|the)/);
  // "Check the last messages in #research, then post …" reads first and posts after.
  const readsFirst = has(t, /(?:check|read|look (?:at|through)|review|see|pull|scan|skim|go through|grab|fetch|catch up on)\b[^.?!]{0,20}(?:last|latest|recent|newest) \w* ?(?:messages|posts|history)/);
  add('slack-read', (!posts || readsFirst) && has(t, /slack channels|which channels|list (?:the |our )?channels|(?:messages|posts) (?:posted |sent )?in (?:the )?#|(?:last|latest|recent) \w* ?(?:messages|history)|channel history|history (?:in|of) (?:the )?#/));
  // "Scan #alerts history … do not post": a read the prompt forbids answering with a post.
  add('slack-read', readOnly && /#[a-z]|slack|channel/.test(t) && has(t, READS_CHANNEL));
  // The asks' reading of a channel read ("read that note in #research, then post an update") counts too.
  add('slack-read', (READS_CHANNEL.test(t) || SAYS_IN_CHANNEL.test(t) || PRONOUN_READ.test(t)) && readAsks(text).asks.some((ask) => ask.kind === 'slack-read'));
  if ((facets.has('slack-read') && !posts) || readOnly) facets.delete('slack');
  if (facets.has('bar-stats')) facets.add('trend');
  if (facets.has('session-bar')) facets.add('price');
  if (facets.has('volume-vs-average')) facets.add('volume');
  if (facets.has('risk-opportunity')) facets.add('headline');
  if (facets.has('sentiment')) facets.add('headline');
  if (facets.has('web-summary')) facets.add('web');
  if (facets.has('market-cap')) facets.add('price');
  if (facets.has('moving-average')) facets.add('trend');
  return facets;
}

