import type { Entry } from '@forge/catalog';
import type { Plan, Trace } from '@forge/plan';
import type { CallBudget, TokenUsage } from '@forge/planner';
import type { Reference } from './reference.ts';

/** Per-call context a model composer honours; template composers ignore it. */
export interface ComposeOptions {
  /** The prompt's model-call budget (deadline, 429 allowance, stop signal), shared with its planning calls. */
  budget?: CallBudget;
}

export interface ComposeOutcome {
  reference: Reference;
  usage: TokenUsage[];
}

/** Writes the reference answer strictly from the facts a trace holds. */
export interface Composer {
  readonly id: string;
  compose(entry: Entry, plan: Plan, trace: Trace, options?: ComposeOptions): Promise<ComposeOutcome>;
}
