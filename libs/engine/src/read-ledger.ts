import { join } from 'node:path';
import type { Complexity } from '@forge/catalog';
import { FailureRecordSchema, GenerationRecordSchema, type FailureRecord, type GenerationRecord } from './generation-record.ts';
import { readJsonl } from './read-jsonl.ts';

export interface Ledger {
  samples: GenerationRecord[];
  /** Latest failure per entry that has no sample. */
  failures: FailureRecord[];
  /** Lines skipped: torn by a crash or invalid. */
  skipped: number;
}

/**
 * Reads `<dir>/<complexity>.jsonl` and `.failures.jsonl` as validated records: torn lines skipped, one sample per
 * (prompt id, key), failures superseded by a later sample dropped. For validate/package and for tests.
 */
export async function readLedger(dir: string, complexity: Complexity): Promise<Ledger> {
  const identity = (record: { prompt_id: string; key: string }) => `${record.prompt_id}\u0000${record.key}`;
  const samples = await readJsonl(join(dir, `${complexity}.jsonl`), GenerationRecordSchema, identity);
  const failures = await readJsonl(join(dir, `${complexity}.failures.jsonl`), FailureRecordSchema, identity, 'last');
  const done = new Set(samples.records.map(identity));
  return {
    samples: samples.records,
    failures: failures.records.filter((record) => !done.has(identity(record))),
    skipped: samples.skipped + failures.skipped,
  };
}
