import type { Complexity } from '@forge/catalog';
import type { PlanLimits } from '@forge/planner';

/**
 * Tool calls a plan may make per level: the checker's typical ranges (simple 2–4, moderate 4–8, complex 7–16) with
 * room above the small ones, so "which of these four ETFs did best?" labelled easy still fits its ranking step.
 */
const MAX_TOOLS: Record<Complexity, number> = { simple: 6, moderate: 10, complex: 16 };

/** Plan limits for a shard: the configured ones, or per complexity so complex plans fit; a turn per call plus the answer and one spare. */
export function planLimitsFor(complexity: Complexity, configured: { maxTools?: number; maxTurns?: number }): PlanLimits {
  const max_tools = configured.maxTools ?? MAX_TOOLS[complexity];
  return { max_tools, max_turns: configured.maxTurns ?? max_tools + 2 };
}
