import { z } from 'zod';

const CountsSchema = z.object({
  records: z.number().int().describe('sample records plus failed prompts'),
  accepted: z.number().int(),
  rejected: z.number().int(),
  failed: z.number().int(),
});

const FileEntrySchema = z.object({ path: z.string(), sha256: z.string().nullable(), bytes: z.number().int(), rows: z.number().int().optional() });

const LatencySchema = z.object({ p50: z.number(), p90: z.number(), p99: z.number(), max: z.number(), mean: z.number() });

/** data/processed/manifest.json: what a packaged run holds, where it came from, and what it cost. */
export const ManifestSchema = z.object({
  manifest_version: z.literal(1),
  created_at: z.string(),
  inputs: z.object({
    catalog_sha256: z.array(z.string()).describe('catalog hashes the records name (one for a clean run)'),
    prompts_file: z.object({ path: z.string(), sha256: z.string().nullable() }),
    shards: z.record(z.string(), z.object({ samples: FileEntrySchema, failures: FileEntrySchema })),
    problems: z.array(z.object({ file: z.string(), line: z.number().int(), problem: z.string(), message: z.string() })),
  }),
  snapshot: z.object({ snapshot_ids: z.array(z.string()), as_of: z.array(z.string()) }),
  generator: z.object({ planners: z.array(z.string()), composers: z.array(z.string()), models: z.array(z.string()), backends: z.array(z.string()) }),
  counts: z.object({ total: CountsSchema, by_complexity: z.record(z.string(), CountsSchema) }),
  rejection_reasons: z.record(z.string(), z.number().int()),
  failure_reasons: z.record(z.string(), z.number().int()),
  rejected: z.array(z.object({ sample_id: z.string().nullable(), prompt_id: z.string(), complexity: z.string(), reasons: z.array(z.string()) })),
  failed: z.array(z.object({ prompt_id: z.string(), complexity: z.string(), stage: z.string(), reason: z.string() })),
  tools: z.record(z.string(), z.object({ calls: z.number().int(), errors: z.number().int(), accepted: z.number().int(), latency_ms: LatencySchema })),
  token_usage: z.object({
    prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int(), calls: z.number().int(),
    estimated_cost_usd: z.number().nullable().describe('null when no price per million tokens was given'),
    price_per_million_usd: z.object({ input: z.number(), output: z.number() }).nullable(),
  }),
  prompt_tokens: z.object({
    encoding: z.string(), max_prompt_tokens: z.number().int(), rows: z.number().int(),
    min: z.number().int().nullable(), median: z.number().int().nullable(), p95: z.number().int().nullable(), max: z.number().int().nullable(),
  }).describe('prompt length (system + user, chat template included) of the packaged rows; null figures when none'),
  replay: z.object({
    replayed: z.number().int(),
    full: z.number().int().describe('rows whose oracle replay accepted every step with coverage and grounding 1'),
    mean_coverage: z.number().nullable(),
    mean_grounding: z.number().nullable(),
    mean_step_reward: z.number().nullable(),
    heuristic_histogram: z.record(z.string(), z.number().int()).describe('final-answer heuristic of the replayed rows, in tenths ("0.9-1.0" excludes 1, "1.0" is the full score)'),
  }).describe('the oracle replay (the sample\'s own plan and answer, scored with the environment\'s semantics); null figures when nothing was replayed'),
  durations_ms: z.object({ plan: z.number(), run: z.number(), compose: z.number(), total: z.number(), package: z.number() }),
  outputs: z.record(z.string(), FileEntrySchema).describe('packaged files, paths relative to the package directory'),
  versions: z.record(z.string(), z.string()),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The manifest's published JSON Schema text, generated from ManifestSchema. */
export function manifestJsonSchemaText(): string {
  const schema = z.toJSONSchema(ManifestSchema, { target: 'draft-7', io: 'output' });
  return `${JSON.stringify({ ...schema, title: 'curriculum-forge package manifest' }, null, 2)}\n`;
}
