/** What became of one entry of a shard run. */
export type SettledStatus = 'sample' | 'failed';

const CODES: Record<SettledStatus, number> = { sample: 1, failed: 2 };

/**
 * Which entries of a shard have settled, and how: one byte an entry. The records themselves stay in the ledgers
 * (compaction reads them back), so a 10,000-entry shard no longer holds 10,000 traces in memory (issue 19 item 11).
 */
export class SettledOutcomes {
  private readonly codes: Uint8Array;

  constructor(readonly size: number) {
    this.codes = new Uint8Array(size);
  }

  set(index: number, status: SettledStatus): void {
    this.codes[index] = CODES[status];
  }

  has(index: number): boolean {
    return this.codes[index] !== 0;
  }

  statusOf(index: number): SettledStatus | undefined {
    const code = this.codes[index];
    return code === CODES.sample ? 'sample' : code === CODES.failed ? 'failed' : undefined;
  }

  /** Entries with no outcome (an interrupted run). */
  notDone(): number {
    let count = 0;
    for (const code of this.codes) if (code === 0) count += 1;
    return count;
  }
}
