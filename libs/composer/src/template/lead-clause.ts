import type { Ask, Asks } from '@forge/asks';
import { count, decimal, money, percent, signedPercent, type FactReader } from './fact-reader.ts';
import type { Subject } from './entity-clauses.ts';
import { levelVerdict } from './level-verdict.ts';
import { excessOf, ruleStanceClause } from './stance-rule-clause.ts';

/**
 * The answer's lead: what the prompt asked to decide (a pick, a verdict on a claim, a stance among named options),
 * stated first with the figures that decided it. Every figure is a tool fact; a decision the facts cannot support is
 * left out rather than guessed, and the gate then rejects the sample.
 */
export function leadClauses(asks: Asks | undefined, facts: FactReader, subjects: Subject[], all: Subject[] = subjects): string[] {
  if (!asks) return [];
  const lead: string[] = [];
  let picked: Subject | undefined;
  let pickText: string | undefined;
  let verdict: string | undefined;
  for (const ask of asks.asks) {
    if (ask.kind === 'pick') {
      const pick = pickClause(ask, facts, subjects);
      if (pick) [lead[lead.length], picked, pickText] = [pick.clause, pick.subject, pick.clause];
    } else if (ask.kind === 'verdict') {
      verdict = verdictClause(ask, facts, subjects);
      // A ruling against the company's release is what a fact-check asks first.
      if (facts.keys(/^claim_verdict$/).length > 0) lead.unshift(verdict);
      else lead.push(verdict);
    } else if (ask.kind === 'stance') {
      // A stance after a pick is about the picked name ("which bank is worse, and is it just tracking the Dow?").
      const first = picked ? [picked] : subjects;
      const ordered = [...first, ...[...subjects, ...all].filter((subject, index, list) => !first.some((other) => other.symbol === subject.symbol) && list.findIndex((other) => other.symbol === subject.symbol) === index)];
      const windowed = asks.asks.some((other) => (other.kind === 'window' && other.window.unit === 'sessions') || (other.kind === 'benchmark' && other.window?.unit === 'sessions'));
      // A stance by a stated rule is each name's own (a benchmark is the yardstick, not a name to rate).
      const benchmarks = new Set(asks.asks.flatMap((other) => (other.kind === 'benchmark' ? [other.symbol] : [])));
      const rated = ordered.filter((subject) => !benchmarks.has(subject.symbol));
      const stance = ask.rule
        ? ruleStanceClause(ask.rule, facts, picked ? [picked] : rated.filter((subject) => subjects.includes(subject)), windowed)
        : scorecardClause(facts) ?? stanceClause(ask, facts, ordered, windowed);
      if (stance) lead.push(stance);
    }
  }
  // A verdict beside a pick: both open the answer, in one sentence, the verdict first.
  if (verdict !== undefined && pickText !== undefined) {
    const rest = lead.filter((clause) => clause !== verdict && clause !== pickText);
    return [`${verdict}; ${pickText}`, ...rest];
  }
  return lead;
}

type Metric = { key: (slug: string) => string | undefined; render: (value: number) => string };

const first = (facts: FactReader, keys: string[]) => keys.find((key) => facts.keys(new RegExp(`^${key}$`)).length > 0);

function metricFor(by: string, facts: FactReader): Metric | undefined {
  switch (by) {
    case 'move': return { key: (slug) => `${slug}_change_pct`, render: signedPercent };
    case 'return': return { key: (slug) => first(facts, [`${slug}_return_n`, `${slug}_w_pct_change`]), render: signedPercent };
    case 'excess-return': return { key: (slug) => facts.keys(new RegExp(`^${slug}_vs_[a-z]+_excess_period$`))[0] ?? facts.keys(new RegExp(`^${slug}_vs_[a-z]+_excess_today$`))[0], render: (value) => `${value >= 0 ? '+' : ''}${decimal(value)} percentage points` };
    case 'pe': return { key: (slug) => `${slug}_pe`, render: decimal };
    case 'volatility': return { key: (slug) => `${slug}_volatility`, render: decimal };
    case 'below-high': return { key: (slug) => `${slug}_pct_below_high`, render: (value) => `${percent(value)} below it` };
    case 'close-range': return { key: (slug) => `${slug}_w_close_range`, render: money };
    default: return undefined;
  }
}

