import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { TraceSchema } from '@forge/plan';
import type { Replay } from '@forge/replay';
import { SkyRLSampleSchema, type SkyRLSample } from '@forge/sample';
import { summariseReplay } from './build-manifest.ts';
import type { Manifest } from './manifest.ts';
import { readDatasetFile } from './read-dataset-file.ts';
import { replayRow } from './replay-gate.ts';
import { createRunStats } from './run-stats.ts';
import { tallyReplay } from './tally.ts';

export interface ReplayRejection {
  row: number;
  prompt_id: string | null;
  problems: Array<{ code: string; message: string }>;
}

export interface DatasetReplay {
  file: string;
  rows: number;
  summary: Manifest['replay'];
  /** Problem code → rows with it: replay:step / :coverage / :grounding, and replay:unreadable when a row or its trace cannot be read. */
  histogram: Record<string, number>;
  rejections: ReplayRejection[];
}

// A raw trace file as RawTraceWriter writes it under raw_llm/: the replay reads its trace.
const RawTraceSchema = z.object({ trace: TraceSchema });

/**
 * Replays every row of a packaged dataset file the way the environment would (libs/replay), over the recorded
 * tool results each row points to (`extra_info.task_metadata.raw_output_path`, relative to the file's folder).
 */
export async function replayDatasetFile(file: string): Promise<DatasetReplay> {
  const stats = createRunStats();
  const result: DatasetReplay = { file, rows: 0, summary: summariseReplay(stats.replay), histogram: {}, rejections: [] };
  const reject = (row: number, promptId: string | null, problems: ReplayRejection['problems']) => {
    result.rejections.push({ row, prompt_id: promptId, problems });
    for (const code of new Set(problems.map((problem) => problem.code))) result.histogram[code] = (result.histogram[code] ?? 0) + 1;
  };
  for await (const row of readDatasetFile(file)) {
    if (row.row > 0) result.rows += 1;
    if ('problem' in row) {
      reject(row.row, null, [{ code: 'replay:unreadable', message: row.problem }]);
      continue;
    }
    const outcome = await replayOne(row.value, dirname(file));
    if ('problem' in outcome) {
      reject(row.row, outcome.promptId, [{ code: 'replay:unreadable', message: outcome.problem }]);
      continue;
    }
    tallyReplay(stats, outcome.replay);
    if (outcome.replay.problems.length > 0) reject(row.row, outcome.promptId, outcome.replay.problems);
  }
  result.summary = summariseReplay(stats.replay);
  return result;
}

async function replayOne(value: unknown, root: string): Promise<{ replay: Replay; promptId: string } | { problem: string; promptId: string | null }> {
  const parsed = SkyRLSampleSchema.safeParse(value);
  if (!parsed.success) return { problem: `not a sample in this format: ${parsed.error.issues[0]?.message ?? 'schema'}`, promptId: null };
  const sample: SkyRLSample = parsed.data;
  const promptId = sample.extra_info.prompt_id;
  const rawPath = sample.extra_info.task_metadata.raw_output_path;
  if (!rawPath) return { problem: 'the row names no raw trace (extra_info.task_metadata.raw_output_path), so there are no recorded results to replay', promptId };
  let raw: z.infer<typeof RawTraceSchema>;
  try {
    raw = RawTraceSchema.parse(JSON.parse(await readFile(join(root, rawPath), 'utf8')));
  } catch (error) {
    return { problem: `cannot read the recorded trace ${join(root, rawPath)}: ${(error as Error).message.split('\n')[0]}`, promptId };
  }
  return { replay: await replayRow(sample, raw.trace.steps), promptId };
}
