import { z } from 'zod';
import { findChannel } from './find-channel.ts';
import type { SlackBackend, SlackChannel } from './slack-backend.ts';
import { SlackApiError, UnknownChannelError } from './slack-error.ts';

export interface SlackApiBackendOptions {
  token: string;
  /** Default https://slack.com/api; tests point it at a fake on 127.0.0.1. */
  baseUrl?: string;
  timeoutMs?: number;
}

const ApiChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.object({ value: z.string() }).partial().optional(),
  num_members: z.number().optional(),
});
const ListReplySchema = z.object({ channels: z.array(ApiChannelSchema) });
const PostReplySchema = z.object({ channel: z.string(), ts: z.string(), message: z.object({ user: z.string().optional(), text: z.string().optional() }).partial().optional() });
const HistoryReplySchema = z.object({
  messages: z.array(z.object({ ts: z.string(), user: z.string().optional(), bot_id: z.string().optional(), text: z.string().optional() })),
});

// Slack answers errors with HTTP 200 and {ok: false, error}; these codes mean "try again later".
const RETRYABLE_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** The live backend over the Slack Web API (conversations.list, chat.postMessage, conversations.history). */
export function createSlackApiBackend(options: SlackApiBackendOptions): SlackBackend {
  const baseUrl = (options.baseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const workspace = `Slack workspace at ${baseUrl}`;

  async function call<T>(method: string, schema: z.ZodType<T>, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new SlackApiError({ method, slackError: error instanceof Error ? error.message : String(error), retryable: true, cause: error });
    }
    const payload = (await response.json().catch(() => undefined)) as { ok?: boolean; error?: string } | undefined;
    if (!response.ok || !payload?.ok) {
      const slackError = payload?.error ?? `HTTP ${response.status}`;
      if (slackError === 'channel_not_found') throw new UnknownChannelError(String(body.channel), workspace);
      throw new SlackApiError({ method, slackError, retryable: response.status === 429 || response.status >= 500 || RETRYABLE_ERRORS.has(slackError) });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new SlackApiError({ method, slackError: `unexpected reply: ${parsed.error.issues[0]?.message}`, retryable: false });
    return parsed.data;
  }

  async function listChannels(): Promise<SlackChannel[]> {
    const reply = await call('conversations.list', ListReplySchema, { limit: 1000, exclude_archived: true });
    return reply.channels.map((channel) => ({
      id: channel.id,
      name: channel.name,
      topic: channel.topic?.value ?? '',
      num_members: channel.num_members ?? 0,
    }));
  }

  async function resolve(reference: string): Promise<SlackChannel> {
    const channel = findChannel(await listChannels(), reference);
    if (!channel) throw new UnknownChannelError(reference, workspace);
    return channel;
  }

  return {
    listChannels,
    async postMessage(reference, text) {
      const channel = await resolve(reference);
      const reply = await call('chat.postMessage', PostReplySchema, { channel: channel.id, text });
      return { channel, message: { ts: reply.ts, user: reply.message?.user ?? '', text: reply.message?.text ?? text } };
    },
    async history(reference, limit) {
      const channel = await resolve(reference);
      const reply = await call('conversations.history', HistoryReplySchema, { channel: channel.id, limit });
      const messages = reply.messages.map((message) => ({ ts: message.ts, user: message.user ?? message.bot_id ?? '', text: message.text ?? '' }));
      return { channel, messages: messages.slice(0, limit) };
    },
  };
}