/** Each subject's value of the metric, from the trace; subjects without one are left out. */
function valuesOf(metric: Metric, facts: FactReader, subjects: Subject[]): Array<{ subject: Subject; key: string; value: number }> {
  return subjects.flatMap((subject) => {
    const key = metric.key(subject.slug);
    const value = key === undefined ? undefined : peek(facts, key);
    return key !== undefined && value !== undefined ? [{ subject, key, value }] : [];
  });
}

// Reading a value to decide marks it used only when the answer states it.
const peek = (facts: FactReader, key: string) => facts.peek((reader) => reader.number(key));

const PICK_PHRASES: Record<string, [string, string]> = {
  move: ['had the best day', 'had the worst day'],
  'move-abs': ['moved the most', 'moved the least'],
  return: ['had the strongest return', 'had the weakest return'],
  'return-abs': ['moved the most over the window', 'moved the least over the window'],
  'excess-return': ['beat its benchmark by the most', 'trailed its benchmark the most'],
  pe: ['trades at the highest P/E', 'trades at the lowest P/E'],
  volatility: ['was the most volatile', 'was the least volatile'],
  'below-high': ['trades furthest below its 52-week high', 'trades closest to its 52-week high'],
  'close-range': ['had the widest gap between its highest and lowest close', 'had the narrowest gap between its highest and lowest close'],
};

function pickClause(ask: Extract<Ask, { kind: 'pick' }>, facts: FactReader, subjects: Subject[]): { clause: string; subject: Subject } | undefined {
  if (ask.by === 'sentiment') return sentimentPick(facts, subjects);
  const metric = metricFor(ask.by, facts);
  if (!metric) return undefined;
  const values = valuesOf(metric, facts, subjects).filter((entry) => ask.by !== 'pe' || entry.value > 0);
  if (values.length < 2) return undefined;
  const score = (value: number) => (ask.absolute ? Math.abs(value) : value);
  const sorted = [...values].sort((a, b) => (ask.direction === 'max' ? score(b.value) - score(a.value) : score(a.value) - score(b.value)));
  const [best, ...rest] = sorted as [typeof values[number], ...typeof values];
  const phrase = PICK_PHRASES[ask.absolute && (ask.by === 'move' || ask.by === 'return') ? `${ask.by}-abs` : ask.by]![ask.direction === 'max' ? 0 : 1];
  const shown = (entry: typeof best) => {
    facts.number(entry.key);
    return metric.render(entry.value);
  };
  const others = rest.slice(0, 4).map((entry) => `${shown(entry)} for ${entry.subject.symbol}`).join(', ');
  return { clause: `${best.subject.symbol} ${phrase} (${shown(best)}${others ? `, against ${others}` : ''})`, subject: best.subject };
}

/** Over a window of coverage: the name with the most articles negative toward it, counted over every matching article. */
function coveragePick(facts: FactReader, subjects: Subject[]): { clause: string; subject: Subject } | undefined {
  const scored = subjects.flatMap((subject) => {
    const key = `${subject.slug}_coverage_negative`;
    const value = facts.peek((reader) => reader.number(key));
    return value === undefined ? [] : [{ subject, key, value }];
  });
  if (scored.length < 2) return undefined;
  const worst = [...scored].sort((a, b) => b.value - a.value)[0]!;
  const said = (entry: (typeof scored)[number]) => `${facts.number(entry.key)} negative article${entry.value === 1 ? '' : 's'}`;
  const others = scored.filter((entry) => entry !== worst).map((entry) => `${said(entry)} for ${entry.subject.symbol}`).join(', ');
  return { clause: `${worst.subject.symbol} carries the most negative news coverage (${said(worst)}, against ${others})`, subject: worst.subject };
}

const negativity = (labels: unknown[]) => labels.filter((label) => label === 'negative').length - labels.filter((label) => label === 'positive').length;

function sentimentPick(facts: FactReader, subjects: Subject[]): { clause: string; subject: Subject } | undefined {
  const counted = coveragePick(facts, subjects);
  if (counted) return counted;
  const scored = subjects.flatMap((subject) => {
    const labels = facts.list(`${subject.slug}_sentiments`);
    return labels ? [{ subject, labels, score: negativity(labels) }] : [];
  });
  if (scored.length < 2) return undefined;
  const worst = [...scored].sort((a, b) => b.score - a.score)[0]!;
  const tags = (labels: unknown[]) => labels.map(String).join(', ');
  const clause = `${worst.subject.symbol} carries the most negative news sentiment (its latest headlines are tagged ${tags(worst.labels)}; ${scored.filter((entry) => entry !== worst).map((entry) => `${entry.subject.symbol}: ${tags(entry.labels)}`).join('; ')})`;
  return { clause, subject: worst.subject };
}

