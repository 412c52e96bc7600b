import type { Entry } from '@forge/catalog';
import { countInWords } from '@forge/asks';
import type { Plan, Trace } from '@forge/plan';
import type { Composer, ComposeOutcome } from './composer.ts';
import type { Citation, Reference } from './reference.ts';
import { FactReader } from './template/fact-reader.ts';
import { entityClauses, type Focus, type Style, type Subject } from './template/entity-clauses.ts';
import { marketClauses, moverRows } from './template/market-clauses.ts';
import { screenClause } from './template/screen-clause.ts';
import { fitClauses, layoutAnswer, layoutTable, pieceCount, readAnswerShape, shapeFromForm, wordCount, type AnswerShape } from './template/answer-layout.ts';
import { leadClauses } from './template/lead-clause.ts';
import { headlinesClause, windowClause } from './template/ask-clauses.ts';
import { checkGrounding } from './check-grounding.ts';
import { asWritten, columnTable, headlineTable, moverTable } from './template/column-table.ts';
import { ruleStance } from './template/stance-rule-clause.ts';

export const TEMPLATE_COMPOSER_VERSION = 'template-v51';

/** The symbols the trace worked on, in call order, with the state-key prefix rule plans give their facts. */
function subjectsOf(plan: Plan, trace: Trace): Subject[] {
  const subjects: Subject[] = [];
  trace.steps.forEach((step, index) => {
    const symbol = step.args.symbol ?? step.args.ticker;
    if (typeof symbol !== 'string' || step.tool === 'fmp_search_ticker') return;
    if (subjects.some((subject) => subject.symbol === symbol)) return;
    // A symbol chosen at run time (the top loser) keeps the variable's name as its facts' prefix.
    const template = plan.tool_sequence[index]?.params.symbol ?? plan.tool_sequence[index]?.params.ticker;
    const variable = typeof template === 'string' ? /^\$\{(top_(?:gainer|loser)(?:_\d+)?)\}$/.exec(template)?.[1] : undefined;
    subjects.push({ symbol, slug: variable ?? symbol.toLowerCase().replace(/[^a-z0-9]+/g, '_') });
  });
  return subjects;
}

interface Sections {
  before: string[];
  rows: Array<{ label: string; clauses: string[] }>;
  after: string[];
}

function writeSections(facts: FactReader, plan: Plan, trace: Trace, focus: Focus, style: Style): Sections {
  const market = marketClauses(facts, style, focus);
  const subjects = subjectsOf(plan, trace);
  const screened = screenClause(facts, style, subjects.map((subject) => subject.symbol));
  const asks = plan.final_answer_requirements.asks;
  const rows = subjects.map((subject) => ({ label: subject.symbol, clauses: withHeadlines(entityClauses(facts, subject, focus, style), headlinesClause(asks, facts, subject)) })).filter((row) => row.clauses.length > 0);
  return { before: [...market.before, ...(screened ? [screened] : [])], rows, after: market.after };
}

