import { asIfClauses, onlyIfCondition } from '@forge/asks';
import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';

/**
 * "If NVDA fell more than 2% today, post an alert to #alerts; otherwise a summary to #research": the DSL has no
 * branching, so a python step evaluates the condition on the gathered facts and picks the channel and the label
 * the Slack step then uses through placeholders.
 */
export interface Condition {
  /** How the metric is formed from the inputs a and b. */
  op: 'value' | 'negated' | 'ratio' | 'difference' | 'verdict';
  a: string;
  b?: string;
  threshold: number;
  /** The condition in words, for the answer. */
  words: string;
}

export interface Branches {
  channels: [string, string];
  labels: [string, string];
  /** A branch that posts nothing ("otherwise don't post, just tell me"; "only post if …" has no other branch). */
  silent: [boolean, boolean];
}

const PERCENT = String.raw`(?:(?:more than|over|above|bigger than|greater than|larger than|beyond|exceeds?|at least)\s+|>=?\s*)(\d+(?:\.\d+)?)\s*%`;
// "down >1% on the wk", "up more than 3% over the 5 sessions": the window's return, not the day's move.
const OVER_WINDOW = /\b(?:on|over|for|during|across) (?:the|this|that|a) (?:wk|week|window|period|\d+ (?:sessions|days))\b|\b(?:this|past|last) (?:wk|week)\b|\bw(?:ee)?k(?:ly)?\b|\b\d+[- ]?(?:d|days?|sessions?)\b|\b(?:last|past|previous) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty) (?:trading )?(?:sessions|days)\b|\bsince\b/i;

/**
 * Where the other branch starts: "otherwise", "else", "if not", "if it didn't", "if none did", "if neither did", and
 * after a first if-clause, "if right" / "if it's wrong" (the branches of a checked claim).
 */