const UP = /\b(?:rose|rise|risen|up|(?:close[ds]?|finish(?:ed)?|end(?:ed)?) (?:in the )?green|gain(?:ed)?|jump(?:ed)?|climb(?:ed)?|rall(?:y|ied)|surg(?:e|ed)|outperform(?:ed)?|beat(?:en)?|higher)\b|\babove (?:its|the) (?:previous|prior|prev\.?) close/;
const DOWN = /\b(?:fell|fall(?:en)?|down|(?:close[ds]?|finish(?:ed)?|end(?:ed)?) (?:in the )?red|drop(?:ped)?|lost|lose|declin(?:e|ed)|slid|sank|tumbl(?:e|ed)|underperform(?:ed)?|lagg(?:ed|ing)?|trail(?:ed|ing)?|lower)\b|\bbelow (?:its|the) (?:previous|prior|prev\.?) close/;

/** The subjects a claim is about, in the order it names them (by symbol or by the start of the company's name). */
// "whether small caps lagged large caps": the index funds a market segment stands for.
const INDEX_ALIASES: Record<string, RegExp> = {
  IWM: /\bsmall[- ]caps?\b|\brussell\b/,
  SPY: /\blarge[- ]caps?\b|\bs&p\b|\bthe (?:broad )?market\b/,
  QQQ: /\bnasdaq\b|\bmega[- ]cap tech\b|\btech\b/,
  DIA: /\bthe dow\b|\bblue[- ]chips?\b/,
};

function claimSubjects(claim: string, facts: FactReader, subjects: Subject[]): Subject[] {
  const text = claim.toLowerCase();
  const position = (subject: Subject) => {
    const name = (peekText(facts, `${subject.slug}_name`) ?? peekText(facts, `${subject.slug}_company`) ?? '').toLowerCase().split(/[\s,.]+/)[0] ?? '';
    const alias = INDEX_ALIASES[subject.symbol];
    const indexes = [text.search(new RegExp(`\\b${subject.symbol.toLowerCase()}\\b`)), name.length > 2 ? text.indexOf(name) : -1, alias ? text.search(alias) : -1].filter((index) => index >= 0);
    return indexes.length ? Math.min(...indexes) : -1;
  };
  const found = subjects.map((subject) => ({ subject, at: position(subject) })).filter((entry) => entry.at >= 0).sort((a, b) => a.at - b.at);
  // "Apple outperformed QQQ" with no quote fetched for Apple (bars only, so no company name to find): of two
  // subjects, the one the claim does not spell is the other side of the comparison it makes.
  const verb = text.search(COMPARES);
  const unspelled = subjects.filter((subject) => !found.some((entry) => entry.subject === subject));
  if (found.length === 1 && subjects.length === 2 && verb >= 0) {
    return found[0]!.at > verb ? [unspelled[0]!, found[0]!.subject] : [found[0]!.subject, unspelled[0]!];
  }
  return found.map((entry) => entry.subject);
}

const COMPARES = /\b(?:outperform(?:ed|s)?|underperform(?:ed|s)?|beat|beats|lagged|lags|trailed|than|versus|vs\.?|against)\b/;

const peekText = (facts: FactReader, key: string) => facts.peek((reader) => reader.text(key));

/**
 * A ruling on a claim about a move: supported when the move has the claimed direction and, when the claim names a
 * threshold, clears it; contradicted otherwise; "no evidence found in the tools" when no fact measures it.
 */
