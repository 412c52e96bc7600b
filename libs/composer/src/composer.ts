import type { Entry } from '@forge/catalog';
import type { Plan, Trace } from '@forge/plan';
import type { TokenUsage } from '@forge/planner';
import type { Reference } from './reference.ts';

export interface ComposeOutcome {
  reference: Reference;
  usage: TokenUsage[];
}

/** Writes the reference answer strictly from the facts a trace holds. */
export interface Composer {
  readonly id: string;
  compose(entry: Entry, plan: Plan, trace: Trace): Promise<ComposeOutcome>;
}
