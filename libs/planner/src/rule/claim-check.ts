/**
 * Fact-checking a claim about a company event ("a forum post says NVIDIA's drop was due to new export restrictions",
 * "is it true Lilly pays $26.4B for Helix?") against what the company itself released: a web search for the claim,
 * then a python step that finds the company's own release among the results and rules by an explicit rule the
 * sample records — figures the claim states against the release's, opposite wording (raise/cut, beat/miss, added/
 * removed, dropped/confirmed), and the share of the claim's words the release carries.
 */
import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import { snippet } from './python-snippets.ts';
import { escapeRegExp } from '../escape-reg-exp.ts';

// A claim about an event the web's releases and reports can settle (not a price move, which the quotes settle).
const EVENT_CLAIM = /\bpa(?:y|ys|id|ying)\b[^?!]{0,40}\bfor\b|acqui|\bbuy(?:s|ing)?\b|bought|takeover|merger|\bdeal\b|buyback|repurchase|dividend|guidance|outlook|forecast|\bfined?\b|penalt|settle|lawsuit|class action|probe|investigat|inquiry|export|restriction|regulat|approv|clearance|launch|unveil|postpon|delay|index|rebalanc|upgrade|downgrade|price target|\btarget\b|supplier|supply|shortage|bottleneck|outage|halt|\bceo\b|\bcfo\b|chief|steps? down|resign|appoint|leav(?:e|ing)|release|announce/i;

/** Whether a verdict's claim is about a company event the tools' web pages can confirm or contradict. */
export function isEventClaim(claim: string): boolean {
  // "X pays a bigger dividend than Y" compares figures the quotes and profiles give, not an event a release settles.
  if (/\b(?:bigger|larger|higher|greater|more|less|lower|smaller|cheaper)\b[^.?!]{0,60}\bthan\b/i.test(claim)) return false;
  return EVENT_CLAIM.test(claim);
}

