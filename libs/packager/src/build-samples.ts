import type { GenerationRecord } from '@forge/engine';
import { toSample, validateSample, type PromptTokenEncoding, type SampleGates, type SampleValidator, type SampleVerdict, type SkyRLSample, type ToSampleOptions } from '@forge/sample';
import type { RecordRef } from './index-run.ts';
import { RecordReader } from './record-reader.ts';

export interface BuiltSample {
  ref: RecordRef;
  record: GenerationRecord;
  sample: SkyRLSample;
  verdict: SampleVerdict;
}

/**
 * Reads each record in the given order, turns it into a sample and validates it; one record in memory at a
 * time. Duplicate sample ids are caught across the whole sequence.
 */
export async function* buildSamples(
  refs: readonly RecordRef[],
  validator: SampleValidator,
  maxPromptTokens: number,
  sampleOptions: (ref: RecordRef) => ToSampleOptions,
  promptTokenEncoding?: PromptTokenEncoding,
): AsyncGenerator<BuiltSample> {
  const reader = new RecordReader();
  const gates: SampleGates = { maxPromptTokens, promptTokenEncoding, seenSampleIds: new Set() };
  try {
    for (const ref of refs) {
      const record = await reader.read(ref);
      const sample = toSample(record, sampleOptions(ref));
      yield { ref, record, sample, verdict: validateSample(sample, validator, gates) };
    }
  } finally {
    await reader.close();
  }
}
