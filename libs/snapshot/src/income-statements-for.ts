import type { IncomeStatement } from './income-statement.ts';
import { requireProfile } from './require-symbol.ts';
import type { Snapshot } from './snapshot.ts';

/** A symbol's statements for a period, newest first; ETFs give an empty list, unknown symbols throw. */
export function incomeStatementsFor(snapshot: Snapshot, symbol: string, period: 'annual' | 'quarter', limit: number): IncomeStatement[] {
  const profile = requireProfile(snapshot, symbol);
  return (snapshot.income.get(profile.symbol)?.[period] ?? []).slice(0, limit);
}