/** The Slack confirmation says what went out: the text the run posted (its figures are the trace's own facts). */
function withPostedText(clauses: string[], trace: Trace, facts: FactReader, shape: AnswerShape): string[] {
  const posted = trace.steps.find((step) => step.tool === 'send_slack_message' && step.status === 'ok')?.args.text;
  if (typeof posted !== 'string' || posted.trim() === '') return clauses;
  // Quoted only when every figure in it is a tool fact (a count or a time the prompt wrote is not).
  const stated = Object.fromEntries([...facts.used].map((key) => [key, trace.state[key]]));
  if (!checkGrounding({ answer_text: posted, facts: stated }).ok) return clauses;
  const text = posted.trim().replace(/[“”]/g, '"');
  // Replacer functions: the posted text is data ("$152.42" would read as a group reference in a replacement string).
  const quoted = clauses.map((clause) => clause.replace(/^The note was posted to the (#[\w-]+) Slack channel/, (_match, channel: string) => `The message “${text}” was posted to the ${channel} Slack channel`).replace(/^Posted to (#[\w-]+)/, (_match, channel: string) => `Posted “${text}” to ${channel}`));
  // A word limit the quote would break keeps the answer within it: the post's facts are in the answer already.
  const over = (list: string[]) => shape.wordLimit !== undefined && wordCount(layoutAnswer(list, shape)) > shape.wordLimit;
  return over(quoted) && !over(clauses) ? clauses : quoted;
}

/** A table asked of a Slack read with no names in it: one row per message read, author and text. */
function messageRows(facts: FactReader): Array<{ label: string; clauses: string[] }> {
  const texts = (facts.list('slack_history_texts') ?? []) as string[];
  const users = (facts.list('slack_history_users') ?? []) as string[];
  return texts.map((text, index) => ({ label: users[index] ?? `message ${countInWords(index + 1)}`, clauses: [`“${text}”`] }));
}

/** The asked number of headlines replaces the latest-headline clause. */
function withHeadlines(clauses: string[], headlines: string | undefined): string[] {
  // A clause that already lists several headlines (with their sentiment) is kept; only the single latest one gives way.
  if (!headlines || clauses.some((clause) => /^Recent \S+ headlines/.test(clause))) return clauses;
  const kept = clauses.filter((clause) => !/^(?:The latest \S+ headline|\S+ headline:)/.test(clause));
  return [...kept, headlines];
}

/** A count the form asks for (bullets, sentences, paragraphs) that the clauses cannot fill: add what else the tools said. */
function filled(facts: FactReader, plan: Plan, trace: Trace, shape: AnswerShape, clauses: string[]): string[] {
  const wanted = shape.paragraphs ?? (shape.atMost ? undefined : shape.parts);
  if (!wanted || pieceCount(clauses) >= wanted) return clauses;
  const extra = writeClauses(facts, plan, trace, new Set(Object.keys(trace.state)), 'full').filter((clause) => !clauses.includes(clause));
  const out = [...clauses];
  for (const clause of extra) {
    if (pieceCount(out) >= wanted) break;
    out.push(clause);
  }
  return out;
}

function writeClauses(facts: FactReader, plan: Plan, trace: Trace, focus: Focus, style: Style): string[] {
  const sections = writeSections(facts, plan, trace, focus, style);
  return [...sections.before, ...sections.rows.flatMap((row) => row.clauses), ...sections.after];
}

/** The plan's shape: the asks' form when the generator attached them, else the planner's format string. */
function shapeOf(plan: Plan): AnswerShape {
  const requirements = plan.final_answer_requirements;
  return requirements.asks ? shapeFromForm(requirements.asks.form) : readAnswerShape(requirements.format);
}

/** The subjects a lead decides among: the asks' entities when known (a benchmark is the yardstick, not a pick). */
function candidates(plan: Plan, trace: Trace): Subject[] {
  const entities = plan.final_answer_requirements.asks?.entities ?? [];
  const subjects = subjectsOf(plan, trace);
  const asked = subjects.filter((subject) => entities.includes(subject.symbol));
  return asked.length > 0 ? asked : subjects;
}

/** Too short for the asked range: say what else the tools returned, then fit it to the range's top. */
function lengthened(facts: FactReader, plan: Plan, trace: Trace, focus: Focus, shape: AnswerShape, clauses: string[], lead: string[]): string[] {
  if (!shape.minWords || wordCount(layoutAnswer(clauses, shape)) >= shape.minWords) return clauses;
  const everything = new Set(Object.keys(trace.state));
  // The answer as written stays (it states what was asked); what else the tools returned follows it.
  const extended = (written: string[]) => [...new Set([...clauses, ...written.filter((clause) => !lead.includes(clause))])];
  let more = extended(writeClauses(facts, plan, trace, everything, 'full'));
  // Still short: the other headlines the news tool returned, three (then five) per name, with dates and links.
  for (const count of [3, 5]) {
    if (wordCount(layoutAnswer(more, shape)) >= shape.minWords) break;
    more = extended(writeClauses(facts, withHeadlineList(plan, count), trace, everything, 'full'));
  }
  // The lead is what the prompt asked to decide: it stays, and the rest fits in what it leaves.
  return shape.wordLimit ? fitClauses(more, coverage(trace.state, focus), shape, lead.length) : more;
}

/** The plan as if it asked for `count` headlines per name (the lengthening of a too-short answer). */
function withHeadlineList(plan: Plan, count: number): Plan {
  const requirements = plan.final_answer_requirements;
  const asks = requirements.asks;
  if (!asks || asks.asks.some((ask) => ask.kind === 'list' && ask.of === 'headlines' && ask.count >= count)) return plan;
  const list = { kind: 'list' as const, of: 'headlines' as const, count, per_entity: true, fields: ['date' as const, 'link' as const] };
  return { ...plan, final_answer_requirements: { ...requirements, asks: { ...asks, asks: [...asks.asks.filter((ask) => !(ask.kind === 'list' && ask.of === 'headlines')), list] } } };
}

/** The required facts a clause states (flags are stated by any clause, so they decide nothing here). */
function coverage(state: Record<string, unknown>, focus: Focus): (clause: string) => string[] {
  const keys = [...focus].filter((key) => key in state && typeof state[key] !== 'boolean');
  const facts = Object.fromEntries(keys.map((key) => [key, state[key]]));
  return (clause) => {
    const missing = new Set(checkGrounding({ answer_text: clause, facts }, keys).missing);
    return keys.filter((key) => !missing.has(key));
  };
}

/** Clauses in full sentences, or, when a word limit cannot hold them, the required facts in brief form. */
function clausesWithin(facts: FactReader, plan: Plan, trace: Trace, focus: Focus, shape: AnswerShape): string[] {
  const full = writeClauses(facts, plan, trace, focus, 'full');
  if (!shape.wordLimit) return full;
  const covers = coverage(trace.state, focus);
  const fitted = fitClauses(full, covers, shape);
  if (wordCount(layoutAnswer(fitted, shape)) <= shape.wordLimit) return fitted;
  const brief = fitClauses(writeClauses(facts, plan, trace, focus, 'brief'), covers, shape);
  return wordCount(layoutAnswer(brief, shape)) < wordCount(layoutAnswer(fitted, shape)) ? brief : fitted;
}

function plainFacts(facts: FactReader, keys: string[]): string[] {
  return keys.flatMap((key) => {
    const value = facts.number(key) ?? facts.text(key) ?? facts.list(key) ?? facts.record(key) ?? facts.flag(key);
    if (value === undefined) return [];
    const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
    return [`${key.replace(/_/g, ' ')}: ${shown}`];
  });
}

/** For each fact, the step that stored it: citations point the reader at the tool call behind a number. */
function citationsFor(keys: string[], trace: Trace): Citation[] {
  const citations: Citation[] = [];
  for (const key of keys) {
    const step = trace.steps.find((candidate) => key in candidate.extracted || key in candidate.computed);
    if (step) citations.push({ fact: key, step: step.step, tool: `${step.server}.${step.tool}` });
  }
  return citations;
}

/**
 * The offline composer: writes the reference answer only from facts in the trace's state, in the requested form,
 * and keeps exactly the facts it used (plus those the plan requires) with their citations.
 */
export class TemplateComposer implements Composer {
  readonly id = TEMPLATE_COMPOSER_VERSION;

  async compose(entry: Entry, plan: Plan, trace: Trace): Promise<ComposeOutcome> {
    const facts = new FactReader(trace.state);
    const focus = new Set(plan.final_answer_requirements.must_include);
    const shape = shapeOf(plan);
    const asks = plan.final_answer_requirements.asks;
    const window = windowClause(asks, facts, candidates(plan, trace));
    const lead = [...leadClauses(asks, facts, candidates(plan, trace), subjectsOf(plan, trace)), ...(window ? [window] : [])];
    // The lead is always said; the rest fits in what the word limit leaves.
    const leadWords = wordCount(lead.join(' '));
    const rest = shape.wordLimit ? { ...shape, wordLimit: Math.max(1, shape.wordLimit - leadWords) } : shape;
    // Under a word limit, what the lead already states need not be said again.
    const stated = shape.wordLimit ? new Set(coverage(trace.state, focus)(lead.join(' '))) : new Set<string>();
    let clauses = clausesWithin(facts, plan, trace, new Set([...focus].filter((key) => !stated.has(key))), rest);
    // Plans written by other planners name their facts freely: state each required fact plainly.
    if (clauses.length === 0) clauses = plainFacts(facts, [...focus]);
    clauses = withPostedText(filled(facts, plan, trace, shape, lengthened(facts, plan, trace, focus, shape, [...lead, ...clauses], lead)), trace, facts, shape);
    const answer = clauses.length === 0 ? 'The tools returned no facts that answer this question.'
      : shape.table ? this.table(facts, plan, trace, focus, lead, entry.user_prompt)
        : layoutAnswer(clauses, shape);
    const keys = [...new Set([...facts.used, ...plan.final_answer_requirements.must_include])].filter((key) => key in trace.state);
    const reference: Reference = {
      answer_text: answer,
      facts: Object.fromEntries(keys.map((key) => [key, trace.state[key]])),
      citations: citationsFor(keys, trace),
    };
    return { reference, usage: [] };
  }

  private table(facts: FactReader, plan: Plan, trace: Trace, focus: Focus, lead: string[], prompt: string): string {
    const sections = writeSections(facts, plan, trace, focus, 'full');
    const named = this.namedColumns(facts, plan, trace, focus, lead, sections, prompt);
    if (named) return named;
    const movers = sections.rows.length > 0 ? [] : moverRows(facts);
    const rows = sections.rows.length > 0 ? sections.rows : movers.length > 0 ? movers : messageRows(facts);
    const tabled = movers.length > 0 ? /^Top (?:gainers|losers) in /u : /^The latest messages? in /;
    const around = [...sections.before, ...sections.after].filter((clause) => sections.rows.length > 0 || !tabled.test(clause));
    return layoutTable(lead, rows, around, shapeOf(plan));
  }

  /**
   * The table with the columns the prompt named, a row per name (a benchmark is the yardstick, not a row), the lead
   * above it; below it, any required fact no column states, from that name's own clauses.
   */
  private namedColumns(facts: FactReader, plan: Plan, trace: Trace, focus: Focus, lead: string[], sections: Sections, prompt: string): string | undefined {
    const asks = plan.final_answer_requirements.asks;
    // The form reads columns lower-cased; the headers are written as the prompt wrote them.
    const columns = asks?.form.columns?.map((column) => asWritten(column, prompt));
    if (!asks || !columns) return undefined;
    const benchmarks = new Set(asks.asks.flatMap((ask) => (ask.kind === 'benchmark' ? [ask.symbol] : [])));
    const subjects = subjectsOf(plan, trace).filter((subject) => !benchmarks.has(subject.symbol) || asks.entities.length === 1);
    const absolute = asks.asks.some((ask) => (ask.kind === 'ranking' || ask.kind === 'pick') && ask.absolute);
    const windowed = asks.asks.some((ask) => ask.kind === 'window');
    const rule = asks.asks.flatMap((ask) => (ask.kind === 'stance' && ask.rule ? [ask.rule] : []))[0];
    const stance = rule ? (reader: FactReader, subject: Subject) => ruleStance(rule, reader, subject, windowed)?.option : undefined;
    const listed = asks.asks.find((ask) => ask.kind === 'list' && ask.of === 'headlines');
    const table = (listed?.kind === 'list' ? headlineTable(columns, subjects, facts, listed.count) : undefined)
      ?? columnTable(columns, subjects, facts, { windowed, absolute, ...(stance ? { stance } : {}) })
      ?? (subjects.length === 0 ? moverTable(columns, facts) : undefined);
    if (!table) return undefined;
    const above = lead.map((clause) => `${clause.replace(/[.;,\s]+$/, '')}.`).join(' ');
    const stated = [above, table].join('\n');
    const missing = new Set(checkGrounding({ answer_text: stated, facts: trace.state }, [...focus].filter((key) => key in trace.state)).missing);
    const covers = coverage(trace.state, focus);
    // The market and screen context (what group the rows are) stays; a name's own clauses only for what no column says.
    const below = [...sections.before, ...[...sections.rows.flatMap((row) => row.clauses), ...sections.after].filter((clause) => covers(clause).some((key) => missing.has(key)))];
    const shape = shapeOf(plan);
    const after = below.length === 0 ? '' : shape.trailingLine ? sentenceOf(below.join('; ')) : below.map(sentenceOf).join(' ');
    return [above, table, after].filter((part) => part !== '').join('\n\n');
  }
}

const sentenceOf = (clause: string) => `${clause.charAt(0).toUpperCase()}${clause.slice(1).replace(/[.;,\s]+$/, '')}.`;
