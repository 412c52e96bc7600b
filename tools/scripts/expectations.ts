// Checks a packaged run against a blind catalog's per-entry expectations (data/inputs/asks-holdout/README.md),
// independently of the ask reader the pipeline uses. Used by tools/scripts/check-expectations.ts and the hold-out test.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bulletsOf, paragraphsOf, sentencesOf, tableRowsOf, wordsOf } from '@forge/asks';

export interface Expect {
  answerable: boolean; asks: string[]; form?: Record<string, unknown>; mentions?: string[]; list_count?: number; per_entity?: boolean;
  window?: { sessions?: number; hours?: number; bars?: number }; slack?: 'post' | 'read' | 'none'; stance_options?: string[];
}

export interface CatalogEntry { id: string; user_prompt: string; expect: Expect }

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

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
  for (const symbol of e.mentions ?? []) if (!new RegExp(`\\b${symbol}\\b`).test(answer)) out.push(`mentions ${symbol}`);
  const posts = row.extra_info.task_metadata.exec_breadcrumbs.steps.filter((step: any) => step.tool_fqn === 'slack.send_slack_message');
  if (e.slack === 'post' && posts.length === 0) out.push('slack: no post');
  if (e.slack !== 'post' && posts.length > 0) out.push(`slack: posted (${e.slack})`);
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