/** The search words of a claim: without the "a forum post says / is it true that" framing around it. */
export function claimQuery(claim: string, entity: EntityRef): string {
  const core = claim
    // "saw a thread on some stock forum saying Meta …", "A trader told me Micron …": what was said, not who said it.
    .replace(/^[^.?!]*?\b(?:saying|told (?:me|us)|(?:a|the) tip that|i(?:'m| am) hearing(?: that)?|chatter (?:all day |today |this morning )?that|(?:thread|post|note) (?:on|in) [^,]{0,30}? (?:says|said|claims|claiming))\s+(?:that\s+)?/i, '')
    .replace(/["“”]/g, ' ')
    .replace(/\b(?:fact[- ]?check|is (?:it|that|this) (?:actually |really )?true|true or false|verify|a (?:forum |reddit |chat )?post (?:says|claims)|someone (?:on the desk )?(?:says|claims|swears)|rumou?rs? (?:says?|has it)|the claim (?:is )?that|claims? that|reports? that|says that|check whether|whether|heard(?: (?:on|in|at|from) the \w+)?|word (?:is|on the street is)|(?:someone|a trader|a colleague) (?:in|on) (?:the )?\w+ (?:says|claims))\b/gi, ' ')
    // "On the forum somebody write that …", "Chatter says …": who said it is not what to search for.
    .replace(/\b(?:on the (?:forum|floor|desk|street),?\s+)?(?:somebody|someone|people|a trader|chatter|the chatter)\s+(?:write|writes|wrote|say|says|said|posted|posts|is)(?: that)?\b/gi, ' ')
    .replace(/\b(?:it is|is it) true or not\b|\bon the (?:forum|floor)\b/gi, ' ')
    .replace(/[?!]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // A company's name finds its release better than its symbol: "NVIDIA", not "NVDA" (legal-form words left out).
  const named = entity.name?.replace(/,?\s+(?:Corporation|Incorporated|Inc\.?|Corp\.?|Co\.?|Company|plc|Ltd\.?|Limited|Holdings|Group|& Co\.?)\b.*$/i, '').trim();
  const subject = entity.mention ?? (named || entity.symbol);
  // Companies announce a buyback as a "share repurchase": the search asks for both words.
  // … and their forecasts as an "outlook".
  const synonyms = (/\bbuy-?backs?\b/i.test(core) && !/\brepurchase/i.test(core) ? ' share repurchase' : '') + (/\bguidance\b/i.test(core) && !/\boutlook\b/i.test(core) ? ' outlook' : '');
  const words = core.split(' ').slice(0, 16).join(' ') + synonyms;
  return new RegExp(`\\b${escapeRegExp(subject)}\\b`, 'i').test(words) ? words : `${subject} ${words}`;
}

/** Search results + the claim → the release found, the verdict, and the rule that decided it. */
export const CLAIM_CHECK_CODE = snippet(
  'import re',
  'rows = list(zip(arr(urls), arr(titles), arr(contents)))',
  'def host(u):',
  '    return re.sub(r"^https?://", "", str(u)).split("/")[0].lower()',
  'officials = [r for r in rows if re.match(r"(?:investors?|ir)\\.", host(r[0])) or "/investor" in str(r[0]).lower()]',
  'forum = next((r for r in rows if re.search(r"forum|chatter|reddit|stocktwits|board", host(r[0])) or str(r[1]).lower().startswith("rumor")), None)',
  'STOP = set("the a an of to in on for and or is was were be been being that this it its with by at as from has have had would will could about over after before than said says claim claims report reports post forum true really actually check verdict company shares stock today chatter somebody someone write writes wrote heard rumor rumour not gonna wanna going real fake legit nah all day saw thread".split())',
  'skip = set(w.lower() for w in arr(names))',
  'def words(t):',
  // An officer's title and a departure are one word each, however written ("CEO … stepping down", "CFO … will leave").
  '    t = re.sub(r"\\b(?:ceo|cfo|coo|chief (?:executive|financial|operating) officer|chief executive)\\b", " officer ", str(t).lower())',
  '    t = re.sub(r"\\b(?:leav\\w*|step\\w* down|resign\\w*|depart\\w*|retir\\w*)\\b", " departs ", t)',
  // A buyback is a repurchase, and British spellings are the same words ("authorised", "authorized").
  '    t = re.sub(r"\\b(?:buy-?backs?|repurchas\\w*)\\b", " repurchase ", t)',
  '    t = re.sub(r"\\b(?:guidance|outlook|forecast)\\b", " outlook ", t)',
  '    t = re.sub(r"\\b([a-z]{3,})is(e[ds]?|ing|ation)\\b", lambda m: m.group(1) + "iz" + m.group(2), t)',
  '    return set(w for w in re.findall(r"[a-z][a-z0-9&-]+", t) if w not in STOP and w not in skip and len(w) > 2)',
  // The company's release closest to the claim in words, the first on a tie.
  'official = max(officials, key=lambda r: len(words(claim) & words(str(r[1]) + " " + str(r[2]))), default=None)',
  'def amounts(t):',
  '    scale = {"trillion": 1e6, "billion": 1e3, "bn": 1e3, "b": 1e3, "million": 1, "m": 1, "mn": 1}',
  '    found = []',
  '    for value, unit in re.findall(r"\\$\\s?(\\d+(?:\\.\\d+)?)\\s*(trillion|billion|million|bn|mn|b|m)?\\b", str(t).lower()):',
  '        found.append(float(value) * scale.get(unit, 1e-6))',
  '    return found',
  'PAIRS = [',
  '    (r"\\b(?:rais\\w*|increas\\w*|hik\\w*|boost\\w*|lift\\w*)\\b", r"\\b(?:cut|cuts|lower\\w*|reduc\\w*|slash\\w*|trim\\w*)\\b"),',
  '    (r"\\b(?:beat\\w*|above|exceed\\w*|topp\\w*)\\b", r"\\b(?:miss\\w*|below|short of)\\b"),',
  '    (r"\\b(?:added|adds|join\\w*|inclusion|included)\\b", r"\\b(?:removed?|exclu\\w*|deleted)\\b"),',
  '    (r"\\b(?:approv\\w*|clear(?:ed|ance)?)\\b", r"\\b(?:reject\\w*|block\\w*|denied|den(?:y|ies))\\b"),',
  '    (r"\\b(?:confirm\\w*|ongoing|opened|faces|cooperating|served with|disclosed)\\b", r"\\b(?:dropped|closed|ended|abandon\\w*|without action|called off|scrapp\\w*|already settled)\\b"),',
  '    (r"\\b(?:launch\\w*|unveil\\w*|announc\\w*|availab\\w*)\\b", r"\\b(?:postpon\\w*|delay\\w*|cancel\\w*|shelv\\w*)\\b"),',
  '    (r"\\b(?:sign\\w*|agreement|agreed|close to)\\b", r"\\b(?:collaps\\w*|fell through|broke down|walked away)\\b"),',
  '    (r"\\b(?:halt\\w*|suspend\\w*|stopp\\w*|paus\\w*|ceas\\w*)\\b", r"\\b(?:sign\\w*|agreement|agreed|resum\\w*|continu\\w*|secur\\w*|expand\\w*)\\b"),',
  '    (r"\\b(?:inflows?|creations?)\\b", r"\\b(?:outflows?|redemptions?)\\b"),',
  ']',
  'def first_sentence(t):',
  '    t = str(t).strip()',
  '    for m in re.finditer(r"[.!?](?=\\s+[A-Z])", t):',
  '        if not re.search(r"\\b(?:Co|Inc|Corp|Ltd|Bros|St|Mr|Mrs|Ms|Dr|No|vs|U\\.S)$", t[: m.start()]):',
  '            return t[: m.start() + 1]',
  '    return t',
  'text = str(claim)',
  'verdict, rule = "No evidence found in the tools", "no release by the company on this claim among the search results"',
  'if official is not None:',
  '    body = str(official[1]) + " " + str(official[2])',
  // An outlook "of $62.60 billion, compared with its earlier outlook of $67.80 billion" is a cut, though it says no "cut".
  '    moved = re.search(r"\\$(\\d+(?:\\.\\d+)?)\\s*\\w*,? compared with (?:its|the) (?:earlier|previous|prior) (?:outlook|guidance|forecast) of \\$(\\d+(?:\\.\\d+)?)", body)',
  '    if moved:',
  '        body += " raised" if float(moved.group(1)) > float(moved.group(2)) else " cut"',
  '    mine, theirs = words(text), words(body)',
  '    share = round(len(mine & theirs) / len(mine), 2) if mine else 0',
  '    said, stated = amounts(text), amounts(body)',
  '    opposite = [p for p in PAIRS if (re.search(p[0], text.lower()) and re.search(p[1], body.lower()) and not re.search(p[0], body.lower())) or (re.search(p[1], text.lower()) and re.search(p[0], body.lower()) and not re.search(p[1], body.lower()))]',
  '    target = re.search(r"\\b(?:being|be|to be|was|is) (?:acquired|bought|taken over|sold)\\b|\\btakeover target\\b|\\bbought by\\b", text.lower())',
  // "CEO X is stepping down" against a release that the CFO is leaving: the same kind of event, another officer.
  '    ROLES = [("chief executive", r"\\b(?:ceo|chief executive)\\b"), ("chief financial officer", r"\\b(?:cfo|chief financial officer)\\b"), ("chief operating officer", r"\\b(?:coo|chief operating officer)\\b"), ("chair", r"\\bchair(?:man|woman|person)?\\b")]',
  '    LEAVES = r"\\b(?:leav\\w*|step\\w* down|resign\\w*|depart\\w*|exit\\w*|retir\\w*|oust\\w*|fired|replac\\w*)\\b"',
  '    head = str(official[1]) + " " + first_sentence(official[2])',
  '    said_roles = [name for name, pattern in ROLES if re.search(pattern, text.lower())]',
  '    named_roles = [name for name, pattern in ROLES if re.search(pattern, head.lower())]',
  '    other_officer = said_roles and named_roles and not set(said_roles) & set(named_roles) and re.search(LEAVES, text.lower()) and re.search(LEAVES, head.lower())',
  '    if other_officer:',
  '        verdict, rule = "Contradicted", "the release says the " + named_roles[0] + " is leaving, not the " + said_roles[0]',
  '    elif share < 0.3:',
  '        rule = "the release found is about something else (" + str(int(share * 100)) + "% of the claim\'s words)"',
  '    elif target and not re.search(r"\\bto be acquired\\b|\\bacquired by\\b|\\bsale of the company\\b", body.lower()):',
  '        rule = "the release shows the company as the buyer, not as the one being bought"',
  '    elif said and stated:',
  '        match = any(abs(a - b) <= 0.005 * max(abs(b), 1e-9) for a in said for b in stated)',
  '        verdict = "Supported" if match else "Contradicted"',
  '        rule = "the release states the figure the claim gives" if match else "the release states a different figure than the claim"',
  '    elif opposite:',
  '        verdict, rule = "Contradicted", "the release says the opposite of the claim"',
  '    else:',
  '        verdict, rule = "Supported", "the release states what the claim says (" + str(int(share * 100)) + "% of its words)"',
  'result = {',
  '    "verdict": verdict,',
  '    "rule": rule,',
  '    "official_title": official[1] if official else None,',
  '    "official_url": official[0] if official else None,',
  '    "official_excerpt": first_sentence(official[2]) if official else None,',
  '    "forum_url": forum[0] if forum and forum is not official else None,',
  '}',
);

const ref = (name: string) => `\${${name}}`;

/** tavily_search for the claim, then the ruling; the answer opens with `claim_verdict` and cites the release. */
export function addClaimCheckSteps(plan: PlanBuilder, entity: EntityRef, claim: string): void {
  // The news topic keeps news and company releases, where a claim is confirmed or denied.
  plan.add('tavily', 'tavily_search', { query: claimQuery(claim, entity), max_results: 10, search_depth: 'advanced', topic: 'news' }, {
    extract: ['claim_urls = results[][url]', 'claim_titles = results[][title]', 'claim_contents = results[][content]'],
    accept_if: ['claim_urls is not None'],
  });
  const names = [entity.symbol, ...(entity.mention ?? '').split(/\s+/)].filter((word) => word.length > 1);
  plan.add('python', 'execute_python', {
    code: CLAIM_CHECK_CODE,
    inputs: { claim, urls: ref('claim_urls'), titles: ref('claim_titles'), contents: ref('claim_contents'), names: JSON.stringify(names) },
  }, {
    extract: [
      'claim_verdict = result.verdict', 'claim_rule = result.rule', 'claim_official_title = result.official_title',
      'claim_official_url = result.official_url', 'claim_official_excerpt = result.official_excerpt', 'claim_forum_url = result.forum_url',
    ],
    accept_if: ["claim_verdict in ['Supported', 'Contradicted', 'No evidence found in the tools']"],
  });
  plan.require('claim_verdict', 'claim_rule');
  plan.criterion(`opens with the verdict on the claim "${claim.slice(0, 160)}", decided against ${entity.symbol}'s own release found by the search, and cites that release`);
}

// "Chevron was halted this morning", "trading in CVX was suspended": a claim about the tape, which the session's
// hourly bars settle (a company halting shipments is an event, checked against its release).
const TRADING_HALT = /\b(?:was|were|got|been|is|are|being) (?:halted|suspended)\b(?! (?:by|from|over|after|for)\b[^.?!]{0,20}\b(?:shipments?|production|sales|deliver))|\btrading (?:halt|(?:in \S+ )?(?:was |got )?(?:halted|suspended))\b|\bhalted (?:trading|the stock|its shares)\b|\b(?:stock|shares) (?:was |were |got )?(?:halted|suspended)\b/i;

/** Whether a verdict's claim says trading in the stock was halted. */
export function isTradingHaltClaim(claim: string): boolean {
  return TRADING_HALT.test(claim);
}

/** The session's hourly bars → whether every bar traded, and the session's volume, open and close as the evidence. */
export const HALT_CHECK_CODE = snippet(
  'vols = [num(v) or 0 for v in arr(volumes)]',
  'opens = [num(o) for o in arr(opens)]',
  'closes = [num(c) for c in arr(closes)]',
  'quiet = [i for i, v in enumerate(vols) if v <= 0]',
  'total = int(sum(vols))',
  'if not vols:',
  '    verdict, rule = "No evidence found in the tools", "the tools return no hourly bars for the session"',
  'elif quiet:',
  '    verdict, rule = "Supported", str(symbol) + " had no trades in " + str(len(quiet)) + " of the session\'s " + str(len(vols)) + " hourly bars"',
  'else:',
  '    verdict = "Contradicted"',
  '    rule = "no halt shows in the tools\' data: " + str(symbol) + " traded in every hourly bar of the session (" + str(len(vols)) + " bars, volume " + str(total) + " shares), opening at $" + ("%.2f" % opens[0]) + " and closing at $" + ("%.2f" % closes[-1])',
  'result = {"verdict": verdict, "rule": rule, "bars": len(vols), "volume": total}',
);

/** The session's hourly bars, then the ruling on the halt claim; the answer opens with `claim_verdict`. */
export function addHaltCheckSteps(plan: PlanBuilder, entity: EntityRef, claim: string, day: string): void {
  const s = entity.slug;
  plan.add('polygon', 'polygon_get_aggs', { ticker: entity.param, from: day, to: day, timespan: 'hour', multiplier: 1 }, {
    extract: [`${s}_hour_volumes = results[][v]`, `${s}_hour_opens = results[][o]`, `${s}_hour_closes = results[][c]`],
    accept_if: [`${s}_hour_volumes is not None`],
  });
  plan.add('python', 'execute_python', {
    code: HALT_CHECK_CODE,
    inputs: { volumes: ref(`${s}_hour_volumes`), opens: ref(`${s}_hour_opens`), closes: ref(`${s}_hour_closes`), symbol: entity.symbol },
  }, {
    extract: ['claim_verdict = result.verdict', 'claim_rule = result.rule', 'halt_bars = result.bars', 'halt_volume = result.volume'],
    accept_if: ["claim_verdict in ['Supported', 'Contradicted', 'No evidence found in the tools']"],
  });
  plan.require('claim_verdict', 'claim_rule');
  plan.criterion(`opens with the verdict on the claim "${claim.slice(0, 160)}", decided by ${entity.symbol}'s hourly bars of the session`);
}
