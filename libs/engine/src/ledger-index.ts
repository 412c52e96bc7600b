import type { z } from 'zod';
import { jsonlLines, parseJsonlLine, readJsonlLineAt, type LineSpan } from './jsonl-lines.ts';

/**
 * A JSONL ledger indexed by identity (and optionally a second key): spans only, so memory stays a few dozen bytes
 * a line whatever the records weigh; a record is read back from disk when asked for.
 */
export class LedgerIndex<T> {
  private constructor(
    private readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly byIdentity: Map<string, LineSpan>,
    private readonly bySecondKey: Map<string, LineSpan>,
    /** Lines skipped: torn by a crash, not JSON, or not matching the schema. */
    readonly skipped: number,
  ) {}

  /** An index of nothing (a ledger that is not read back). */
  static empty<T>(path: string, schema: z.ZodType<T>): LedgerIndex<T> {
    return new LedgerIndex(path, schema, new Map(), new Map(), 0);
  }

  /**
   * Indexes every valid line of `path` (a missing file is empty) by `identity`, keeping the first line of an
   * identity (or, with keep 'last', the latest) and, with `secondKey`, the latest line of each second key too.
   */
  static async build<T>(
    path: string,
    schema: z.ZodType<T>,
    identity: (record: T) => string,
    options: { keep?: 'first' | 'last'; secondKey?: (record: T) => string } = {},
  ): Promise<LedgerIndex<T>> {
    const byIdentity = new Map<string, LineSpan>();
    const bySecondKey = new Map<string, LineSpan>();
    let skipped = 0;
    for await (const { text, span } of jsonlLines(path)) {
      const record = parseJsonlLine(text, schema);
      if (record === undefined) {
        skipped += 1;
        continue;
      }
      const id = identity(record);
      if (options.keep === 'last' || !byIdentity.has(id)) byIdentity.set(id, span);
      if (options.secondKey) bySecondKey.set(options.secondKey(record), span);
    }
    return new LedgerIndex(path, schema, byIdentity, bySecondKey, skipped);
  }

  /** How many identities the ledger holds. */
  get size(): number {
    return this.byIdentity.size;
  }

  /** The record of an identity, read from disk; undefined when the ledger has none. */
  async get(id: string): Promise<T | undefined> {
    const span = this.byIdentity.get(id);
    return span === undefined ? undefined : readJsonlLineAt(this.path, span, this.schema);
  }

  /** The latest record with this second key, read from disk. */
  async getBySecondKey(key: string): Promise<T | undefined> {
    const span = this.bySecondKey.get(key);
    return span === undefined ? undefined : readJsonlLineAt(this.path, span, this.schema);
  }
}
