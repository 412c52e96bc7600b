import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateComposer } from '@forge/composer';
import { assemblePipeline, type Pipeline } from '@forge/engine';
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
  return assemblePipeline({
    planner,
    composer: new TemplateComposer(),
    tools: options.tools,
    snapshot: meta,
    backend: 'snapshot',
    catalogSha256: options.catalogSha256,
    wiring: 'bench',
  });
}