export const BRANCH_SPLIT = /\b(?:otherwise|else|if not|if (?:it|they|that|this|so) (?:did|does|do|is|was|are|were|has|had)n['’]?t|if (?:it|they) (?:did|does|do|is|was|are|were) not|if (?:none|neither|nothing|no (?:name|one|stock)s?)\b)|(?<=\bif\b[^]*[,;.]\s*)\bif (?:(?:it|that|this|the claim)(?:'s|’s| is)?\s+|its\s+)?(?:right|wrong|true|false|correct|incorrect|accurate|inaccurate)\b/i;
/** "Only post to #alerts if …", "post … only if …": the branch where the condition fails posts nothing. */
/** A branch that says to post nothing. */
const SILENT = /\b(?:do not|don['’]?t|dont|never|no need to)\s+(?:\w+\s+)?(?:post|send|alert|ping|message)|\bpost nothing\b|\bnothing (?:is |gets |should be )?posted\b|\bno (?:post|alert|message)\b|\b(?:just|simply|only) (?:tell|let|report|reply|answer|say|give)\b|\bleave (?:the channel|it|#?[a-z0-9-]+) alone\b|\b(?:stay|keep) (?:quiet|silent)\b|\bdon['’]?t bother\b/i;

// The channel a branch posts to: the one after its posting verb ("review #alerts …, then if …, post to #markets").
const channelIn = (part: string) => /\b(?:post|send|share|drop|ping|notify|alert|message)\b[^.?!#]{0,80}#([a-z0-9][\w-]*)/i.exec(part)?.[1] ?? /#([a-z0-9][\w-]*)/i.exec(part)?.[1];

/** "If it's wrong", "if that is true", "if the claim is correct": a condition on a checked claim itself. */
export const CLAIM_TRUTH = /^\s*(?:it'?s|its|it is|that'?s|that is|this is|the claim is|they(?:'re| are)|so)?\s*(false|wrong|incorrect|untrue|not true|inaccurate|true|right|correct|accurate|confirmed)\b/i;
/** The truth words of CLAIM_TRUTH that say the claim is false. */
export const REFUTED = /false|wrong|incorrect|untrue|not true|inaccurate/i;

const BEATS = /\b(?:outperform(?:ed|s)?|beat|beats|beaten|(?:has |have )?(?:done|did|fared|performed) better than)\b/i;
const TRAILS = /\b(?:underperform(?:ed|s)?|lagged|trailed|(?:has |have )?(?:done|did|fared|performed) worse than)\b/i;

/** The two branches of an if/otherwise instruction, each with its own channel; undefined when there is no such pair. */
export function readBranches(prompt: string): Branches | undefined {
  const text = asIfClauses(prompt);
  if (!/\bif\b/i.test(text)) return undefined;
  const split = BRANCH_SPLIT.exec(text);
  const onlyIf = onlyIfCondition(text) !== undefined;
  if (!split && !onlyIf) return undefined;
  const yes = split ? text.slice(0, split.index) : text;
  const no = split ? text.slice(split.index) : '';
  const label = (part: string) => /['‘“"]([^'’”"]{3,60})['’”"]/.exec(part)?.[1] ?? (/alert|warning|warn/i.test(part) ? 'Alert' : 'Summary');
  const posts = /\b(?:post|send|share|message|notify)\b/i;
  const silent: [boolean, boolean] = [false, !split || (SILENT.test(no) && !channelIn(no))];
  // "…, else post 'x'" posts to the channel the other branch named.
  const yesChannel = channelIn(yes) ?? (posts.test(yes) ? channelIn(no) : undefined);
  // "…, otherwise just tell me": the plan settles which branch the facts take; a silent one posts nothing.
  const noChannel = channelIn(no) ?? (posts.test(no) || yesChannel ? yesChannel : undefined);
  if (!yesChannel || !noChannel) return undefined;
  const channels: [string, string] = [`#${yesChannel.toLowerCase()}`, `#${noChannel.toLowerCase()}`];
  if (silent[1] || (!posts.test(no) && !/#[a-z0-9]/i.test(no))) return { channels, labels: [label(yes), 'No alert (condition not met)'], silent: [false, silent[1] || SILENT.test(no) || no === ''] };
  return { channels, labels: [label(yes), label(no)], silent };
}

/** "if it beat SPY by more than 3 percentage points": the margin an excess must clear (0 when none is stated). */
export function marginOf(clause: string): number {
  const margin = /\bby (?:more than|over|at least)\s+(\d+(?:\.\d+)?)\s*(?:percentage points?|pp|pts?|points?|%)/i.exec(clause);
  return margin ? Number(margin[1]) : 0;
}

/** The condition an if-clause sets on the first subject's facts, when the plan gathered them. */
export function readCondition(text: string, entities: EntityRef[], grounded: readonly string[]): Condition | undefined {
  const has = (key: string) => grounded.includes(key);
  const [first, second] = entities;
  if (!first) return undefined;
  const s = first.slug;
  const decline = new RegExp(String.raw`(?:fell|dropped|declined|lost|down|loss|drop|decline)\b[^.?!%]{0,25}?${PERCENT}([^.?!,;]{0,30})`, 'i').exec(text);
  const span = (match: RegExpExecArray) => (OVER_WINDOW.test(match[0]) && has(`${s}_return_n`) ? { key: `${s}_return_n`, words: ' over the window' } : { key: `${s}_change_pct`, words: '' });
  if (decline && has(span(decline).key)) return { op: 'negated', a: span(decline).key, threshold: Number(decline[1]), words: `${first.symbol} fell more than ${decline[1]}%${span(decline).words}` };
  const gain = new RegExp(String.raw`(?:rose|gained|jumped|up|gain|rise)\b[^.?!%]{0,25}?${PERCENT}([^.?!,;]{0,30})`, 'i').exec(text);
  if (gain && has(span(gain).key)) return { op: 'value', a: span(gain).key, threshold: Number(gain[1]), words: `${first.symbol} rose more than ${gain[1]}%${span(gain).words}` };
  // "Calculate the ratio of the two [the session volume and the 50-session average]. If the ratio exceeds 1.50, …".
  const ratio = /\bvolume\b[^]*\baverage\b[^]*\bratio\b[^.?!]{0,20}?(?:exceeds?|is above|is over|is greater than|is more than|tops|>=?)\s*(\d+(?:\.\d+)?)\b(?!\s*%)/i.exec(text);
  if (ratio && has(`${s}_avg_volume`)) return { op: 'ratio', a: `${s}_volume`, b: `${s}_avg_volume`, threshold: Number(ratio[1]), words: `${first.symbol} volume was over ${ratio[1]}x its average` };
  if (/volume[^.?!]{0,60}(?:exceed|above|over|higher than|more than)|(?:exceed|above|over)[^.?!]{0,20}average volume/i.test(text) && has(`${s}_avg_volume`)) {
    const times = /(\d+(?:\.\d+)?)\s*(?:x|×|times)\b/i.exec(text);
    const k = times ? Number(times[1]) : 1;
    return { op: 'ratio', a: `${s}_volume`, b: `${s}_avg_volume`, threshold: k, words: `${first.symbol} volume was over ${k}x its average` };
  }
  const average = /above (?:its|the) (50|200)-day/i.exec(text);
  if (average && has(`${s}_avg${average[1]}`)) return { op: 'ratio', a: `${s}_price`, b: `${s}_avg${average[1]}`, threshold: 1, words: `${first.symbol} closed above its ${average[1]}-day average` };
  const clause = /\bif\b([^.;?!]*)/i.exec(text)?.[1] ?? '';
  // "If it's false, post a correction; if it's true, post nothing": the ruling the claim check made against the release.
  const truth = CLAIM_TRUTH.exec(clause);
  if (truth && has('claim_verdict')) {
    const refuted = REFUTED.test(truth[1]!);
    return { op: 'verdict', a: 'claim_verdict', threshold: 0.5, words: `the claim is ${refuted ? 'contradicted' : 'supported'} by the release`, b: refuted ? 'Contradicted' : 'Supported' };
  }
  // "If Lilly outperformed SPY today": the excess the plan measured against the benchmark (the day's, or the window's).
  const excess = second ? [`${s}_vs_${second.slug}_excess_today`, `${s}_vs_${second.slug}_excess_period`] : [];
  // A clause naming no span ("over the last 20 sessions, if AMD underperformed QQQ") is about the prompt's span.
  const overWindow = !/\btoday\b|on the day/i.test(clause) && (OVER_WINDOW.test(clause) || (OVER_WINDOW.test(text) && !/\btoday\b|on the day/i.test(text)));
  const measured = (overWindow ? [...excess].reverse() : excess).find(has);
  const bound = marginOf(clause);
  const by = bound ? ` by more than ${bound} percentage points` : '';
  const spanOf = (key: string) => (key.endsWith('_today') ? ' on the day' : ' over the window');
  if (measured && BEATS.test(clause)) return { op: 'value', a: measured, threshold: bound, words: `${first.symbol} outperformed ${second!.symbol}${by}${spanOf(measured)}` };
  if (measured && TRAILS.test(clause)) return { op: 'negated', a: measured, threshold: bound, words: `${first.symbol} underperformed ${second!.symbol}${by}${spanOf(measured)}` };
  // "If UNH underperformed SPY over the period, post a flag": the other name's return beat this one's.
  if (TRAILS.test(clause) && second && has(`${s}_return_n`) && has(`${second.slug}_return_n`)) {
    return { op: 'difference', a: `${second.slug}_return_n`, b: `${s}_return_n`, threshold: 0, words: `${first.symbol} underperformed ${second.symbol}` };
  }
  if ((/outperform/i.test(text) || BEATS.test(clause)) && second && has(`${s}_return_n`) && has(`${second.slug}_return_n`)) {
    return { op: 'difference', a: `${s}_return_n`, b: `${second.slug}_return_n`, threshold: 0, words: `${first.symbol} outperformed ${second.symbol}` };
  }
  return undefined;
}

const CONDITION_CODE = [
  'def num(x):',
  '    return None if x is None or x == "None" or x == "" else (x if isinstance(x, (int, float)) else float(x))',
  // A ruling ("Contradicted") against the one the branch names: 1 when they agree, 0 when not.
  'if op == "verdict":',
  '    a, b = (1.0 if str(a) == str(b) else 0.0), None',
  'else:',
  '    a, b = num(a), num(b)',
  'if op == "verdict":',
  '    metric = a',
  'elif op == "negated":',
  '    metric = -a',
  'elif op == "ratio":',
  '    metric = a / b',
  'elif op == "difference":',
  '    metric = a - b',
  'else:',
  '    metric = a',
  'holds = metric > float(threshold)',
  'result = {"metric": round(metric, 4), "threshold": float(threshold), "holds": holds, "condition": condition, "channel": yes_channel if holds else no_channel, "label": yes_label if holds else no_label}',
].join('\n');

const ref = (name: string) => `\${${name}}`;

/** Evaluates the condition; the Slack step posts `${condition_label}: …` to `${condition_channel}`. */
export function addConditionStep(plan: PlanBuilder, condition: Condition, branches: Branches): void {
  const inputs = {
    a: ref(condition.a), b: condition.op === 'verdict' ? condition.b : condition.b ? ref(condition.b) : 'None', op: condition.op, threshold: String(condition.threshold),
    yes_channel: branches.channels[0], no_channel: branches.channels[1], yes_label: branches.labels[0], no_label: branches.labels[1],
    condition: condition.words,
  };
  plan.add('python', 'execute_python', { code: CONDITION_CODE, inputs }, {
    extract: ['condition_metric = result.metric', 'condition_threshold = result.threshold', 'condition_holds = result.holds', 'condition_words = result.condition', 'condition_channel = result.channel', 'condition_label = result.label'],
    accept_if: [`condition_channel in ['${branches.channels[0]}', '${branches.channels[1]}']`, 'condition_metric is not None'],
  });
  plan.criterion(`says whether ${condition.words} and posts to the channel that outcome calls for`);
}