function verdictClause(ask: Extract<Ask, { kind: 'verdict' }>, facts: FactReader, subjects: Subject[]): string {
  const released = releaseVerdict(facts);
  if (released) return released;
  // "(a) … ; (b) …": each statement ruled on its own, in the order and with the labels the prompt gave.
  const statements = labelledStatements(ask.claim);
  if (statements.length > 1) return statements.map(({ label, text }) => `(${label}) ${verdictClause({ ...ask, claim: text }, facts, subjects)}`).join('; ');
  const claim = ask.claim.toLowerCase();
  const named = claimSubjects(claim, facts, subjects);
  const about = named[0] ?? (subjects.length === 1 ? subjects[0] : undefined);
  const mentioned = about ? mentionVerdict(claim, facts, about) : undefined;
  if (mentioned) return mentioned;
  const grouped = groupBenchmarkVerdict(claim, facts, subjects);
  if (grouped) return grouped;
  const level = about ? levelVerdict(claim, facts, about) : undefined;
  if (level) return level;
  const windowed = /\b(?:sessions?|days?|week|month|past \d+|last \d+)\b/.test(claim) && !/\btoday\b/.test(claim);
  const metric = metricFor(windowed ? 'return' : 'move', facts)!;
  const key = about ? metric.key(about.slug) : undefined;
  const value = key ? peek(facts, key) : undefined;
  const direction = UP.test(claim) && !DOWN.test(claim.replace(/\bdown\s+because\b/, '')) ? 1 : DOWN.test(claim) ? -1 : 0;
  const compared = comparisonVerdict(claim, facts, subjects);
  if (compared) return compared;
  const valuation = about ? valuationVerdict(claim, facts, about) : undefined;
  if (valuation) return valuation;
  const profile = about ? profileVerdict(ask.claim, facts, about) : undefined;
  if (profile) return profile;
  const growth = growthVerdict(claim, facts, about);
  if (growth) return growth;
  // The claim is not quoted back: its figures are the claimant's, not the tools'.
  if (!about || value === undefined || direction === 0 || !key) return 'No evidence found in the tools for the claim';
  facts.number(key);
  const threshold = /more than\s+(\d+(?:\.\d+)?)\s*(?:%|percent|percentage points?|points?)/.exec(claim);
  const other = named[1];
  const otherKey = other ? metric.key(other.slug) : undefined;
  const otherValue = otherKey ? peek(facts, otherKey) : undefined;
  const span = windowed ? ' over the window' : ' on the session';
  // "XOM and CVX both traded lower": every name the claim groups must have moved that way.
  if (/\b(?:both|each|all)\b/.test(claim) && named.length > 1) {
    const moves = named.flatMap((subject) => {
      const subjectKey = metric.key(subject.slug);
      const move = subjectKey ? peek(facts, subjectKey) : undefined;
      return subjectKey && move !== undefined ? [{ subject, key: subjectKey, move }] : [];
    });
    if (moves.length === named.length) {
      const holds = moves.every((entry) => direction * entry.move > (threshold ? Number(threshold[1]) : 0));
      return `${holds ? 'Supported' : 'Contradicted'}: ${moves.map((entry) => `${entry.subject.symbol} moved ${signedPercent(facts.number(entry.key)!)}`).join(', ')}${span}`;
    }
  }
  if (other && otherKey && otherValue !== undefined) {
    facts.number(otherKey);
    const gap = (value - otherValue) * direction;
    const holds = threshold ? gap > Number(threshold[1]) : gap > 0;
    return `${holds ? 'Supported' : 'Contradicted'}: ${about.symbol} moved ${signedPercent(value)} against ${signedPercent(otherValue)} for ${other.symbol}${span}`;
  }
  const holds = direction * value > (threshold ? Number(threshold[1]) : 0);
  return `${holds ? 'Supported' : 'Contradicted'}: ${about.symbol} moved ${signedPercent(value)}${span}`;
}

/**
 * "State whether any of the messages in #alerts reference SMCI": yes with the messages that name it (by ticker or
 * by the company's first name word), no when none of the messages read does.
 */
function mentionVerdict(claim: string, facts: FactReader, about: Subject): string | undefined {
  if (!/\b(?:mention|referenc|discuss|cite|flag)/.test(claim)) return undefined;
  const texts = facts.peek((reader) => reader.list('slack_history_texts')) as string[] | undefined;
  const channel = peekText(facts, 'slack_read_channel');
  if (!texts || !channel) return undefined;
  const name = (peekText(facts, `${about.slug}_name`) ?? '').split(/[\s,.]+/)[0] ?? '';
  const pattern = new RegExp(`\\b(?:${about.symbol}${name.length > 2 ? `|${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : ''})\\b`, 'i');
  const hits = texts.filter((text) => pattern.test(text));
  const label = channel.startsWith('#') ? channel : `#${channel}`;
  facts.list('slack_history_texts');
  return hits.length > 0
    ? `Yes: ${hits.length === 1 ? 'a message' : 'messages'} in ${label} ${hits.length === 1 ? 'mentions' : 'mention'} ${about.symbol}: ${hits.map((text) => `“${text}”`).join('; ')}`
    : `No: none of the latest messages in ${label} mentions ${about.symbol}`;
}

/**
 * "State whether either bank outperformed DIA": each name's excess return over the benchmark it was measured
 * against; yes when any (either, any) or every (both, each, all) name beat it as the claim groups them.
 */
