import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { COMPLEXITIES } from '@forge/catalog';
import type { GenerationRecord } from '@forge/engine';
import { writeFilesAtomic } from '@forge/files';
import { sampleId } from '@forge/sample';
import { buildSamples } from './build-samples.ts';
import { copyDirectoryAtomic, latestSubdirectory } from './copy-directory-atomic.ts';
import { hashFile } from './hash-file.ts';
import { buildManifest, type ProvenanceSets } from './build-manifest.ts';
import type { RecordRef } from './index-run.ts';
import type { Manifest } from './manifest.ts';
import { ParquetSampleWriter } from './parquet-sample-writer.ts';
import { prepareRun, type RunOptions } from './prepare-run.ts';
import { RawTraceWriter } from './raw-trace-writer.ts';
import { renderReport, type ReportExample } from './render-report.ts';
import { createRunStats } from './run-stats.ts';
import { StagedFile, stagingPath } from './staged-file.ts';
import { tallyFailure, tallySample } from './tally.ts';
import { VerdictSpool } from './verdict-spool.ts';
import type { ValidationReport } from './validation-report.ts';

export interface PackageOptions extends RunOptions {
  /** Root of per-run MCP logs (logs/dataset_runs); the run's folder is archived under outDir/logs/. */
  logsDir?: string;
  /** Which run's logs to archive; defaults to the most recently modified one. */
  runId?: string;
  /** Raw traces the engine kept (defaults to generatedDir/traces), copied into raw_llm/<timestamp>/traces. */
  tracesDir?: string;
  now?: () => Date;
  /** Package versions for the manifest (see readVersions). */
  versions?: Record<string, string>;
  /** USD per million tokens, for the cost estimate; null leaves the estimate out. */
  pricePerMillion?: { input: number; output: number } | null;
  /** Parquet row groups: flushed at about this many bytes of text (default 4 MB)… */
  rowGroupBytes?: number;
  /** …or at this many rows, whichever comes first (no row limit by default). */
  rowGroupSize?: number;
}

export interface PackageResult {
  manifest: Manifest;
  /** The counts of validation.json; its per-sample verdicts are streamed to the file only. */
  validation: Omit<ValidationReport, 'verdicts'>;
}

/** File-name-safe timestamp: 20261126T100000Z. */
export function runTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * The package stage: merges the three shards in catalog order, keeps only samples that pass validation, and
 * writes train_llm.json, train.jsonl, train.parquet, raw traces, the logs archive, validation.json,
 * manifest.json and report.html, each temp-then-rename. Streams: one record in memory at a time (plus one
 * parquet row group of about 4 MB); verdicts go to validation.json as they are made, run statistics are histograms.
 */
