import type { Complexity } from '@forge/catalog';
import type { SampleProblem } from '@forge/sample';
import type { InputProblem } from './index-run.ts';

/** One sample's verdict as validation.json lists it. */
export interface SampleVerdictEntry {
  sample_id: string | null;
  prompt_id: string;
  complexity: Complexity;
  ok: boolean;
  problems: SampleProblem[];
}

/** data/processed/validation.json: every sample's verdict, and why the others were turned away. */
export interface ValidationReport {
  samples: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** Problem code → number of samples showing it. */
  rejection_histogram: Record<string, number>;
  /** Engine stage → number of failed prompts. */
  failure_histogram: Record<string, number>;
  failures: Array<{ prompt_id: string; complexity: Complexity; stage: string; reason: string }>;
  input_problems: InputProblem[];
  verdicts: SampleVerdictEntry[];
}
