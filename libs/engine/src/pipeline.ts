import type { Complexity } from '@forge/catalog';
import type { Plan, PlanIssue, Trace } from '@forge/plan';
import type { Planner } from '@forge/planner';
import type { Composer, GroundingReport, Reference } from '@forge/composer';
import type { ToolCaller, ToolSpec } from '@forge/tools';
import type { Provenance } from './generation-record.ts';

/**
 * The parts runShard drives for each entry. Injected: the CLI wires the real planner, composer, ToolHub and plan
 * functions; tests pass small fakes.
 */
export interface Pipeline {
  planner: Planner;
  composer: Composer;
  tools: ToolCaller;
  checkPlan(plan: Plan, inventory: ToolSpec[], options: { complexity: Complexity }): PlanIssue[] | Promise<PlanIssue[]>;
  runPlan(plan: Plan, tools: ToolCaller): Promise<Trace>;
  checkGrounding(reference: Reference, plan: Plan): GroundingReport | Promise<GroundingReport>;
  provenance: Provenance;
}
