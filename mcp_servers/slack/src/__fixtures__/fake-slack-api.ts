import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredMessage {
  ts: string;
  user: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeSlackApi {
  /** Base URL for SLACK_API_BASE_URL, e.g. http://127.0.0.1:PORT/api. */
  baseUrl: string;
  /** Messages chat.postMessage stored, per channel id. */
  posts(channelId: string): StoredMessage[];
  /** Requests received, by method. */
  calls(method: string): number;
  /** The next `count` chat.postMessage calls store their message, then close the socket without a reply. */
  dropPostReplies(count: number): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

/**
 * A stand-in Slack Web API on 127.0.0.1:0 with state: conversations.list, chat.postMessage (keeps `metadata`) and
 * conversations.history (newest first; `metadata` only with include_all_metadata, as Slack does).
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const channels = [
    { id: 'C111', name: 'general', topic: { value: 'all hands' }, num_members: 5 },
    { id: 'C222', name: 'research', topic: { value: 'notes' }, num_members: 3 },
  ];
  const messages = new Map<string, StoredMessage[]>(channels.map((channel) => [channel.id, []]));
  const counts = new Map<string, number>();
  let drops = 0;
  let clock = 1_764_106_200_000_100;
  const server = createServer(async (request, response) => {
    const method = (request.url ?? '').replace(/^\/api\//, '');
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const body = await readBody(request);
    const reply = (value: Record<string, unknown>) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (method === 'conversations.list') return reply({ ok: true, channels });
    const stored = messages.get(String(body.channel));
    if (!stored) return reply({ ok: false, error: 'channel_not_found' });
    if (method === 'chat.postMessage') {
      clock += 100;
      const text = String(clock);
      const message: StoredMessage = { ts: `${text.slice(0, 10)}.${text.slice(10)}`, user: 'UBOT', text: String(body.text) };
      if (body.metadata && typeof body.metadata === 'object') message.metadata = body.metadata as StoredMessage['metadata'];
      stored.push(message);
      if (drops > 0) {
        drops -= 1;
        request.socket.destroy();
        return;
      }
      return reply({ ok: true, channel: body.channel, ts: message.ts, message: { user: message.user, text: message.text } });
    }
    if (method === 'conversations.history') {
      const limit = Number(body.limit ?? 100);
      const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
      const newestFirst = [...stored].reverse().slice(0, limit).map(({ metadata, ...rest }) => (withMetadata && metadata ? { ...rest, metadata } : rest));
      return reply({ ok: true, messages: newestFirst });
    }
    return reply({ ok: false, error: 'unknown_method' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    posts: (channelId) => [...(messages.get(channelId) ?? [])],
    calls: (method) => counts.get(method) ?? 0,
    dropPostReplies: (count) => {
      drops = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
