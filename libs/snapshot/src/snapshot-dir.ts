import { join } from 'node:path';

/** The snapshot every server serves unless told otherwise. */
export const DEFAULT_SNAPSHOT_ID = 'synthetic-2026-11-25';

/** `<root>/data/snapshot/<id>`, where a snapshot's files live in the workspace. */
export function snapshotDir(root: string, id: string = DEFAULT_SNAPSHOT_ID): string {
  return join(root, 'data', 'snapshot', id);
}
