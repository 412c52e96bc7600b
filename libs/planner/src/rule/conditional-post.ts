import { readAsks } from '@forge/asks';
import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import { BRANCH_SPLIT, CLAIM_TRUTH, REFUTED, marginOf, type Branches, type Condition } from './condition-steps.ts';
import { escapeRegExp } from '../escape-reg-exp.ts';
import { readCodedCondition, type CodedMetric } from './coded-condition.ts';

/**
 * "If …, post 'A' to #x; otherwise post 'B'": the prompt gives the text of at least one branch. A python step judges
 * the condition over the gathered facts (one name, every name, any name, or the name a pick chose), and returns the
 * text the Slack step posts verbatim (`<TICKER>` filled with the name the facts chose). A branch the prompt gives no
 * text for ("post a heads-up saying so with the numbers") posts a note stating the outcome with the numbers.
 */
export interface ConditionalPost {
  /** Per subject symbol, the fact (and an optional second fact) the condition reads. */
  values: Array<{ symbol: string; a: string; b?: string }>;
  /** How a subject's value is formed from a and b (abs: the size of a, whatever its sign). */
  op: 'value' | 'ratio' | 'difference' | 'abs';
  /** The value must be above (or below) the threshold. */
  direction: 'above' | 'below';
  threshold: number;
  /** Whether every subject, any subject, or one subject (named, or chosen by a pick) must pass. */
  quantifier: 'all' | 'any' | 'one';
  /** The symbol of a 'one' condition, or a placeholder of the pick's result (`${pe_laggard}`). */
  subject: string;
  /** The condition in words, for the answer and the notes. */
  words: string;
  channels: [string, string];
  /** The texts posted when the condition holds and when it does not. */
  texts: [string, string];
  /** Whether each text was given by the prompt (then the post is exactly that text). */
  given: [boolean, boolean];
}

const SPLIT = BRANCH_SPLIT;
const ALL = /\b(?:both|all|each|every|all of|each of)\b/i;
const ANY = /\b(?:either|any|anything|anyone|anybody|at least one|one of)\b/i;
const PICKED = /\b(?:that (?:name|one|stock|ticker|company)|the (?:cheapest|winner|leader|laggard|pick)|this name|it)\b/i;

/** "closed above $280", "trades below $1,000": a price level the condition sets. */
const PRICE_LEVEL = /\b(?:clos(?:ed|es|e|ing)|trad(?:ed|es|ing)|finish(?:ed|es)?|end(?:ed|s)?|settled?|is|was|stays?|sits?)\s+(?:at or |comfortably |still )?(above|over|below|under|beneath)\s+\$\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/i;

const PERCENT = String.raw`(?:>|>=|more than|over|above|bigger than|greater than|larger than|beyond|exceeds?|at least|by more than)\s*(\d+(?:\.\d+)?)\s*%`;

function pyString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The quoted post text of each branch, by where it stands against the "otherwise" that splits them. */
function branchTexts(text: string, asked: string[]): [string | undefined, string | undefined] {
  const split = SPLIT.exec(text)?.index ?? text.length;
  const texts: [string | undefined, string | undefined] = [undefined, undefined];
  for (const candidate of asked) {
    const at = text.indexOf(candidate);
    if (at < 0) continue;
    const branch = at < split ? 0 : 1;
    texts[branch] ??= candidate;
  }
  return texts;
}

/** The clause the condition is stated in: from "if" to the verb that acts on it. */
function conditionClause(text: string): string | undefined {
  const fromAsks = readAsks(text).asks.find((ask) => ask.kind === 'conditional');
  if (fromAsks?.kind === 'conditional') return fromAsks.condition;
  return /\bif\s+([^,;]+?)(?:,|\bthen\b|\bpost\b|\bsend\b)/i.exec(text)?.[1];
}

type Metric = { key: string; words: string };

