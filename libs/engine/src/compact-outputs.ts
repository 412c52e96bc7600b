import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { ForgeError } from '@forge/errors';
import type { ContentCache } from './content-cache.ts';
import { FailureRecordSchema, GenerationRecordSchema, type FailureRecord, type GenerationRecord } from './generation-record.ts';
import { jsonlLines, LineReader, parseJsonlLine } from './jsonl-lines.ts';
import { ledgerIdentity } from './restore-ledger.ts';
import type { SettledOutcomes, SettledStatus } from './settled-outcomes.ts';

/** What compaction needs to know of the shard: which entries settled how, and how a stored record serves its entry. */
export interface CompactionInput {
  settled: SettledOutcomes;
  promptIds: readonly string[];
  keys: readonly string[];
  /** A stored sample restated for the entry it now serves (id, position, verbatim text, catalog). */
  restateSample: (record: GenerationRecord, index: number) => GenerationRecord;
  restateFailure: (record: FailureRecord, index: number) => FailureRecord;
  /**
   * Each entry's line as this run appended it, for a ledger that held nothing else (it started empty): compaction
   * then reads those lines by their spans instead of scanning and parsing the whole ledger to find them (issue 14).
   */
  appended?: { samples?: LineSpans; failures?: LineSpans };
}

/** Where each entry's line sits in a ledger: two flat arrays, -1 for none. */
export interface LineSpans {
  offsets: Float64Array;
  lengths: Float64Array;
}

/** Spans for `size` entries, none known yet. */
export function emptyLineSpans(size: number): LineSpans {
  return { offsets: new Float64Array(size).fill(-1), lengths: new Float64Array(size) };
}

type Spans = LineSpans;

/** Written out in pieces of about this size, so the staged file never sits whole in memory. */
const WRITE_CHUNK = 1 << 20;

/**
 * After a complete run, rewrites both ledgers (temp-then-rename) to hold exactly this shard's results in entry
 * order, so an edited or reordered shard leaves no stale lines. Samples that drop out are kept in the cache.
 * Every record is read back from the ledgers line by line (issue 19 item 11), never held all at once.
 */
export async function compactOutputs(
  input: CompactionInput,
  samplesPath: string,
  failuresPath: string,
  write: (value: unknown) => string,
  cache: ContentCache | undefined,
): Promise<void> {
  const wanted: Record<SettledStatus, Map<string, number>> = { sample: new Map(), failed: new Map() };
  const keptKeys = new Set<string>();
  for (let index = 0; index < input.settled.size; index += 1) {
    const status = input.settled.statusOf(index);
    if (status === undefined) continue;
    wanted[status].set(ledgerIdentity({ prompt_id: input.promptIds[index], key: input.keys[index] }), index);
    if (status === 'sample') keptKeys.add(input.keys[index]);
  }
  // A ledger of this run's lines alone holds no sample that drops out (nothing for the cache) and no stale line.
  const sampleSpans = input.appended?.samples ?? await locate(samplesPath, GenerationRecordSchema, wanted.sample, input.settled.size, 'first', async (record) => {
    if (cache && !keptKeys.has(record.key) && !(await cache.get(record.key))) await cache.put(record.key, write(record));
  });
  const failureSpans = input.appended?.failures ?? await locate(failuresPath, FailureRecordSchema, wanted.failed, input.settled.size, 'last');
  const staged: Array<{ temp: string; path: string }> = [];
  try {
    staged.push({ path: samplesPath, temp: await stage(samplesPath, 'sample', sampleSpans, GenerationRecordSchema, (record, index) => write(input.restateSample(record, index)), input) });
    staged.push({ path: failuresPath, temp: await stage(failuresPath, 'failed', failureSpans, FailureRecordSchema, (record, index) => write(input.restateFailure(record, index)), input) });
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  for (const { temp, path } of staged) await rename(temp, path);
}

/** One pass over a ledger: the span of each wanted identity's line; every other valid record goes to `other`. */
async function locate<T extends { prompt_id: string; key: string }>(
  path: string,
  schema: z.ZodType<T>,
  wanted: Map<string, number>,
  size: number,
  keep: 'first' | 'last',
  other?: (record: T) => Promise<void>,
): Promise<Spans> {
  const spans = emptyLineSpans(size);
  for await (const { text, span } of jsonlLines(path)) {
    const record = parseJsonlLine(text, schema);
    if (record === undefined) continue;
    const index = wanted.get(ledgerIdentity(record));
    if (index === undefined) {
      await other?.(record);
    } else if (keep === 'last' || spans.offsets[index] < 0) {
      spans.offsets[index] = span.offset;
      spans.lengths[index] = span.length;
    }
  }
  return spans;
}

/** Writes the located lines, restated, in entry order to a fsynced temp sibling of `path`; returns its path. */
async function stage<T>(path: string, status: SettledStatus, spans: Spans, schema: z.ZodType<T>, line: (record: T, index: number) => string, input: CompactionInput): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const out = await open(temp, 'w');
  const reader = await LineReader.open(path).catch(() => undefined);
  try {
    let pending: string[] = [];
    let pendingBytes = 0;
    for (let index = 0; index < input.settled.size; index += 1) {
      if (input.settled.statusOf(index) !== status) continue;
      const offset = spans.offsets[index];
      const record = offset < 0 || !reader ? undefined : parseJsonlLine(await reader.read({ offset, length: spans.lengths[index] }), schema);
      if (record === undefined) {
        throw new ForgeError({ file: path, entryId: input.promptIds[index], problem: 'the acknowledged ledger line of this entry is missing; the ledger is left as it is', hint: 'run generate again: it resumes from the ledger' });
      }
      const text = `${line(record, index)}\n`;
      pending.push(text);
      pendingBytes += text.length;
      if (pendingBytes >= WRITE_CHUNK) {
        await out.appendFile(pending.join(''));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pending.length > 0) await out.appendFile(pending.join(''));
    await out.sync();
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    await out.close();
    await reader?.close();
  }
  return temp;
}
