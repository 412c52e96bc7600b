import { z } from 'zod';
import { findChannel } from './find-channel.ts';
import type { SlackBackend, SlackChannel, SlackMessage, SlackScope } from './slack-backend.ts';
import { SlackApiError, UnknownChannelError } from './slack-error.ts';

export interface SlackApiBackendOptions {
  token: string;
  /** Default https://slack.com/api; tests point it at a fake on 127.0.0.1. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Posts tried per idempotency key after a retryable failure (each after a history look-up); default 3. */
  postAttempts?: number;
  /** Messages of a channel's history searched for an idempotency key; default 200. */
  historyWindow?: number;
}

/** The Slack message `metadata.event_type` of forge's posts; the payload carries `idempotency_key` and `episode`. */
export const POST_EVENT_TYPE = 'forge_post';

const MetadataSchema = z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }).partial();

const ApiChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.object({ value: z.string() }).partial().optional(),
  num_members: z.number().optional(),
});
const ListReplySchema = z.object({ channels: z.array(ApiChannelSchema) });
const PostReplySchema = z.object({ channel: z.string(), ts: z.string(), message: z.object({ user: z.string().optional(), text: z.string().optional() }).partial().optional() });
const HistoryReplySchema = z.object({
  messages: z.array(z.object({ ts: z.string(), user: z.string().optional(), bot_id: z.string().optional(), text: z.string().optional(), metadata: MetadataSchema.optional() })),
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

  const post = async (channel: SlackChannel, text: string, metadata?: Record<string, unknown>): Promise<SlackMessage> => {
    const reply = await call('chat.postMessage', PostReplySchema, { channel: channel.id, text, ...(metadata ? { metadata } : {}) });
    return { ts: reply.ts, user: reply.message?.user ?? '', text: reply.message?.text ?? text };
  };

  /** The message of the channel's recent history whose metadata carries this idempotency key, if any. */
  const findPosted = async (channel: SlackChannel, key: string): Promise<SlackMessage | undefined> => {
    const reply = await call('conversations.history', HistoryReplySchema, { channel: channel.id, limit: options.historyWindow ?? 200, include_all_metadata: true });
    const found = reply.messages.find((message) => message.metadata?.event_type === POST_EVENT_TYPE && message.metadata.event_payload?.idempotency_key === key);
    return found && { ts: found.ts, user: found.user ?? found.bot_id ?? '', text: found.text ?? '' };
  };

  // Keys acknowledged by this process: a repeat is answered without asking Slack.
  const acknowledged = new Map<string, { channel: SlackChannel; message: SlackMessage }>();

  /**
   * Exactly once for a keyed post: the key travels as message metadata; before the first post (a resumed run, another
   * process) and before every retry (the reply to a post that happened may be what was lost) the channel's recent
   * history is searched for it, and a message found is returned instead of posting again.
   */
  const postOnce = async (channel: SlackChannel, text: string, scope: SlackScope & { idempotencyKey: string }) => {
    const key = scope.idempotencyKey;
    const known = acknowledged.get(key);
    if (known) return known;
    const metadata = { event_type: POST_EVENT_TYPE, event_payload: { idempotency_key: key, ...(scope.episode ? { episode: scope.episode } : {}) } };
    const attempts = options.postAttempts ?? 3;
    for (let attempt = 1; ; attempt += 1) {
      const found = await findPosted(channel, key);
      const message = found ?? (await post(channel, text, metadata).catch((error: unknown) => {
        if (error instanceof SlackApiError && error.isRetryable && attempt < attempts) return undefined;
        throw error;
      }));
      if (message) {
        const result = { channel, message };
        acknowledged.set(key, result);
        return result;
      }
    }
  };

  return {
    listChannels,
    async postMessage(reference, text, scope?: SlackScope) {
      const channel = await resolve(reference);
      if (scope?.idempotencyKey) return postOnce(channel, text, { ...scope, idempotencyKey: scope.idempotencyKey });
      return { channel, message: await post(channel, text) };
    },
    async history(reference, limit) {
      const channel = await resolve(reference);
      const reply = await call('conversations.history', HistoryReplySchema, { channel: channel.id, limit });
      const messages = reply.messages.map((message) => ({ ts: message.ts, user: message.user ?? message.bot_id ?? '', text: message.text ?? '' }));
      return { channel, messages: messages.slice(0, limit) };
    },
  };
}
