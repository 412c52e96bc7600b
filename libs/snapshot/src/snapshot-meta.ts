import { z } from 'zod';

/** `meta.json`: what this snapshot is, when "now" is, and whether its numbers are synthetic. */
export const SnapshotMetaSchema = z.object({
  snapshot_id: z.string().min(1),
  as_of: z.iso.datetime({ offset: true }),
  synthetic: z.boolean(),
  seed: z.number().int(),
  universe: z.array(z.string().min(1)).min(1),
  generator: z.string(),
  /** Sessions averaged for `avgVolume` (the sessions before as_of, excluding it). */
  avg_volume_sessions: z.number().int().positive(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;
