import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateComposer, checkGrounding } from '@forge/composer';
import type { Pipeline } from '@forge/engine';
import { checkPlan, runPlan } from '@forge/plan';
import { RulePlanner, type Planner } from '@forge/planner';
import { DEFAULT_SNAPSHOT_ID, SnapshotMetaSchema, snapshotDir } from '@forge/snapshot';
import type { ToolHub } from '@forge/tools';

export interface BuildPipelineOptions {
  root: string;
  tools: ToolHub;
  catalogSha256: string;
  /** Defaults to the offline RulePlanner. */
  planner?: Planner;
}

/**
 * The generate pipeline as `forge generate` wires it offline (apps/cli wireGeneratePipeline), with the planner
 * swappable and the composer always the offline template one, so a benchmark times only what it means to.
 */
export async function buildPipeline(options: BuildPipelineOptions): Promise<Pipeline> {
  const meta = SnapshotMetaSchema.parse(JSON.parse(await readFile(join(snapshotDir(options.root, DEFAULT_SNAPSHOT_ID), 'meta.json'), 'utf8')));
  const planner = options.planner ?? new RulePlanner();
  const composer = new TemplateComposer();
  return {
    planner,
    composer,
    tools: options.tools,
    checkPlan: (plan, inventory, checkOptions) => checkPlan(plan, inventory, checkOptions),
    runPlan: (plan, caller) => runPlan(plan, caller),
    checkGrounding: (reference, plan) => checkGrounding(reference, plan.final_answer_requirements.must_include),
    provenance: {
      planner: planner.id,
      composer: composer.id,
      model: planner.model,
      backend: 'snapshot',
      snapshot_id: meta.snapshot_id,
      as_of: meta.as_of,
      inventory_sha256: options.tools.inventorySha256(),
      template_version: `bench/${planner.id}/${composer.id}`,
      catalog_sha256: options.catalogSha256,
    },
  };
}
