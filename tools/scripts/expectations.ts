// Checks a packaged run against a blind catalog's per-entry expectations (data/inputs/asks-holdout/README.md),
// independently of the ask reader the pipeline uses. Used by tools/scripts/check-expectations.ts and the hold-out test.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bulletsOf, paragraphsOf, sentencesOf, tableRowsOf, wordsOf } from '@forge/asks';

export interface Expect {
  answerable: boolean; asks: string[]; form?: Record<string, unknown>; mentions?: string[]; list_count?: number; per_entity?: boolean;
  window?: { sessions?: number; hours?: number; bars?: number }; slack?: 'post' | 'read' | 'none'; stance_options?: string[];
  facts?: string[];
}

export interface CatalogEntry { id: string; user_prompt: string; expect: Expect }

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

// A fact the prompt named must be stated: reference facts by their value in the snapshot's profile of each mentioned
// company, computed figures by the words that name them (their values are the replay's business, not this check's).
const PROFILES = new Map<string, any>((JSON.parse(readFileSync('data/snapshot/synthetic-2026-11-25/profiles.json', 'utf8')) as any[]).map((profile) => [profile.symbol, profile]));

const FACT_WORDS: Record<string, RegExp> = {
  price: /\$\s?\d|\bprice\b|trad(?:es|ing|ed) (?:at|near|around)|\bclosed? at\b|\blast\b/i,
  change_pct: /[+\-−]?\d+(?:\.\d+)?\s?%/,
  volume: /\bvolume\b|shares (?:traded|changed hands)/i,
  avg_volume: /\baverage\b|\bavg\b/i,
  open: /\bopen(?:ed|ing)?\b/i, high: /\bhigh\b/i, low: /\blow\b/i, prev_close: /previous close|prior close|prev(?:ious)?\.? close|yesterday/i,
  market_cap: /market cap|market value|capitali[sz]ation/i,
  pe: /P\/E|price[- ]to[- ]earnings|earnings multiple|\bPE\b/i,
  eps: /\bEPS\b|earnings per share/i,
  revenue: /\brevenues?\b|\bsales\b|top line/i,
  net_income: /net income|\bprofit\b|\bearnings\b|bottom line/i,
  gross_margin: /gross margin/i,
  '52w_high': /52[- ]?week|52w|year(?:'s)? high|twelve-month/i, '52w_low': /52[- ]?week|52w|year(?:'s)? low|twelve-month/i,
  dividend: /dividend/i,
  beta: /\bbeta\b/i,
  headline: /["“][^"”]{12,}["”]|headline/i,
  sentiment: /\b(?:positive|negative|neutral|bullish|bearish|mixed)\b|sentiment/i,
};

function employeeRenderings(count: number): string[] {
  const thousands = count / 1000;
  return [count.toLocaleString('en-US'), String(count), `${thousands}k`, `${thousands},000`, `${thousands} thousand`, `${Math.round(thousands)}k`, `${Math.round(thousands)},000`, `${(count / 1e6).toFixed(1)} million`];
}

function profileValues(label: string, profile: any): string[] | undefined {
  switch (label) {
    case 'ceo': return [String(profile.ceo).split(' ').at(-1) ?? ''];
    case 'sector': return [profile.sector];
    case 'industry': return [profile.industry];
    case 'exchange': return [profile.exchangeShortName, profile.exchange, profile.primaryExchange];
    case 'website': return [String(profile.website).replace(/^https?:\/\/(?:www\.)?/, '')];
    case 'ipo_date': return [String(profile.ipoDate).slice(0, 4)];
    case 'employees': return employeeRenderings(profile.fullTimeEmployees);
    default: return undefined;
  }
}

function factMisses(facts: string[], mentions: string[], answer: string): string[] {
  const lower = answer.toLowerCase();
  const out: string[] = [];
  for (const label of facts) {
    const words = FACT_WORDS[label];
    if (words) { if (!words.test(answer)) out.push(`fact ${label}`); continue; }
    for (const symbol of mentions.length ? mentions : []) {
      const values = profileValues(label, PROFILES.get(symbol) ?? {});
      if (values && !values.some((value) => value && lower.includes(String(value).toLowerCase()))) out.push(`fact ${label} of ${symbol}`);
    }
  }
  return out;
}

const VERDICT = /\b(?:supported|contradicted|not supported|true|false|correct|incorrect|yes|no|confirmed|refuted|no evidence)\b/i;

export function misses(entry: { expect: Expect; user_prompt: string }, row: any): string[] {
  const e = entry.expect;
  const answer: string = row.reward_spec.ground_truth.final_reference.answer_text;
  const out: string[] = [];
  const f = e.form ?? {};
  if (typeof f.bullets === 'number' && bulletsOf(answer).length !== f.bullets) out.push(`bullets ${bulletsOf(answer).length}/${f.bullets}`);
  if (typeof f.sentences === 'number' && sentencesOf(answer).length > f.sentences) out.push(`sentences ${sentencesOf(answer).length}/${f.sentences}`);
  if (f.one_sentence && sentencesOf(answer).length !== 1) out.push(`one sentence: ${sentencesOf(answer).length}`);
  if (typeof f.paragraphs === 'number' && paragraphsOf(answer).length !== f.paragraphs) out.push(`paragraphs ${paragraphsOf(answer).length}/${f.paragraphs}`);
  if (f.table && (tableRowsOf(answer) ?? 0) < Math.max(1, (e.mentions?.length ?? 2) - 1)) out.push(`table rows ${tableRowsOf(answer)}`);
  if (Array.isArray(f.words) && (wordsOf(answer) < f.words[0] || wordsOf(answer) > f.words[1])) out.push(`words ${wordsOf(answer)} not in ${f.words.join('-')}`);
  out.push(...factMisses(e.facts ?? [], e.mentions ?? [], answer));
  for (const symbol of e.mentions ?? []) if (!new RegExp(`\\b${symbol}\\b`).test(answer)) out.push(`mentions ${symbol}`);
  const posts = row.extra_info.task_metadata.exec_breadcrumbs.steps.filter((step: any) => step.tool_fqn === 'slack.send_slack_message');
  if (e.slack === 'post' && posts.length === 0) out.push('slack: no post');
  // An entry without a slack key left the side effect open (its author could not tell which branch the data takes).
  if (e.slack !== undefined && e.slack !== 'post' && posts.length > 0) out.push(`slack: posted (${e.slack})`);
  const window = e.window?.sessions ?? e.window?.hours ?? e.window?.bars;
  if (window && !new RegExp(`\\b(?:${window}|${NUMBER_WORDS[window] ?? window})[- ]?(?:trading )?(?:sessions?|days?|bars?|hours?|hourly|h|d)\\b`, 'i').test(answer)) out.push(`window ${window} not named`);
  if (e.asks.includes('verdict') && !VERDICT.test(sentencesOf(answer)[0] ?? '')) out.push('verdict not first');
  if (e.asks.includes('stance') && !(e.stance_options ?? []).some((option) => answer.toLowerCase().includes(option.toLowerCase()))) out.push(`stance (${e.stance_options?.join('/')})`);
  const lead = sentencesOf(answer)[0] ?? '';
  const named = e.mentions?.length ? e.mentions.some((symbol) => lead.includes(symbol)) : /\b[A-Z]{2,5}\b/.test(lead);
  if (e.asks.includes('pick') && !named) out.push('pick not named first');
  if (e.list_count && /\blinks?\b/i.test(entry.user_prompt)) {
    const wanted = e.list_count * (e.per_entity ? Math.max(1, (e.mentions ?? []).length) : 1);
    const links = (answer.match(/https?:\/\/\S+/g) ?? []).length;
    if (links < wanted) out.push(`links ${links}/${wanted}`);
  }
  return out;
}


export interface ExpectationOutcome { id: string; answerable: boolean; packaged: boolean; misses: string[]; failure?: string }

export interface ExpectationReport {
  outcomes: ExpectationOutcome[];
  answerable: number;
  met: number;
  outside: number;
  outsideFailed: number;
  perKind: Record<string, { answerable: number; met: number }>;
}

/** Every entry's outcome: packaged and meeting its expectations, packaged with misses, or failed (with its reason). */
export function checkExpectations(catalog: CatalogEntry[], generatedDir: string, trainFile: string): ExpectationReport {
  const rows = new Map<string, any>(readFileSync(trainFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)).map((row) => [row.extra_info.prompt_id, row]));
  const failures = new Map<string, string>();
  for (const file of readdirSync(generatedDir).filter((name) => name.endsWith('.failures.jsonl'))) {
    for (const line of readFileSync(join(generatedDir, file), 'utf8').trim().split('\n').filter(Boolean)) {
      const failure = JSON.parse(line);
      failures.set(failure.prompt_id, `${failure.stage}: ${failure.reason}`);
    }
  }
  const report: ExpectationReport = { outcomes: [], answerable: 0, met: 0, outside: 0, outsideFailed: 0, perKind: {} };
  for (const entry of catalog) {
    const row = rows.get(entry.id);
    const failure = failures.get(entry.id) ?? (row ? undefined : 'rejected by validate');
    if (!entry.expect.answerable) {
      report.outside += 1;
      if (!row) report.outsideFailed += 1;
      report.outcomes.push({ id: entry.id, answerable: false, packaged: Boolean(row), misses: row ? ['packaged, should fail'] : [], failure });
      continue;
    }
    report.answerable += 1;
    const found = row ? misses(entry, row) : [`not packaged: ${failure}`];
    if (found.length === 0) report.met += 1;
    for (const kind of new Set([...entry.expect.asks, ...Object.keys(entry.expect.form ?? {}).map((key) => `form:${key}`)])) {
      const tally = (report.perKind[kind] ??= { answerable: 0, met: 0 });
      tally.answerable += 1;
      if (found.length === 0) tally.met += 1;
    }
    report.outcomes.push({ id: entry.id, answerable: true, packaged: Boolean(row), misses: found, failure });
  }
  return report;
}
