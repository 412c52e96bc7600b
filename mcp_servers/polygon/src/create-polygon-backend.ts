import { loadSnapshot } from '@forge/snapshot';
import { createLivePolygonBackend } from './live-polygon-backend.ts';
import type { PolygonBackend } from './polygon-backend.ts';
import { createSnapshotPolygonBackend } from './snapshot-polygon-backend.ts';

export interface PolygonBackendOptions {
  backend: 'snapshot' | 'live';
  snapshotDir: string;
  env: Record<string, string | undefined>;
}

/** Picks and builds the backend an entry asked for (`POLYGON_API_KEY`, optional `POLYGON_BASE_URL` for live). */
export async function createPolygonBackend(options: PolygonBackendOptions): Promise<PolygonBackend> {
  if (options.backend === 'live') return createLivePolygonBackend({ apiKey: options.env.POLYGON_API_KEY, baseUrl: options.env.POLYGON_BASE_URL });
  return createSnapshotPolygonBackend(await loadSnapshot(options.snapshotDir));
}