function groupBenchmarkVerdict(claim: string, facts: FactReader, subjects: Subject[]): string | undefined {
  const group = /\bwhether (either|any|both|each|all|neither|none)\b[^.?!;]*?\b(outperform|underperform|beat|lagg?|trail)/.exec(claim)
    ?? /\b(either|any|both|each|all|neither|none)\b[^.?!;]*?\b(outperform|underperform|beat|lagg?|trail)/.exec(claim);
  if (!group) return undefined;
  const measured = subjects.flatMap((subject) => {
    const found = excessOf(facts, subject);
    return found ? [{ subject, ...found }] : [];
  });
  if (measured.length < 2) return undefined;
  const benchmark = /_vs_([a-z0-9]+)_excess_/.exec(measured[0]!.key)?.[1]?.toUpperCase() ?? 'the benchmark';
  const beating = /^(?:outperform|beat)$/.test(group[2]!);
  const held = measured.filter((entry) => (beating ? entry.value > 0 : entry.value < 0));
  const every = /^(?:both|each|all)$/.test(group[1]!);
  const none = /^(?:neither|none)$/.test(group[1]!);
  const holds = every ? held.length === measured.length : none ? held.length === 0 : held.length > 0;
  const each = measured.map((entry) => `${entry.subject.symbol} ${signedPercent(facts.number(entry.key)!)} (percentage points) against ${benchmark}`).join(', ');
  return `${holds ? 'Yes' : 'No'}: ${held.length === 0 ? `no name ${beating ? 'outperformed' : 'underperformed'}` : `${held.map((entry) => entry.subject.symbol).join(' and ')} ${beating ? 'outperformed' : 'underperformed'}`}; ${each}`;
}

/** The statements of a claim labelled (a), (b), … or (1), (2), …; one unlabelled statement otherwise. */
function labelledStatements(claim: string): Array<{ label: string; text: string }> {
  const marks = [...claim.matchAll(/\(\s*([a-h]|[1-9])\s*\)\s*/gi)];
  if (marks.length < 2) return [];
  return marks.map((mark, index) => ({
    label: mark[1]!,
    text: claim.slice(mark.index! + mark[0].length, marks[index + 1]?.index ?? claim.length).replace(/[;,.\s]+(?:and\s*)?$/, ''),
  }));
}

/**
 * A ruling the plan made against the company's own release: the verdict, the rule that decided it, and the release
 * (title, link, its first sentence) or the forum post the claim came from.
 */
function releaseVerdict(facts: FactReader): string | undefined {
  const verdict = facts.peek((reader) => reader.text('claim_verdict'));
  if (!verdict) return undefined;
  const parts = [`${facts.text('claim_verdict')}: ${facts.text('claim_rule') ?? ''}`.trim()];
  const title = facts.text('claim_official_title');
  const url = facts.text('claim_official_url');
  const excerpt = facts.text('claim_official_excerpt');
  if (title) parts.push(`the company's release “${title}”${url ? ` (${url})` : ''}${excerpt ? ` says: ${excerpt.replace(/\.$/, '')}` : ''}`);
  const forum = facts.text('claim_forum_url');
  if (forum) parts.push(`an unverified forum post on the same event: ${forum}`);
  return parts.join('; ');
}

// What a comparative claim measures, and how the figure is stated.
const CLAIM_METRICS: Array<{ words: RegExp; suffix: string; noun: string; render: (value: number) => string }> = [
  { words: /dividend|payout/, suffix: 'last_dividend', noun: 'last dividend per share', render: money },
  { words: /market (?:value|cap)|(?:larger|bigger|smaller|largest|biggest) company|more valuable|worth more/, suffix: 'market_cap', noun: 'market cap', render: money },
  { words: /employees|staff|workforce|headcount/, suffix: 'employees', noun: 'full-time employees', render: count },
  { words: /\bbeta\b/, suffix: 'beta', noun: 'beta', render: decimal },
];
const MORE = /\b(?:bigger|larger|higher|more|greater|above|exceeds?|tops?|largest|biggest)\b/;
const LESS = /\b(?:smaller|lower|less|fewer|below|cheaper|smallest|lowest)\b/;

/**
 * "X pays a bigger dividend than Y, and it is also the larger company by market value": each part compared on the
 * figures the tools returned; supported when every part holds, contradicted when none does, partly true otherwise.
 * Undefined when no part names a metric it can measure for two named companies.
 */
