// Reads a catalog with per-entry `expect` (data/inputs/asks-holdout/README.md) and a packaged run, and checks each
// prompt's outcome against what its author expected, independently of the ask reader the pipeline uses:
//   node --import tsx tools/scripts/check-expectations.ts <catalog.json> <generated-dir> <train.jsonl>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bulletsOf, paragraphsOf, sentencesOf, tableRowsOf, wordsOf } from '@forge/asks';

interface Expect {
  answerable: boolean; asks: string[]; form?: Record<string, unknown>; mentions?: string[]; list_count?: number; per_entity?: boolean;
  window?: { sessions?: number; hours?: number; bars?: number }; slack?: 'post' | 'read' | 'none'; stance_options?: string[];
}
const [catalogFile, generatedDir, trainFile] = process.argv.slice(2) as [string, string, string];
const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as Array<{ id: string; user_prompt: string; expect: Expect }>;
const rows = new Map<string, any>(readFileSync(trainFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)).map((row) => [row.extra_info.prompt_id, row]));
const failures = new Map<string, string>();
for (const file of readdirSync(generatedDir).filter((name) => name.endsWith('.failures.jsonl'))) {
  for (const line of readFileSync(join(generatedDir, file), 'utf8').trim().split('\n').filter(Boolean)) {
    const failure = JSON.parse(line);
    failures.set(failure.prompt_id, `${failure.stage}: ${failure.reason}`);
  }
}

const VERDICT = /\b(?:supported|contradicted|not supported|true|false|correct|incorrect|yes|no|confirmed|refuted|no evidence)\b/i;

function misses(entry: { expect: Expect; user_prompt: string }, row: any): string[] {
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
  if (window && !new RegExp(`\\b${window}[- ]?(?:trading )?(?:sessions?|days?|bars?|hours?|hourly|h|d)\\b`, 'i').test(answer)) out.push(`window ${window} not named`);
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

const perKind = new Map<string, { answerable: number; met: number }>();
let answerable = 0, met = 0, outsideFailed = 0, outside = 0;
for (const entry of catalog) {
  const row = rows.get(entry.id);
  if (!entry.expect.answerable) {
    outside += 1;
    if (!row) outsideFailed += 1;
    console.log(`${entry.id} outside  ${row ? 'PACKAGED (should fail)' : `failed ok — ${failures.get(entry.id)?.slice(0, 100)}`}`);
    continue;
  }
  answerable += 1;
  const found = row ? misses(entry, row) : [`not packaged — ${failures.get(entry.id)?.slice(0, 140) ?? 'rejected'}`];
  if (found.length === 0) met += 1;
  for (const kind of new Set([...entry.expect.asks, ...Object.keys(entry.expect.form ?? {}).map((key) => `form:${key}`)])) {
    const tally = perKind.get(kind) ?? { answerable: 0, met: 0 };
    tally.answerable += 1;
    if (found.length === 0) tally.met += 1;
    perKind.set(kind, tally);
  }
  console.log(`${entry.id} ${found.length === 0 ? 'met' : 'MISS'}  ${found.join('; ')}`);
}
console.log(`\nanswerable ${answerable}: ${met} packaged and meeting every expectation (${((met / answerable) * 100).toFixed(0)}%); outside the snapshot ${outside}: ${outsideFailed} recorded failures`);
console.log([...perKind.entries()].sort().map(([kind, tally]) => `${kind} ${tally.met}/${tally.answerable}`).join(' · '));
