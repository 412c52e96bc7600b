import { join } from 'node:path';
import { COMPLEXITIES, type Complexity } from '@forge/catalog';
import { FailureRecordSchema, GenerationRecordSchema } from '@forge/engine';
import type { Trace } from '@forge/plan';
import { RecordTable } from './record-table.ts';
import { scanJsonl, type JsonlLine } from './scan-jsonl.ts';

type TokenUsage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/** Where one sample record sits on disk; the record itself is read back only when its turn comes. */
export interface RecordRef {
  key: string;
  prompt_id: string;
  prompt_index: number;
  complexity: Complexity;
  file: string;
  offset: number;
  length: number;
}

/** What a failed prompt leaves behind in the package: enough to list it with its reason. */
export interface FailureSummary {
  key: string;
  prompt_id: string;
  prompt_index: number;
  complexity: Complexity;
  stage: string;
  reason: string;
  /** The partial trace, when the failure came after tools ran (for tool counts). */
  trace?: Trace;
  usage: TokenUsage[];
}

/** A line that could not be used, and why (torn last lines included, so nothing vanishes unexplained). */
export interface InputProblem {
  file: string;
  line: number;
  problem: 'torn-line' | 'malformed-json' | 'invalid-record';
  message: string;
}

export interface RunIndex {
  samples: RecordRef[];
  failures: FailureSummary[];
  problems: InputProblem[];
  /** The generated files read, per shard (`moderate`) or chunk (`moderate-3`): samples then failures. */
  files: Record<string, { samples: string; failures: string }>;
}

/** The index as the package stage keeps it: the sample refs in a compact table (issue 14), the rest as RunIndex. */
export interface CompactRunIndex extends Omit<RunIndex, 'samples'> {
  table: RecordTable;
}

/** A chunk of a shard that generate wrote on its own (`<generatedDir>/chunks/<name>/<complexity>.jsonl`). */
export interface ChunkRef {
  name: string;
  complexity: Complexity;
}

/** The JSONL files the engine appends for one complexity, or for one chunk of it. */
export function shardFiles(generatedDir: string, complexity: Complexity, chunk?: string) {
  const dir = chunk === undefined ? generatedDir : join(generatedDir, 'chunks', chunk);
  return { samples: join(dir, `${complexity}.jsonl`), failures: join(dir, `${complexity}.failures.jsonl`) };
}

/**
 * Indexes the three shards' records (or, given chunks, exactly those chunks' records, in the order given): dedupes
 * by key (the last line wins, as a resumed run re-appends), drops failures of prompts that later produced a sample,
 * and reports unusable lines instead of throwing.
 */
export async function indexRun(generatedDir: string, chunks?: readonly ChunkRef[]): Promise<RunIndex> {
  const { table, ...rest } = await indexRecords(generatedDir, chunks);
  return { samples: [...table.refs()], ...rest };
}

/** indexRun with the sample refs left in their compact table, for runs of a million records. */
export async function indexRecords(generatedDir: string, chunks?: readonly ChunkRef[]): Promise<CompactRunIndex> {
  const samples = new RecordTable();
  const failures = new Map<string, FailureSummary>();
  const problems: InputProblem[] = [];
  const files: RunIndex['files'] = {};
  const parts = chunks ?? COMPLEXITIES.map((complexity) => ({ name: complexity, complexity, whole: true }));
  for (const part of parts) {
    const { complexity } = part;
    const paths = 'whole' in part ? shardFiles(generatedDir, complexity) : shardFiles(generatedDir, complexity, part.name);
    files[part.name] = paths;
    for await (const line of scanJsonl(paths.samples)) {
      const value = parseLine(line, paths.samples, problems);
      if (value === undefined) continue;
      const parsed = GenerationRecordSchema.safeParse(value);
      if (!parsed.success) {
        problems.push({ file: paths.samples, line: line.lineNumber, problem: 'invalid-record', message: summariseIssues(parsed.error.issues) });
        continue;
      }
      const record = parsed.data;
      samples.add({
        key: record.key, prompt_id: record.prompt_id, prompt_index: record.prompt_index, complexity: record.complexity,
        file: paths.samples, offset: line.offset, length: line.length,
      });
    }
    for await (const line of scanJsonl(paths.failures)) {
      const value = parseLine(line, paths.failures, problems);
      if (value === undefined) continue;
      const parsed = FailureRecordSchema.safeParse(value);
      if (!parsed.success) {
        problems.push({ file: paths.failures, line: line.lineNumber, problem: 'invalid-record', message: summariseIssues(parsed.error.issues) });
        continue;
      }
      const record = parsed.data;
      failures.delete(record.key);
      failures.set(record.key, {
        key: record.key, prompt_id: record.prompt_id, prompt_index: record.prompt_index, complexity: record.complexity,
        stage: record.stage, reason: record.reason, trace: record.trace, usage: record.usage,
      });
    }
  }
  return {
    table: samples,
    failures: [...failures.values()].filter((failure) => !samples.hasPrompt(failure.prompt_id, failure.complexity)),
    problems,
    files,
  };
}

function parseLine(line: JsonlLine, file: string, problems: InputProblem[]): unknown {
  try {
    return JSON.parse(line.text);
  } catch (error) {
    problems.push({
      file, line: line.lineNumber,
      problem: line.unterminated ? 'torn-line' : 'malformed-json',
      message: line.unterminated ? 'last line is incomplete (a writer stopped mid-line); skipped' : (error as Error).message,
    });
    return undefined;
  }
}

function summariseIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  return issues.length > 3 ? `${shown.join('; ')}; … ${issues.length - 3} more` : shown.join('; ');
}