/** Which fact the condition is about: the window's return or the day's move, whichever the clause names and the plan has. */
function metricOf(clause: string, has: (key: string) => boolean, slug: string, sessions: number, text = clause): Metric | undefined {
  // "If either name's worst day was worse than -1.5%": the window's worst (or best) single session.
  const extreme = /\bworst (?:single[- ])?(?:day|session)\b/i.test(clause) ? 'worst_day_pct' : /\bbest (?:single[- ])?(?:day|session)\b/i.test(clause) ? 'best_day_pct' : undefined;
  if (extreme) return has(`${slug}_${extreme}`) ? { key: extreme, words: `in its ${extreme.startsWith('worst') ? 'worst' : 'best'} session of the window` } : undefined;
  const PERIOD = /\bsessions?\b|\bsess\b|\b\d+[- ]?(?:d|day|days)\b|\bweek\b|\breturn\b|\bret\b|momentum|\bwindow\b|over (?:that|those|the) (?:period|stretch)|\bsince\b/i;
  const TODAY = /\btoday\b|on the day|\bsession'?s? move\b|\bdaily move\b/i;
  // "SPY 3-sess cum ret. if < 0 → post …": a clause naming no span is about the span the prompt asked for.
  const bare = !PERIOD.test(clause) && !TODAY.test(clause);
  const period = PERIOD.test(clause) || (bare && PERIOD.test(text) && !TODAY.test(text));
  const today = TODAY.test(clause);
  const window = { key: 'return_n', words: `over the last ${sessions} sessions` };
  const day = { key: 'change_pct', words: 'on the day' };
  const ordered = period && !today ? [window, day] : [day, window];
  return ordered.find((metric) => has(`${slug}_${metric.key}`));
}

/** The symbol the clause names, if it names one of the subjects. */
function namedSubject(clause: string, entities: EntityRef[]): EntityRef | undefined {
  return entities.find((entity) => new RegExp(`\\b${escapeRegExp(entity.symbol)}\\b`, 'i').test(clause)
    || (entity.name !== undefined && new RegExp(`\\b${escapeRegExp(entity.name.split(/[\s,]/)[0]!)}\\b`, 'i').test(clause)));
}

/** The placeholder of the name a pick chose (the ranking step's leader or laggard), when the plan ranked the names. */
function pickedPlaceholder(text: string, grounded: readonly string[]): string | undefined {
  const pick = readAsks(text).asks.find((ask) => ask.kind === 'pick');
  const leaders = grounded.filter((key) => key.endsWith('_leader'));
  if (leaders.length === 0) return undefined;
  const label = pick?.kind === 'pick' ? leaders.find((key) => key === `${pick.by}_leader`) ?? leaders[leaders.length - 1]! : leaders[leaders.length - 1]!;
  const min = pick?.kind === 'pick' && pick.direction === 'min';
  return `\${${label.replace(/_leader$/, min ? '_laggard' : '_leader')}}`;
}

/** Each name measured against a benchmark, with its excess over the window when the plan has one, else the session's. */
function excessOver(entities: EntityRef[], has: (key: string) => boolean): Array<{ entity: EntityRef; key: string }> {
  return entities.flatMap((entity) => {
    const key = entities.map((other) => `${entity.slug}_vs_${other.slug}_excess_`).flatMap((prefix) => [`${prefix}period`, `${prefix}today`]).find(has);
    return key ? [{ entity, key }] : [];
  });
}

const LABEL = (part: string) => (/heads[- ]?up/i.test(part) ? 'Heads-up' : /alert/i.test(part) ? 'Alert' : /warn/i.test(part) ? 'Warning' : /summary/i.test(part) ? 'Summary' : 'Note');

/**
 * Reads an if/otherwise post whose branches (one at least) give the text to post; undefined when the prompt gives no
 * text or the condition is not one the gathered facts can judge.
 */