function comparisonVerdict(claim: string, facts: FactReader, subjects: Subject[]): string | undefined {
  const named = claimSubjects(claim, facts, subjects);
  if (named.length < 2) return undefined;
  let about = named[0]!;
  const results: Array<{ holds: boolean; text: string }> = [];
  for (const part of claim.split(/;\s*|,?\s+and\s+(?=(?:it|its|they|[a-z]+ (?:is|has|pays|trades))\b)|,?\s+while\s+/)) {
    const metric = CLAIM_METRICS.find((candidate) => candidate.words.test(part));
    const direction = MORE.test(part) ? 1 : LESS.test(part) ? -1 : 0;
    const inPart = claimSubjects(part, facts, subjects);
    if (inPart[0]) about = inPart[0];
    const other = inPart.find((subject) => subject.symbol !== about.symbol) ?? named.find((subject) => subject.symbol !== about.symbol);
    if (!metric || direction === 0 || !other) continue;
    const [mine, theirs] = [about, other].map((subject) => peek(facts, `${subject.slug}_${metric.suffix}`));
    if (mine === undefined || theirs === undefined) continue;
    facts.number(`${about.slug}_${metric.suffix}`);
    facts.number(`${other.slug}_${metric.suffix}`);
    results.push({ holds: direction * (mine - theirs) > 0, text: `${about.symbol}'s ${metric.noun} is ${metric.render(mine)} against ${metric.render(theirs)} for ${other.symbol}` });
  }
  if (results.length === 0) return undefined;
  const held = results.filter((result) => result.holds).length;
  const ruling = held === results.length ? 'Supported' : held === 0 ? 'Contradicted' : 'Partly true';
  return `${ruling}: ${results.map((result) => result.text).join('; ')}`;
}

/** "revenue more than doubled", "net income grew over 20%": the claim against the income statements' growth. */
function growthVerdict(claim: string, facts: FactReader, about: Subject | undefined): string | undefined {
  const item = /net income|profit|earnings/.test(claim) ? 'net_income' : /revenue|sales|top line/.test(claim) ? 'revenue' : undefined;
  if (!item || !/doubl|tripl|grew|grow|rose|increase|jump|more than|over\s+\d/.test(claim)) return undefined;
  const key = `income_${item}_growth`;
  // Growth per period, newest first, keyed by symbol.
  const series = about ? facts.peek((reader) => reader.record(key)?.[about.symbol]) : undefined;
  const growth = Array.isArray(series) && typeof series[0] === 'number' ? series[0] : undefined;
  if (growth === undefined) return undefined;
  const bound = /tripl/.test(claim) ? 200 : /doubl/.test(claim) ? 100 : Number(/(?:more than|over|above|at least)\s*(\d+(?:\.\d+)?)\s*%/.exec(claim)?.[1] ?? 0);
  facts.record(key);
  const holds = growth > bound;
  return `${holds ? 'Supported' : 'Contradicted'}: ${about!.symbol}'s ${item === 'revenue' ? 'revenue' : 'net income'} grew ${percent(growth)} in the latest period`;
}

/** "trades >50x earnings", "a P/E above 40": the claim against the P/E the tools returned. */
/**
 * "Run by Jamie Dimon and employs roughly 317,000 people": each profile fact the claim states, against the profile.
 * A headcount "roughly", "about" or "around" a figure holds within 5%, an exact one within 0.5%.
 */
function profileVerdict(claim: string, facts: FactReader, about: Subject): string | undefined {
  const parts: Array<{ holds: boolean; text: string }> = [];
  const ceo = peekText(facts, `${about.slug}_ceo`);
  const person = /\b(?:run|led|headed|managed) by\s+((?:[A-Z][\w.'’-]+\s?){2,3})|\b(?:ceo|chief executive)(?: is)?\s+((?:[A-Z][\w.'’-]+\s?){2,3})/.exec(claim);
  const named = (person?.[1] ?? person?.[2])?.trim();
  if (ceo && named) {
    facts.text(`${about.slug}_ceo`);
    const surname = named.split(/\s+/).at(-1)!.toLowerCase();
    parts.push({ holds: ceo.toLowerCase().includes(surname), text: `the CEO is ${ceo}` });
  }
  const employees = peek(facts, `${about.slug}_employees`);
  const headcount = /(roughly|about|around|approximately|some|nearly|almost|over|more than)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|thousand|million)?\s+(?:people|employees|staff|workers|full-time)/i.exec(claim);
  if (employees !== undefined && headcount) {
    facts.number(`${about.slug}_employees`);
    const scale = /k|thousand/i.test(headcount[3] ?? '') ? 1e3 : /million/i.test(headcount[3] ?? '') ? 1e6 : 1;
    const stated = Number(headcount[2]!.replace(/,/g, '')) * scale;
    const loose = headcount[1] !== undefined;
    const holds = /over|more than/i.test(headcount[1] ?? '') ? employees > stated : Math.abs(employees - stated) <= stated * (loose ? 0.05 : 0.005);
    parts.push({ holds, text: `it has ${count(employees)} full-time employees` });
  }
  if (parts.length === 0) return undefined;
  const held = parts.filter((part) => part.holds).length;
  const ruling = held === parts.length ? 'Supported' : held === 0 ? 'Contradicted' : 'Partly true';
  return `${ruling}: according to the company profile, ${parts.map((part) => part.text).join(' and ')}`;
}

