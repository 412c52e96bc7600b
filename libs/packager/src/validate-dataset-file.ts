import { validateSample, type PromptTokenEncoding, type SampleProblem, type SampleValidator } from '@forge/sample';
import { readDatasetFile } from './read-dataset-file.ts';

export interface DatasetValidation {
  file: string;
  rows: number;
  accepted: number;
  rejected: number;
  /** Problem code → number of rows showing it. */
  histogram: Record<string, number>;
  /** Only rows with problems, in file order (row 0 = the file as a whole). */
  rejections: Array<{ row: number; sample_id: string | null; prompt_id: string | null; problems: SampleProblem[] }>;
}

/** Validates every row of a dataset file (ours or made elsewhere) against the schema and gates; never throws on bad rows. */
export async function validateDatasetFile(file: string, validator: SampleValidator, maxPromptTokens: number, promptTokenEncoding?: PromptTokenEncoding): Promise<DatasetValidation> {
  const result: DatasetValidation = { file, rows: 0, accepted: 0, rejected: 0, histogram: {}, rejections: [] };
  const gates = { maxPromptTokens, promptTokenEncoding, seenSampleIds: new Set<string>() };
  for await (const row of readDatasetFile(file)) {
    if (row.row > 0) result.rows += 1;
    const verdict = 'problem' in row
      ? { ok: false, sample_id: null, problems: [{ code: 'not-an-object' as const, message: row.problem }] }
      : validateSample(row.value, validator, gates);
    if (verdict.ok) {
      result.accepted += 1;
      continue;
    }
    result.rejected += 1;
    for (const code of new Set(verdict.problems.map((problem) => problem.code))) result.histogram[code] = (result.histogram[code] ?? 0) + 1;
    result.rejections.push({ row: row.row, sample_id: verdict.sample_id, prompt_id: promptIdOf('value' in row ? row.value : null), problems: verdict.problems });
  }
  return result;
}

function promptIdOf(value: unknown): string | null {
  const info = value && typeof value === 'object' ? (value as { extra_info?: { prompt_id?: unknown } }).extra_info : undefined;
  return typeof info?.prompt_id === 'string' ? info.prompt_id : null;
}
