import { join } from 'node:path';

/**
 * The folder of the snapshot every server serves unless told otherwise. Its meta.json `snapshot_id` names the
 * content revision (synthetic-2026-11-25-r2 since issue 13) and may differ from the folder name.
 */
export const DEFAULT_SNAPSHOT_ID = 'synthetic-2026-11-25';

/** `<root>/data/snapshot/<id>`, where a snapshot's files live in the workspace. */
export function snapshotDir(root: string, id: string = DEFAULT_SNAPSHOT_ID): string {
  return join(root, 'data', 'snapshot', id);
}