export function readConditionalPost(text: string, entities: EntityRef[], grounded: readonly string[], branches: Branches, sessions: number, fallback?: Condition): ConditionalPost | undefined {
  const asks = readAsks(text).asks;
  const post = asks.find((ask) => ask.kind === 'slack-post');
  const asked = post?.kind === 'slack-post' ? post.texts : [];
  const [yesText, noText] = branchTexts(text, asked);
  const stated = conditionClause(text);
  if (!stated || entities.length === 0) return undefined;
  // "If it's wrong, post a correction; if right, don't post": the condition is the checked claim, or its negation.
  const verdict = asks.find((ask) => ask.kind === 'verdict');
  const onClaim = verdict?.kind === 'verdict' ? CLAIM_TRUTH.exec(stated) : null;
  const clause = onClaim && verdict?.kind === 'verdict' ? verdict.claim : stated;
  const negate = onClaim !== null && REFUTED.test(onClaim[1]!);
  // With no text given, only a condition over several names ("if either fell more than 2%") is read here: the
  // single-name reader (readCondition) words its note from the facts.
  const overSeveral = entities.length > 1 && (ALL.test(clause) || ANY.test(clause));
  const has = (key: string) => grounded.includes(key);
  const coded = codedSpec(text, entities, has, sessions);
  if (yesText === undefined && noText === undefined && !overSeveral && !coded) return undefined;
  const split = SPLIT.exec(text)?.index ?? text.length;

  let spec: Omit<ConditionalPost, 'channels' | 'texts' | 'given'> | undefined;
  const picked = PICKED.test(clause) && !ALL.test(clause) ? pickedPlaceholder(text, grounded) : undefined;
  const quantifier: ConditionalPost['quantifier'] = picked ? 'one' : ALL.test(clause) && entities.length > 1 ? 'all' : ANY.test(clause) && entities.length > 1 ? 'any' : 'one';
  const named = namedSubject(clause, entities) ?? entities[0]!;
  const subjects = quantifier === 'one' && !picked ? [named] : entities;
  const metric = metricOf(clause, has, subjects[0]!.slug, sessions, text);
  // "below -3%", "worse than -1.5%": a signed bound, the value must be under it.
  const signedBound = /(?:below|under|worse than|less than|lower than|<)\s*-\s?(\d+(?:\.\d+)?)\s*%/i.exec(clause);
  const percent = signedBound ?? new RegExp(PERCENT, 'i').exec(clause);
  // "if < 0", "if > 0": the sign written as a comparison.
  const down = signedBound !== null || /\b(?:down|fell|fall|falls|dropped|drop|declined|decline|lower|negative|red|lost|loss|slipped|slid)\b|(?:^|\s)<\s*0(?:\.0+)?\s*%?(?!\.?\d)/i.test(clause);
  const up = /\b(?:up|rose|rise|rises|gained|gain|higher|positive|green|jumped|rallied|advanced)\b|(?:^|\s)>\s*0(?:\.0+)?\s*%?(?!\.?\d)/i.test(clause);
  const level = PRICE_LEVEL.exec(clause);
  if (coded) {
    spec = coded;
  } else if (level && subjects.every((entity) => has(`${entity.slug}_price`))) {
    // "If Apple closed above $280": the price against a level, not a move.
    const direction = /above|over/i.test(level[1]!) ? 'above' : 'below';
    const threshold = Number(level[2]!.replace(/,/g, ''));
    const who = quantifier === 'all' ? `${subjects.map((entity) => entity.symbol).join(' and ')} all` : quantifier === 'any' ? `any of ${subjects.map((entity) => entity.symbol).join(', ')}` : subjects[0]!.symbol;
    spec = {
      values: subjects.map((entity) => ({ symbol: entity.symbol, a: `${entity.slug}_price` })),
      op: 'value', direction, threshold, quantifier, subject: picked ?? subjects[0]!.symbol,
      words: `${who} closed ${direction} $${level[2]}`,
    };
  } else if (metric && (down || up) && !/\boutperform|underperform|volume|average\b/i.test(clause) && subjects.every((entity) => has(`${entity.slug}_${metric.key}`))) {
    const size = percent ? Number(percent[1]) : 0;
    const direction = down && !(up && clause.search(/\bup\b|rose|gained|positive|higher/i) < clause.search(/\bdown\b|fell|negative|lower|declined|dropped/i)) ? 'below' : 'above';
    const threshold = direction === 'below' ? -size : size;
    const who = picked ? `the chosen name (${picked})` : quantifier === 'all' ? `${subjects.map((entity) => entity.symbol).join(' and ')} ${subjects.length === 2 ? 'both' : 'all'}` : quantifier === 'any' ? `any of ${subjects.map((entity) => entity.symbol).join(', ')}` : subjects[0]!.symbol;
    const move = `${direction === 'below' ? 'down' : 'up'}${size ? ` more than ${size}%` : ''}`;
    spec = {
      values: subjects.map((entity) => ({ symbol: entity.symbol, a: `${entity.slug}_${metric.key}` })),
      op: 'value', direction, threshold, quantifier, subject: picked ?? subjects[0]!.symbol,
      words: `${who} ${quantifier === 'all' && subjects.length > 1 ? '' : 'is '}${move} ${metric.words}`.replace(/\s+/g, ' '),
    };
  } else if (/\b(?:outperform|underperform|beat|lagged|trailed)/i.test(clause) && excessOver(entities, has).length > 0) {
    // "If both Exxon and Chevron underperformed SPY over those sessions": each name's excess over the benchmark.
    const measured = excessOver(entities, has);
    const inClause = measured.filter((entry) => namedSubject(clause, [entry.entity]));
    const over = quantifier === 'one' ? (inClause.length ? inClause.slice(0, 1) : measured.slice(0, 1)) : inClause.length > 1 ? inClause : measured;
    const direction = /\b(?:underperform|lagged|trailed)/i.test(clause) ? 'below' : 'above';
    const benchmark = /_vs_([a-z0-9]+)_excess_/.exec(over[0]!.key)![1]!.toUpperCase();
    // "Should any of them have beaten QQQ by more than 25 percentage points": the margin the excess must clear.
    const margin = marginOf(clause);
    const who = quantifier === 'all' ? `${over.map((entry) => entry.entity.symbol).join(' and ')} ${over.length === 2 ? 'both' : 'all'}` : quantifier === 'any' ? `any of ${over.map((entry) => entry.entity.symbol).join(', ')}` : over[0]!.entity.symbol;
    spec = {
      values: over.map((entry) => ({ symbol: entry.entity.symbol, a: entry.key })),
      op: 'value', direction, threshold: direction === 'below' ? -margin : margin, quantifier: over.length > 1 ? quantifier : 'one', subject: over[0]!.entity.symbol,
      words: `${who} ${direction === 'below' ? 'underperformed' : 'outperformed'} ${benchmark}${margin ? ` by more than ${margin} percentage points` : ''}${/_period$/.test(over[0]!.key) ? ' over the window' : ' on the session'}`,
    };
  } else if (fallback && fallback.op !== 'verdict') {
    // Conditions the single-name reader knows (volume over its average, outperforming another name, above an average).
    const symbol = entities.find((entity) => fallback.a.startsWith(`${entity.slug}_`))?.symbol ?? entities[0]!.symbol;
    const negated = fallback.op === 'negated';
    spec = {
      values: [{ symbol, a: fallback.a, ...(fallback.b ? { b: fallback.b } : {}) }],
      op: fallback.op === 'ratio' || fallback.op === 'difference' ? fallback.op : 'value',
      direction: negated ? 'below' : 'above', threshold: negated ? -fallback.threshold : fallback.threshold, quantifier: 'one', subject: symbol, words: fallback.words,
    };
  }
  if (!spec) return undefined;
  // Not (every name fell) is some name did not: the quantifier and the direction turn over, the threshold stays.
  if (negate) {
    spec = {
      ...spec, direction: spec.direction === 'above' ? 'below' : 'above',
      quantifier: spec.quantifier === 'all' ? 'any' : spec.quantifier === 'any' ? 'all' : 'one',
      words: `the claim is wrong (not the case that ${spec.words})`,
    };
  }
  const numbers = spec.values.map((value) => `${value.symbol} ${value.a.endsWith('_price') ? '$' : ''}\${${value.a}}${/pct|return|excess/.test(value.a) ? '%' : ''}`).join(', ');
  const note = (branch: 0 | 1) => {
    const part = branch === 0 ? text.slice(0, split) : text.slice(split);
    return branch === 0 ? `${LABEL(part)}: ${spec.words} (${numbers}).` : `${LABEL(part)}: not the case that ${spec.words} (${numbers}).`;
  };
  return {
    ...spec,
    channels: branches.channels,
    texts: [yesText ?? note(0), noText ?? note(1)],
    given: [yesText !== undefined, noText !== undefined],
  };
}