export async function packageRun(options: PackageOptions): Promise<PackageResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const timestamp = runTimestamp(started);
  const outDir = options.outDir;
  const run = await prepareRun(options);
  const stats = createRunStats();
  const validation: Omit<ValidationReport, 'verdicts'> = {
    samples: 0, accepted: 0, rejected: 0, failed: run.index.failures.length,
    rejection_histogram: stats.rejection_reasons, failure_histogram: stats.failure_reasons,
    failures: run.index.failures.map(({ prompt_id, complexity, stage, reason }) => ({ prompt_id, complexity, stage, reason })),
    input_problems: run.index.problems,
  };
  const provenance: ProvenanceSets = { catalog: new Set(), snapshots: new Set(), asOf: new Set(), planners: new Set(), composers: new Set(), models: new Set(), backends: new Set() };
  const examples = new Map<string, ReportExample>();
  const rawRelative = join('raw_llm', timestamp);
  const rawFinal = join(outDir, rawRelative);
  const rawTemp = stagingPath(rawFinal);

  const jsonFile = await StagedFile.create(join(outDir, 'train_llm.json'));
  const jsonlFile = await StagedFile.create(join(outDir, 'train.jsonl'));
  const parquet = await ParquetSampleWriter.create(join(outDir, 'train.parquet'), { rowGroupBytes: options.rowGroupBytes, rowGroupSize: options.rowGroupSize });
  const hashes: Record<string, string> = {};
  const verdicts = await VerdictSpool.create(join(outDir, 'validation.json'));
  const rawWriter = new RawTraceWriter(rawTemp);
  const abort = async () => {
    await rawWriter.flush().catch(() => undefined);
    await Promise.allSettled([jsonFile.abort(), jsonlFile.abort(), parquet.abort(), verdicts.abort(), rm(rawTemp, { recursive: true, force: true })]);
  };
  try {
    await jsonFile.write('[');
    for await (const built of buildSamples(run.ordered, run.validator, run.maxPromptTokens, (ref) => run.sampleOptions(ref, join(rawRelative, rawFileName(ref))), run.promptTokenEncoding)) {
      const { record, sample, verdict } = built;
      tallySample(stats, built);
      noteProvenance(provenance, record);
      validation.samples += 1;
      await verdicts.add({ sample_id: verdict.sample_id, prompt_id: record.prompt_id, complexity: record.complexity, ok: verdict.ok, problems: verdict.problems });
      await rawWriter.write(rawFileName(built.ref), record);
      if (!examples.has(record.complexity) || (verdict.ok && !examples.get(record.complexity)?.accepted)) examples.set(record.complexity, toExample(record, verdict.ok));
      if (!verdict.ok) {
        validation.rejected += 1;
        continue;
      }
      const line = JSON.stringify(sample);
      await jsonFile.write(`${validation.accepted === 0 ? '\n' : ',\n'}${line}`);
      await jsonlFile.write(`${line}\n`);
      await parquet.add(sample);
      validation.accepted += 1;
    }
    await jsonFile.write(validation.accepted ? '\n]\n' : ']\n');
    for (const failure of run.index.failures) tallyFailure(stats, failure);
    await rawWriter.flush();
    await mkdir(rawTemp, { recursive: true });
    await copyDirectoryAtomic(options.tracesDir ?? join(options.generatedDir, 'traces'), join(rawTemp, 'traces'));
    hashes['train_llm.json'] = await jsonFile.commit();
    hashes['train.jsonl'] = await jsonlFile.commit();
    await parquet.commit();
    // Same second, same folder name: the newer copy replaces it.
    await rm(rawFinal, { recursive: true, force: true });
    await rename(rawTemp, rawFinal);
  } catch (error) {
    await abort();
    throw error;
  }

  const logsDir = options.logsDir ?? join('logs', 'dataset_runs');
  const runId = options.runId ?? (await latestSubdirectory(logsDir));
  const logsArchived = runId !== null && (await copyDirectoryAtomic(join(logsDir, runId), join(outDir, 'logs', runId)));

  const outputs: Manifest['outputs'] = {
    'train_llm.json': { path: 'train_llm.json', sha256: hashes['train_llm.json'], bytes: jsonFile.bytes, rows: validation.accepted },
    'train.jsonl': { path: 'train.jsonl', sha256: hashes['train.jsonl'], bytes: jsonlFile.bytes, rows: validation.accepted },
    'train.parquet': { path: 'train.parquet', ...(await hashFile(parquet.path)), rows: parquet.rows },
    raw_llm: { path: rawRelative, sha256: null, bytes: 0, rows: validation.samples },
  };
  if (logsArchived && runId) outputs.logs = { path: join('logs', runId), sha256: null, bytes: 0 };
  const validationFile = await StagedFile.create(join(outDir, 'validation.json'));
  try {
    await verdicts.writeReport(validation, validationFile);
  } catch (error) {
    await Promise.allSettled([verdicts.abort(), validationFile.abort()]);
    throw error;
  }
  outputs['validation.json'] = { path: 'validation.json', sha256: null, bytes: validationFile.bytes };

  const manifest = await buildManifest({
    // The manifest lists the rejected verdicts only; the spool kept exactly those.
    createdAt: started.toISOString(), run, stats, validation: { ...validation, verdicts: verdicts.rejected }, provenance, outputs,
    promptsFile: options.promptsFile === null ? null : (options.promptsFile ?? 'data/inputs/curriculum_prompts.json'),
    versions: options.versions ?? {}, pricePerMillion: options.pricePerMillion ?? null,
    packageMs: now().getTime() - started.getTime(),
  });
  const ordered = COMPLEXITIES.flatMap((level) => (examples.has(level) ? [examples.get(level) as ReportExample] : []));
  const report = renderReport({ manifest, stats, examples: ordered });
  await validationFile.commit();
  await writeFilesAtomic([
    { path: join(outDir, 'manifest.json'), content: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: join(outDir, 'report.html'), content: report },
  ]);
  return { manifest, validation };
}

/** <complexity>/<prompt id, file-safe>.<sample id>.json: readable, and unique even if two records share a prompt id. */
function rawFileName(ref: RecordRef): string {
  return join(ref.complexity, `${ref.prompt_id.replace(/[^A-Za-z0-9_.-]/g, '_')}.${sampleId(ref.prompt_id, ref.key)}.json`);
}

function noteProvenance(sets: ProvenanceSets, record: GenerationRecord): void {
  const source = record.provenance;
  sets.catalog.add(source.catalog_sha256);
  sets.snapshots.add(source.snapshot_id);
  sets.asOf.add(source.as_of);
  sets.planners.add(source.planner);
  sets.composers.add(source.composer);
  sets.models.add(source.model);
  sets.backends.add(source.backend);
}

function toExample(record: GenerationRecord, accepted: boolean): ReportExample {
  return {
    complexity: record.complexity,
    prompt_id: record.prompt_id,
    user_prompt: record.user_prompt,
    accepted,
    steps: record.plan.tool_sequence.map((step) => ({ step: step.step, tool: `${step.server}.${step.tool}`, params: step.params })),
    answer_text: record.reference.answer_text,
  };
}
