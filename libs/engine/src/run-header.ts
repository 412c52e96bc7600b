import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '@forge/files';
import { ComplexitySchema } from '@forge/catalog';
import { ProvenanceSchema } from './generation-record.ts';

/** `<out>/<complexity>.run.json`: which catalog and settings the ledger next to it belongs to. */
export const RunHeaderSchema = z.object({
  version: z.literal(1),
  run_id: z.string(),
  complexity: ComplexitySchema,
  catalog_sha256: z.string(),
  provenance: ProvenanceSchema,
  entries: z.number().int(),
  started_at: z.string(),
  finished_at: z.string().optional(),
  status: z.enum(['running', 'complete', 'interrupted']),
  counts: z.record(z.string(), z.number()).optional(),
});
export type RunHeader = z.infer<typeof RunHeaderSchema>;

/** The header, or undefined when absent or unreadable (then the run simply does not resume by default). */
export async function readRunHeader(path: string): Promise<RunHeader | undefined> {
  try {
    const parsed = RunHeaderSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRunHeader(path: string, header: RunHeader): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(header, null, 2)}\n`);
}