function valuationVerdict(claim: string, facts: FactReader, about: Subject): string | undefined {
  if (!/p\/e|\bpe\b|earnings multiple|x earnings|times earnings|multiple/.test(claim)) return undefined;
  const pe = peek(facts, `${about.slug}_pe`);
  const bound = /(?:>|>=|more than|above|over|at least|greater than)\s*(\d+(?:\.\d+)?)/.exec(claim) ?? /(?:<|<=|less than|below|under)\s*(\d+(?:\.\d+)?)/.exec(claim);
  if (pe === undefined || !bound) return undefined;
  facts.number(`${about.slug}_pe`);
  const above = /(?:>|more than|above|over|at least|greater than)/.test(bound[0]);
  const holds = above ? pe > Number(bound[1]) : pe < Number(bound[1]);
  return `${holds ? 'Supported' : 'Contradicted'}: ${about.symbol} trades at a P/E of ${decimal(pe)}`;
}

/**
 * The stance the plan's scorecard step chose (an action among the options the prompt named without a rule), with
 * each rated name's signals and total: "Sell NFLX, by a scorecard of the signals asked (+1 bullish, -1 bearish each): …".
 */
function scorecardClause(facts: FactReader): string | undefined {
  const option = facts.peek((reader) => reader.text('stance_option'));
  const signals = facts.peek((reader) => reader.record('stance_signals'));
  const totals = facts.peek((reader) => reader.record('stance_totals'));
  if (!option || !signals || !totals) return undefined;
  facts.text('stance_option');
  facts.record('stance_signals');
  facts.record('stance_totals');
  facts.text('stance_rule');
  const names = Object.keys(signals);
  const favoured = facts.text('stance_favoured');
  // The option verbatim, as the step returned it (the environment's matcher looks for it as written): "NFLX: sell",
  // "OW XOM", "Call: stay flat".
  const named = names.some((name) => option.includes(name));
  const stated = /^[a-z]/.test(option) ? `${names.length === 1 && !named ? names[0] : 'Call'}: ${option}` : names.length === 1 && !named ? `${option} ${names[0]}` : option;
  const cards = names.map((name) => `${names.length > 1 || favoured ? `${name}: ` : ''}${(signals[name] as unknown[]).map(String).join(', ')}; total ${totals[name]}`);
  return `${stated}, by a scorecard of the signals asked (+1 bullish, -1 bearish each): ${cards.join('; ')}`;
}

function stanceClause(ask: Extract<Ask, { kind: 'stance' }>, facts: FactReader, subjects: Subject[], windowed: boolean): string | undefined {
  const options = ask.options;
  const has = (pattern: RegExp) => options.find((option) => pattern.test(option));
  const trendUp = has(/up\b/), trendDown = has(/down\b/), flat = has(/range|sideways|flat|choppy/);
  if (trendUp && trendDown) return trendStance(facts, subjects, trendUp, trendDown, flat);
  const lead = has(/leading|ahead|beat|outperform/), lag = has(/lagging|behind|trail|underperform/);
  if (lead && lag) return relativeStance(facts, subjects, lead, lag, windowed);
  const bull = has(/bull|optimis|positive/), bear = has(/bear|pessimis|negative/);
  if (bull && bear) return toneStance(facts, subjects, bull, bear, has(/neutral|mixed/));
  const own = has(/news|specific|idiosyncratic|own thing|company/);
  const market = has(/beta|sector|market|wide|tracking|macro/);
  if (own && market) return ownVersusMarket(facts, subjects, own, market, has(/mixed|both/), windowed);
  const positive = has(/^positive$/), negative = has(/^negative$/);
  if (positive && negative) {
    const subject = subjects[0];
    const tone = subject ? facts.text(`${subject.slug}_top_sentiment`) : undefined;
    return tone === 'positive' || tone === 'negative' ? `The sentiment is ${tone}` : undefined;
  }
  return undefined;
}

