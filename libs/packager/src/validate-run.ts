import { join } from 'node:path';
import { writeFileAtomic } from '@forge/files';
import { buildSamples } from './build-samples.ts';
import { prepareRun, type RunOptions } from './prepare-run.ts';
import { createRunStats } from './run-stats.ts';
import { tallyFailure, tallySample } from './tally.ts';
import type { ValidationReport } from './validation-report.ts';

/** The validate stage: builds every sample of the three shards, checks it, and writes outDir/validation.json. */
export async function validateRun(options: RunOptions): Promise<ValidationReport> {
  const run = await prepareRun(options);
  const stats = createRunStats();
  const report: ValidationReport = {
    samples: 0, accepted: 0, rejected: 0, failed: run.index.failures.length,
    rejection_histogram: stats.rejection_reasons, failure_histogram: stats.failure_reasons,
    failures: run.index.failures.map(({ prompt_id, complexity, stage, reason }) => ({ prompt_id, complexity, stage, reason })),
    input_problems: run.index.problems,
    verdicts: [],
  };
  for await (const built of buildSamples(run.ordered, run.validator, run.maxPromptTokens, (ref) => run.sampleOptions(ref), run.promptTokenEncoding)) {
    tallySample(stats, built);
    report.samples += 1;
    if (built.verdict.ok) report.accepted += 1;
    else report.rejected += 1;
    report.verdicts.push({ sample_id: built.verdict.sample_id, prompt_id: built.ref.prompt_id, complexity: built.ref.complexity, ok: built.verdict.ok, problems: built.verdict.problems });
  }
  for (const failure of run.index.failures) tallyFailure(stats, failure);
  await writeFileAtomic(join(options.outDir, 'validation.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
