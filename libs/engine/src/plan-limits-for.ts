import type { Complexity } from '@forge/catalog';
import type { PlanLimits } from '@forge/planner';

/** Upper step counts per level, as the plan checker's ranges (simple 2–4, moderate 4–8, complex 7–16). */
const MAX_TOOLS: Record<Complexity, number> = { simple: 4, moderate: 8, complex: 16 };

/** Plan limits for a shard: the configured ones, or per complexity so complex plans fit; a turn per call plus the answer and one spare. */
export function planLimitsFor(complexity: Complexity, configured: { maxTools?: number; maxTurns?: number }): PlanLimits {
  const max_tools = configured.maxTools ?? MAX_TOOLS[complexity];
  return { max_tools, max_turns: configured.maxTurns ?? max_tools + 2 };
}
