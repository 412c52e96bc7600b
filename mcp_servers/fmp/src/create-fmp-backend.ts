import { loadSnapshot } from '@forge/snapshot';
import type { FmpBackend } from './fmp-backend.ts';
import { createLiveFmpBackend } from './live-fmp-backend.ts';
import { createSnapshotFmpBackend } from './snapshot-fmp-backend.ts';

export interface FmpBackendOptions {
  backend: 'snapshot' | 'live';
  snapshotDir: string;
  env: Record<string, string | undefined>;
}

/** Picks and builds the backend an entry asked for (`FMP_API_KEY`, optional `FMP_BASE_URL` for live). */
export async function createFmpBackend(options: FmpBackendOptions): Promise<FmpBackend> {
  if (options.backend === 'live') return createLiveFmpBackend({ apiKey: options.env.FMP_API_KEY, baseUrl: options.env.FMP_BASE_URL });
  return createSnapshotFmpBackend(await loadSnapshot(options.snapshotDir));
}
