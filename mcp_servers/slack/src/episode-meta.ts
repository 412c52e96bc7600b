import type { SlackScope } from './slack-backend.ts';

/** The request `_meta` key a client sets to name the episode (sample) a tool call belongs to. */
export const EPISODE_META_KEY = 'forge/episode';

/** Longest episode id accepted; longer (or non-string, or empty) values count as no episode. */
const MAX_EPISODE_CHARS = 512;

/** The scope of one tool call, from its request `_meta` (`{ 'forge/episode': id }`); no episode when absent. */
export function scopeFromMeta(meta: Record<string, unknown> | undefined): SlackScope {
  const episode = meta?.[EPISODE_META_KEY];
  if (typeof episode !== 'string' || episode.length === 0 || episode.length > MAX_EPISODE_CHARS) return {};
  return { episode };
}