/** Bullish / bearish / neutral read from the tags of the name's recent headlines (a reading of the news, not advice). */
function toneStance(facts: FactReader, subjects: Subject[], bull: string, bear: string, neutral: string | undefined): string | undefined {
  const subject = subjects[0];
  const labels = subject ? facts.list(`${subject.slug}_sentiments`) : undefined;
  if (!subject || !labels) return undefined;
  const score = negativity(labels);
  const choice = score < 0 ? bull : score > 0 ? bear : neutral;
  if (!choice) return undefined;
  return `The news reads ${choice} for ${subject.symbol}: its recent headlines are tagged ${labels.map(String).join(', ')}`;
}

function trendStance(facts: FactReader, subjects: Subject[], up: string, down: string, flat: string | undefined): string | undefined {
  const subject = subjects[0];
  const key = subject ? first(facts, [`${subject.slug}_w_pct_change`, `${subject.slug}_return_n`]) : undefined;
  const value = key ? facts.number(key) : undefined;
  if (!subject || value === undefined) return undefined;
  const choice = flat && Math.abs(value) < 0.5 ? flat : value >= 0 ? up : down;
  return `${subject.symbol} has been ${choice} (${signedPercent(value)} over the window)`;
}

function relativeStance(facts: FactReader, subjects: Subject[], lead: string, lag: string, windowed: boolean): string | undefined {
  const metric = metricFor(windowed ? 'return' : 'move', facts)!;
  const values = valuesOf(metric, facts, subjects);
  // Small caps against the large-cap funds when the ranking is of index funds; else the asked name against the rest.
  const small = values.find((entry) => entry.subject.symbol === 'IWM') ?? values[0];
  const others = values.filter((entry) => entry !== small);
  if (!small || others.length === 0) return undefined;
  const ahead = others.every((entry) => small.value > entry.value);
  for (const entry of [small, ...others]) facts.number(entry.key);
  const option = ahead ? lead : lag;
  // "outperform or underperform?" is answered "MSFT underperformed", "leading or lagging?" with "IWM is lagging".
  const stated = /^(?:out|under)perform$/.test(option) ? `${small.subject.symbol} ${option}ed` : `${small.subject.symbol} is ${option}`;
  return `${stated} (${signedPercent(small.value)} against ${others.map((entry) => `${signedPercent(entry.value)} for ${entry.subject.symbol}`).join(', ')})`;
}

/**
 * Stock-specific or market-driven: the subject's move against the benchmark's or its peers' over the same span. When
 * the subject moved with the others (same direction, within half of its own move) it is the market's move;
 * otherwise its own. Facts that would measure it missing, no stance is taken.
 */
function ownVersusMarket(facts: FactReader, subjects: Subject[], own: string, market: string, mixed: string | undefined, windowed: boolean): string | undefined {
  // Over the asked span: a window's returns when the prompt names one, else the session's moves.
  for (const by of windowed ? (['return', 'move'] as const) : (['move', 'return'] as const)) {
    const values = valuesOf(metricFor(by, facts)!, facts, subjects);
    if (values.length < 2) continue;
    const [subject, ...others] = values as [typeof values[number], ...typeof values];
    const reference = others.reduce((sum, entry) => sum + entry.value, 0) / others.length;
    const sameWay = Math.sign(reference) === Math.sign(subject.value);
    // Within half its own move, or within half a percentage point (the noise of a quiet session), it moved with them.
    const close = Math.abs(subject.value - reference) <= Math.max(Math.abs(subject.value) / 2, 0.5);
    const choice = sameWay && close ? market : !sameWay && mixed === undefined ? own : sameWay ? (mixed ?? own) : own;
    for (const entry of values) facts.number(entry.key);
    const span = by === 'return' ? 'over the window' : 'on the session';
    const stated = /^[a-z]+ing\b/.test(choice) ? `${subject.subject.symbol} is ${choice}` : `The move looks ${choice}`;
    return `${stated}: ${subject.subject.symbol} moved ${signedPercent(subject.value)} ${span} against ${others.map((entry) => `${signedPercent(entry.value)} for ${entry.subject.symbol}`).join(', ')}`;
  }
  return undefined;
}