/** A condition written as code ("if abs(SMCI pct_1d) > 5 ->"), over the facts the plan gathered; undefined when it does not read or a fact is missing. */
function codedSpec(text: string, entities: EntityRef[], has: (key: string) => boolean, sessions: number): Omit<ConditionalPost, 'channels' | 'texts' | 'given'> | undefined {
  const coded = readCodedCondition(text);
  if (!coded) return undefined;
  const slugOf = (symbol: string) => entities.find((entity) => entity.symbol === symbol)?.slug;
  const keyOf = (symbol: string, metric: CodedMetric) => {
    const slug = slugOf(symbol);
    const key = slug && `${slug}_${metric === 'day' ? 'change_pct' : 'return_n'}`;
    return key && has(key) ? key : undefined;
  };
  const span = (metric: CodedMetric) => (metric === 'day' ? 'on the day' : `over the last ${sessions} sessions`);
  const [first] = coded.terms;
  if (!first) return undefined;
  const same = coded.terms.every((term) => term.metric === first.metric && term.abs === first.abs && term.direction === first.direction && 'value' in term.bound && 'value' in first.bound && term.bound.value === first.bound.value);
  if ('value' in first.bound && same) {
    const keys = coded.terms.map((term) => keyOf(term.symbol, term.metric));
    if (keys.some((key) => key === undefined)) return undefined;
    const who = coded.terms.length === 1 ? first.symbol : `${coded.join === 'any' ? 'any' : 'each'} of ${coded.terms.map((term) => term.symbol).join(', ')}`;
    const size = first.abs ? 'moved by more than' : first.direction === 'above' ? 'was above' : 'was below';
    return {
      values: coded.terms.map((term, index) => ({ symbol: term.symbol, a: keys[index]! })),
      op: first.abs ? 'abs' : 'value', direction: first.direction, threshold: first.bound.value,
      quantifier: coded.terms.length > 1 ? coded.join : 'one', subject: first.symbol,
      words: `${who} ${size} ${first.bound.value}%${first.abs ? ' either way' : ''} ${span(first.metric)}`,
    };
  }
  // "NVDA ret_10d < SPY ret_10d - 3pp": the difference of the two names' figures against the offset.
  if (coded.terms.length !== 1 || first.abs || !('symbol' in first.bound)) return undefined;
  const a = keyOf(first.symbol, first.metric);
  const b = keyOf(first.bound.symbol, first.metric);
  if (!a || !b) return undefined;
  const { offset, symbol: other } = first.bound;
  const [x, y] = [first.symbol, other];
  const words = offset === 0 ? `${x} ${first.direction === 'above' ? 'beat' : 'trailed'} ${y}`
    : first.direction === 'below' && offset < 0 ? `${x} trailed ${y} by more than ${-offset} percentage points`
      : first.direction === 'above' && offset > 0 ? `${x} beat ${y} by more than ${offset} percentage points`
        : `${x} minus ${y} was ${first.direction} ${offset} percentage points`;
  return { values: [{ symbol: x, a, b }], op: 'difference', direction: first.direction, threshold: offset, quantifier: 'one', subject: x, words: `${words} ${span(first.metric)}` };
}

