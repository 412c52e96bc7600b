import { ForgeError, type ErrorContext } from '@forge/errors';

/** A snapshot folder that is missing, malformed or internally inconsistent. */
export class SnapshotError extends ForgeError {}

/** A symbol the snapshot does not cover; tools surface the message verbatim as an `isError` result. */
export class UnknownSymbolError extends ForgeError {
  readonly symbol: string;
  readonly snapshotId: string;

  constructor(symbol: string, snapshotId: string, context: Omit<ErrorContext, 'problem'> = {}) {
    super(
      { ...context, field: context.field ?? 'symbol', problem: 'unknown symbol', received: symbol },
      `unknown symbol ${symbol} in snapshot ${snapshotId}`,
    );
    this.symbol = symbol;
    this.snapshotId = snapshotId;
  }
}
