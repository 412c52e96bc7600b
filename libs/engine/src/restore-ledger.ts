import { writeFileAtomic } from '@forge/files';
import { FailureRecordSchema, GenerationRecordSchema, type FailureRecord, type GenerationRecord } from './generation-record.ts';
import { LedgerIndex } from './ledger-index.ts';
import { readRunHeader } from './run-header.ts';

/** One ledger line's identity: the same prompt under the same content key. */
export const ledgerIdentity = (record: { prompt_id: string; key: string }) => `${record.prompt_id}\u0000${record.key}`;

export interface LedgerPaths {
  samplesPath: string;
  failuresPath: string;
  headerPath: string;
}

/**
 * What an earlier run of the shard left, indexed for the reuse pass. Only line positions are held; each record is
 * read back from its ledger when the reuse pass asks for it (issue 19 item 11: the restore once held every record).
 */
export interface RestoredLedger {
  /** Whether this run continues the earlier one (its failures are read back too). */
  resumed: boolean;
  /** Ledger lines skipped: torn by a crash or invalid. */
  skipped: number;
  sampleByIdentity(identity: string): Promise<GenerationRecord | undefined>;
  sampleByKey(key: string): Promise<GenerationRecord | undefined>;
  failureByIdentity(identity: string): Promise<FailureRecord | undefined>;
}

/**
 * Reads back a shard's ledgers. `resume` true continues them, false empties them first, undefined continues only
 * when the run header names `catalogSha256`; samples are always read, as a content cache when not resuming.
 */
export async function restoreLedger(paths: LedgerPaths, catalogSha256: string, resume: boolean | undefined): Promise<RestoredLedger> {
  const ledger = await indexLedger(paths, catalogSha256, resume);
  if (resume === false) await clearLedger(paths);
  return ledger;
}

/** Empties both ledgers (a run with `resume` false starts its outputs afresh). */
export async function clearLedger(paths: LedgerPaths): Promise<void> {
  await writeFileAtomic(paths.samplesPath, '');
  await writeFileAtomic(paths.failuresPath, '');
}

/**
 * What restoreLedger returns, without writing anything: with `resume` false the ledgers are not read (the caller
 * empties them with clearLedger before it appends), so a run can decide whether it has work before it touches a file.
 */
export async function indexLedger(paths: LedgerPaths, catalogSha256: string, resume: boolean | undefined): Promise<RestoredLedger> {
  const previous = await readRunHeader(paths.headerPath);
  const resumed = resume !== false && previous !== undefined && (resume === true || previous.catalog_sha256 === catalogSha256);
  const samples =
    resume === false
      ? LedgerIndex.empty(paths.samplesPath, GenerationRecordSchema)
      : await LedgerIndex.build(paths.samplesPath, GenerationRecordSchema, ledgerIdentity, { secondKey: (record) => record.key });
  const failures = resumed
    ? await LedgerIndex.build(paths.failuresPath, FailureRecordSchema, ledgerIdentity, { keep: 'last' })
    : LedgerIndex.empty(paths.failuresPath, FailureRecordSchema);
  return {
    resumed,
    skipped: samples.skipped + failures.skipped,
    sampleByIdentity: (identity) => samples.get(identity),
    sampleByKey: (key) => samples.getBySecondKey(key),
    failureByIdentity: (identity) => failures.get(identity),
  };
}
