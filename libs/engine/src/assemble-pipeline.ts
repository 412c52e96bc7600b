import { checkGrounding, type Composer } from '@forge/composer';
import { checkPlan, ParamValidators, runPlan } from '@forge/plan';
import type { Planner } from '@forge/planner';
import { memoLookups, type ToolCaller } from '@forge/tools';
import type { Pipeline } from './pipeline.ts';

export interface PipelineParts {
  planner: Planner;
  composer: Composer;
  tools: ToolCaller & { inventorySha256(): string };
  snapshot: { snapshot_id: string; as_of: string };
  /** Where the tools answer from: snapshot or live. */
  backend: string;
  catalogSha256: string;
  /** Names the wiring, so a change in how parts are put together also changes the content-cache key. */
  wiring: string;
}

const LIVE_LOOKUP_MAX_AGE_MS = 60_000;

/** The generation pipeline from its parts: the real plan checker, runner and grounding check, and the provenance. */
export function assemblePipeline(parts: PipelineParts): Pipeline {
  const { planner, composer, tools } = parts;
  // One compile per tool schema for the whole run, not per plan (issue 14: the compiles blocked the event loop).
  const validators = new ParamValidators();
  return {
    planner,
    composer,
    // Planning lookups (market clock, name search, profiles) answered once per run; trace calls, which carry an
    // episode, pass through. A frozen snapshot never changes; live answers are kept a minute.
    tools: memoLookups(tools, parts.backend === 'snapshot' ? {} : { maxAgeMs: LIVE_LOOKUP_MAX_AGE_MS }),
    checkPlan: (plan, inventory, options) => checkPlan(plan, inventory, { ...options, validators }),
    runPlan: (plan, caller) => runPlan(plan, caller),
    checkGrounding: (reference, plan) => checkGrounding(reference, plan.final_answer_requirements.must_include),
    provenance: {
      planner: planner.id,
      composer: composer.id,
      model: planner.model,
      backend: parts.backend,
      snapshot_id: parts.snapshot.snapshot_id,
      as_of: parts.snapshot.as_of,
      inventory_sha256: tools.inventorySha256(),
      template_version: `${parts.wiring}/${planner.id}/${composer.id}`,
      catalog_sha256: parts.catalogSha256,
    },
  };
}
