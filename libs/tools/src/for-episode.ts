import type { ToolCaller, ToolCallOptions } from './tool-spec.ts';

/** The request `_meta` key carrying the episode id (the Slack server reads the same key). */
export const EPISODE_META_KEY = 'forge/episode';

/** A ToolCaller whose every call belongs to `episode` (unless a call names its own). */
export function forEpisode(caller: ToolCaller, episode: string): ToolCaller {
  return {
    inventory: () => caller.inventory(),
    call: (server: string, tool: string, args: Record<string, unknown>, options: ToolCallOptions = {}) =>
      caller.call(server, tool, args, { ...options, episode: options.episode ?? episode }),
  };
}

/** The request `_meta` for a call's options: `{ 'forge/episode': id }`, or nothing without an episode. */
export function callMeta(options: ToolCallOptions | undefined): Record<string, unknown> | undefined {
  return options?.episode ? { [EPISODE_META_KEY]: options.episode } : undefined;
}