const CODE = [
  'def num(x):',
  '    return None if x is None or x == "None" or x == "" else (x if isinstance(x, (int, float)) else float(x))',
  'def value(v):',
  '    a, b = num(v.get("a")), num(v.get("b"))',
  '    if a is None:',
  '        return None',
  '    if op == "ratio":',
  '        return None if not b else a / b',
  '    if op == "difference":',
  '        return None if b is None else a - b',
  '    if op == "abs":',
  '        return abs(a)',
  '    return a',
  'values = {k: value(v) for k, v in data.items()}',
  'limit = float(threshold)',
  'def passes(x):',
  '    return x is not None and (x > limit if direction == "above" else x < limit)',
  'names = [subject] if quantifier == "one" else list(values)',
  'checks = [passes(values.get(k)) for k in names]',
  'holds = any(checks) if quantifier == "any" else (all(checks) and len(checks) > 0)',
  'known = [values[k] for k in names if values.get(k) is not None]',
  '# The value that decided: the one nearest failing when all must pass, the best one when any may.',
  'closest = (min if direction == "above" else max) if quantifier != "any" else (max if direction == "above" else min)',
  'metric = closest(known) if known else None',
  'text = (yes_text if holds else no_text).replace("<TICKER>", str(subject))',
  'result = {',
  '    "metric": None if metric is None else round(metric, 4), "threshold": limit, "holds": holds, "values": {k: None if v is None else round(v, 4) for k, v in values.items()},',
  '    "subject": subject, "condition": condition, "channel": yes_channel if holds else no_channel, "text": text,',
  '}',
].join('\n');

