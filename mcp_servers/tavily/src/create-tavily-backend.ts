import { loadSnapshot } from '@forge/snapshot';
import { createLiveTavilyBackend } from './live-tavily-backend.ts';
import { createSnapshotTavilyBackend } from './snapshot-tavily-backend.ts';
import type { TavilyBackend } from './tavily-backend.ts';

export interface TavilyBackendOptions {
  backend: 'snapshot' | 'live';
  snapshotDir: string;
  env: Record<string, string | undefined>;
}

/** Picks and builds the backend an entry asked for (`TAVILY_API_KEY`, optional `TAVILY_BASE_URL` for live). */
export async function createTavilyBackend(options: TavilyBackendOptions): Promise<TavilyBackend> {
  if (options.backend === 'live') return createLiveTavilyBackend({ apiKey: options.env.TAVILY_API_KEY, baseUrl: options.env.TAVILY_BASE_URL });
  return createSnapshotTavilyBackend(await loadSnapshot(options.snapshotDir));
}
