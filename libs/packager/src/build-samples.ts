import type { GenerationRecord } from '@forge/engine';
import { toSample, validateSample, type PromptTokenEncoding, type SampleGates, type SampleValidator, type SampleVerdict, type SkyRLSample, type ToSampleOptions } from '@forge/sample';
import type { Replay } from '@forge/replay';
import type { RecordRef } from './index-run.ts';
import { CompactStringSet } from './compact-string-set.ts';
import { replayRow } from './replay-gate.ts';
import { RecordReader } from './record-reader.ts';

export interface BuiltSample {
  ref: RecordRef;
  record: GenerationRecord;
  sample: SkyRLSample;
  verdict: SampleVerdict;
  /** The oracle replay; null when the row failed its schema (there is no plan to trust). */
  replay: Replay | null;
}

/**
 * Reads each record in the given order, turns it into a sample and validates it; one record in memory at a
 * time. Duplicate sample ids are caught across the whole sequence.
 */
export async function* buildSamples(
  refs: Iterable<RecordRef>,
  validator: SampleValidator,
  maxPromptTokens: number,
  sampleOptions: (ref: RecordRef) => ToSampleOptions,
  promptTokenEncoding?: PromptTokenEncoding,
): AsyncGenerator<BuiltSample> {
  const reader = new RecordReader();
  const gates: SampleGates = { maxPromptTokens, promptTokenEncoding, seenSampleIds: new CompactStringSet() };
  try {
    for (const ref of refs) {
      // The ref's prompt_index wins: for chunked shards it is the prompt's place in the whole shard (prepare-run).
      const record = { ...(await reader.read(ref)), prompt_index: ref.prompt_index };
      const sample = toSample(record, sampleOptions(ref));
      const verdict = validateSample(sample, validator, gates);
      yield { ref, record, sample, ...(await withReplay(sample, record, verdict)) };
    }
  } finally {
    await reader.close();
  }
}

/** Runs the oracle replay on a schema-valid row and adds its problems (replay:step, :coverage, :grounding). */
async function withReplay(sample: SkyRLSample, record: GenerationRecord, verdict: SampleVerdict): Promise<{ verdict: SampleVerdict; replay: Replay | null }> {
  if (verdict.problems.some((problem) => problem.code === 'schema' || problem.code === 'not-an-object')) return { verdict, replay: null };
  const replay = await replayRow(sample, record.trace.steps);
  if (replay.problems.length === 0) return { verdict, replay };
  const problems = [...verdict.problems, ...replay.problems.map((problem) => ({ code: problem.code, message: problem.message, path: '/reward_spec/ground_truth' }))];
  return { verdict: { ...verdict, ok: false, problems }, replay };
}
