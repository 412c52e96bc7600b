import { z } from 'zod';
import { COMPLEXITIES, ComplexitySchema, MAX_CHUNKS } from '@forge/catalog';

/** The plugin's options in nx.json: the few facts the whole dataset playbook is inferred from (docs/playbook.md). */
export const PlaybookOptionsSchema = z.object({
  catalog: z.string().min(1).default('data/inputs/catalog.json').describe('catalog prepare-prompts reads when PROMPT_FILE is not set'),
  chunks: z.number().int().min(1).max(MAX_CHUNKS).default(4).describe('chunks per complexity: one cached generate target each'),
  labels: z.array(ComplexitySchema).min(1).default([...COMPLEXITIES]).describe('the complexities to generate, in package order'),
  dataDir: z.string().min(1).default('data').describe('root of inputs/, shards/, generated/, validation/ and processed/'),
}).strict();
export type PlaybookOptions = z.infer<typeof PlaybookOptionsSchema>;

/** Parses the nx.json options; throws an Error naming each bad field, which Nx shows as the plugin's load error. */
export function parsePlaybookOptions(value: unknown): PlaybookOptions {
  const parsed = PlaybookOptionsSchema.safeParse(value ?? {});
  if (parsed.success) {
    if (new Set(parsed.data.labels).size !== parsed.data.labels.length) throw new Error(`nx.json plugin ./tools/nx-plugin: labels repeat a complexity: ${parsed.data.labels.join(', ')}`);
    return parsed.data;
  }
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`);
  throw new Error(`nx.json plugin ./tools/nx-plugin: bad options (${problems.join('; ')}). See docs/playbook.md, "Chunk config".`);
}
