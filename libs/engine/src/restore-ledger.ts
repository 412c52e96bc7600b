import { writeFileAtomic } from '@forge/files';
import { FailureRecordSchema, GenerationRecordSchema, type FailureRecord, type GenerationRecord } from './generation-record.ts';
import { readJsonl, type JsonlContent } from './read-jsonl.ts';
import { readRunHeader } from './run-header.ts';

/** One ledger line's identity: the same prompt under the same content key. */
export const ledgerIdentity = (record: { prompt_id: string; key: string }) => `${record.prompt_id}\u0000${record.key}`;

export interface LedgerPaths {
  samplesPath: string;
  failuresPath: string;
  headerPath: string;
}

/** What an earlier run of the shard left, indexed for the reuse pass. */
export interface RestoredLedger {
  /** Whether this run continues the earlier one (its failures are read back too). */
  resumed: boolean;
  oldSamples: JsonlContent<GenerationRecord>;
  oldFailures: JsonlContent<FailureRecord>;
  samplesByIdentity: Map<string, GenerationRecord>;
  samplesByKey: Map<string, GenerationRecord>;
  failuresByIdentity: Map<string, FailureRecord>;
}

/**
 * Reads back a shard's ledgers. `resume` true continues them, false empties them first, undefined continues only
 * when the run header names `catalogSha256`; samples are always read, as a content cache when not resuming.
 */
export async function restoreLedger(paths: LedgerPaths, catalogSha256: string, resume: boolean | undefined): Promise<RestoredLedger> {
  const previous = await readRunHeader(paths.headerPath);
  const resumed = resume !== false && previous !== undefined && (resume === true || previous.catalog_sha256 === catalogSha256);
  if (resume === false) {
    await writeFileAtomic(paths.samplesPath, '');
    await writeFileAtomic(paths.failuresPath, '');
  }
  const oldSamples = await readJsonl(paths.samplesPath, GenerationRecordSchema, ledgerIdentity);
  const oldFailures = resumed ? await readJsonl(paths.failuresPath, FailureRecordSchema, ledgerIdentity, 'last') : { records: [], skipped: 0 };
  return {
    resumed,
    oldSamples,
    oldFailures,
    samplesByIdentity: new Map(oldSamples.records.map((record) => [ledgerIdentity(record), record])),
    samplesByKey: new Map(oldSamples.records.map((record) => [record.key, record])),
    failuresByIdentity: new Map(oldFailures.records.map((record) => [ledgerIdentity(record), record])),
  };
}