const ref = (name: string) => `\${${name}}`;

/** The python step that judges the condition and picks the text; the Slack step posts `${post_text}` to `${condition_channel}`. */
export function addConditionalPostStep(plan: PlanBuilder, post: ConditionalPost): void {
  const data = Object.fromEntries(post.values.map((value) => [value.symbol, { a: ref(value.a), ...(value.b ? { b: ref(value.b) } : {}) }]));
  const inputs = {
    data, op: post.op, direction: post.direction, threshold: String(post.threshold), quantifier: post.quantifier, subject: post.subject,
    yes_channel: post.channels[0], no_channel: post.channels[1], yes_text: post.texts[0], no_text: post.texts[1], condition: post.words,
  };
  // A given text is posted exactly (its <TICKER> slot a symbol); a note of the facts only has to be the chosen branch's.
  const pattern = post.texts.map((text, index) => (post.given[index] ? escapeRegExp(text).replace(/<TICKER>/g, '[A-Z][A-Z.]{0,5}') : `${escapeRegExp(text.split(':')[0]!)}:.+`));
  plan.add('python', 'execute_python', { code: CODE, inputs }, {
    extract: [
      'condition_metric = result.metric', 'condition_threshold = result.threshold', 'condition_holds = result.holds', 'condition_values = result.values',
      'condition_subject = result.subject', 'condition_words = result.condition', 'condition_channel = result.channel', 'condition_label = result.text', 'post_text = result.text',
    ],
    accept_if: [
      `condition_channel in [${pyString(post.channels[0])}, ${pyString(post.channels[1])}]`,
      'condition_metric is not None',
      `post_text ~= ${pyString(`^(?:${pattern.join('|')})$`)}`,
    ],
  });
  plan.criterion(`says whether ${post.words} and posts the text that outcome calls for`);
}
