import type { SlackChannel } from './slack-backend.ts';

/** Finds a channel by '#name', 'name' (case-insensitive) or id; undefined when there is none. */
export function findChannel(channels: SlackChannel[], reference: string): SlackChannel | undefined {
  const trimmed = reference.trim();
  const byId = channels.find((channel) => channel.id === trimmed);
  if (byId) return byId;
  const name = trimmed.replace(/^#/, '').toLowerCase();
  return channels.find((channel) => channel.name.toLowerCase() === name);
}
