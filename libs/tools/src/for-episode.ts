import { createHash } from 'node:crypto';
import type { ToolCaller, ToolCallOptions } from './tool-spec.ts';

/** The request `_meta` key carrying the episode id (the Slack server reads the same key). */
export const EPISODE_META_KEY = 'forge/episode';
/** The request `_meta` key carrying the call's step index in its episode. */
export const STEP_META_KEY = 'forge/step';
/** The request `_meta` key carrying a write's idempotency key (issue 19 item 3). */
export const IDEMPOTENCY_META_KEY = 'forge/idempotency-key';

/**
 * A ToolCaller whose every call belongs to `episode` (unless a call names its own) and is numbered in call order from 0
 * (unless it names its step). One caller per attempt of a plan: a repeat numbers its calls the same way, so its writes
 * carry the same idempotency keys.
 */
export function forEpisode(caller: ToolCaller, episode: string): ToolCaller {
  let next = 0;
  return {
    inventory: () => caller.inventory(),
    call: (server: string, tool: string, args: Record<string, unknown>, options: ToolCallOptions = {}) => {
      const step = options.step ?? next;
      next = step + 1;
      return caller.call(server, tool, args, { ...options, episode: options.episode ?? episode, step });
    },
  };
}

/** JSON with object keys sorted, so equal arguments hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/**
 * The idempotency key of one write: `<sha(episode)>-s<step>-<sha(server.tool + arguments)>` (the arguments hold the
 * text). The same sample posting the same text at the same step gets the same key in any attempt, resume or run.
 */
export function idempotencyKey(call: { episode: string; step: number; server: string; tool: string; args: Record<string, unknown> }): string {
  return `${sha(call.episode)}-s${call.step}-${sha(`${call.server}.${call.tool} ${canonicalJson(call.args)}`)}`;
}

/** The request `_meta` for a call: episode, step and (for a write) its idempotency key; nothing without an episode. */
export function callMeta(options: ToolCallOptions | undefined, key?: string): Record<string, unknown> | undefined {
  if (!options?.episode) return undefined;
  return {
    [EPISODE_META_KEY]: options.episode,
    ...(options.step !== undefined ? { [STEP_META_KEY]: options.step } : {}),
    ...(key ? { [IDEMPOTENCY_META_KEY]: key } : {}),
  };
}
