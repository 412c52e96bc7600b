import type { SlackScope } from './slack-backend.ts';

/** The request `_meta` key a client sets to name the episode (sample) a tool call belongs to. */
export const EPISODE_META_KEY = 'forge/episode';
/** The request `_meta` key naming the call's step in its episode. */
export const STEP_META_KEY = 'forge/step';
/** The request `_meta` key carrying a post's idempotency key. */
export const IDEMPOTENCY_META_KEY = 'forge/idempotency-key';

/** Longest episode id accepted; longer (or non-string, or empty) values count as no episode. */
const MAX_EPISODE_CHARS = 512;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_EPISODE_CHARS;

/**
 * The scope of one tool call, from its request `_meta` (`{ 'forge/episode': id, 'forge/step': n,
 * 'forge/idempotency-key': key }`); each part absent when missing or malformed.
 */
export function scopeFromMeta(meta: Record<string, unknown> | undefined): SlackScope {
  const episode = meta?.[EPISODE_META_KEY];
  const step = meta?.[STEP_META_KEY];
  const key = meta?.[IDEMPOTENCY_META_KEY];
  return {
    ...(isId(episode) ? { episode } : {}),
    ...(isId(episode) && Number.isSafeInteger(step) && (step as number) >= 0 ? { step: step as number } : {}),
    ...(isId(key) ? { idempotencyKey: key } : {}),
  };
}
