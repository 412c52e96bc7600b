import { z } from 'zod';

export const SlackChannelSchema = z.object({
  id: z.string().describe('channel id, e.g. C0RESEARCH'),
  name: z.string().describe('channel name without #'),
  topic: z.string().describe('channel topic'),
  num_members: z.number().int().nonnegative().describe('members in the channel'),
});
export type SlackChannel = z.infer<typeof SlackChannelSchema>;

export const SlackMessageSchema = z.object({
  ts: z.string().describe('Slack timestamp "seconds.micros", unique per channel'),
  user: z.string().describe('author user id'),
  text: z.string().describe('message text'),
});
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

/**
 * Whose world a call acts in. With an episode (one sample of a run), the snapshot backend shows the seed workspace plus
 * that episode's own posts only; without one, every caller shares one workspace. The live backend ignores it.
 */
export interface SlackScope {
  episode?: string;
  /** The call's step in its episode: a read sees the episode's own posts of earlier steps only (a resumed episode). */
  step?: number;
  /**
   * A post's idempotency key: a key the backend has seen returns the message posted for it, nothing is posted again
   * (the snapshot keeps keys with the posts; the live backend sends it as Slack message metadata).
   */
  idempotencyKey?: string;
}

/** Where Slack answers come from: the durable local workspace or the Slack Web API. */
export interface SlackBackend {
  listChannels(): Promise<SlackChannel[]>;
  /** Posts to a channel given as '#name', 'name' or an id; throws UnknownChannelError. */
  postMessage(channel: string, text: string, scope?: SlackScope): Promise<{ channel: SlackChannel; message: SlackMessage }>;
  /** Newest first, at most `limit`; throws UnknownChannelError. */
  history(channel: string, limit: number, scope?: SlackScope): Promise<{ channel: SlackChannel; messages: SlackMessage[] }>;
}
