import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FakeOpenAI,
  FakeOpenAIOptions,
  FakeReply,
  FakeScript,
  FakeUsage,
  RecordedRequest,
} from './fake-reply.ts';
import { renderChatChunks, renderChatCompletion, renderResponse } from './render-completion.ts';
import { createRpmWindow } from './rpm-window.ts';

const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 120, completion_tokens: 80 };

type Endpoint = 'chat' | 'responses';

function endpointOf(method: string, path: string): Endpoint | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v1/chat/completions' || path === '/chat/completions') return 'chat';
  if (path === '/v1/responses' || path === '/responses') return 'responses';
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function recordHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    // The key must never be kept: recordings end up in test output and benchmark logs.
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function asksForJsonSchema(endpoint: Endpoint, body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, any>;
  if (endpoint === 'chat') return record.response_format?.type === 'json_schema';
  return record.text?.format?.type === 'json_schema';
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

/**
 * Starts an OpenAI-compatible server on 127.0.0.1 (ephemeral port) that answers each model call from the
 * script and records every request; `close()` also drops hanging connections.
 */
export async function startFakeOpenAI(script: FakeScript, options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const rpmWindow = options.rpm !== undefined ? createRpmWindow(options.rpm, options.now ?? Date.now) : undefined;
  let scripted = 0;
  let nextId = 0;

  const later = (ms: number, action: () => void) => {
    if (ms <= 0) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const pickReply = (record: RecordedRequest): FakeReply | undefined => {
    const index = scripted++;
    if (typeof script === 'function') return script(record, index);
    return script[index];
  };

  const answer = (endpoint: Endpoint, record: RecordedRequest, reply: FakeReply, response: ServerResponse) => {
    if (reply.type === 'hang') return;
    const delay = reply.latencyMs ?? options.latencyMs ?? 0;
    later(delay, () => {
      if (response.destroyed) return;
      if (reply.type === 'rate-limit') {
        const headers: Record<string, string> = {};
        if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
        if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
        return sendJson(response, 429, errorBody('Rate limit reached (fake)', 'requests', 'rate_limit_exceeded'), headers);
      }
      if (reply.type === 'error') {
        const body = reply.body ?? errorBody(reply.message ?? `fake error ${reply.status}`, 'server_error', null);
        return sendJson(response, reply.status, body, reply.headers);
      }
      const content = reply.type === 'json' ? JSON.stringify(reply.body) : reply.type === 'content' ? reply.content : '';
      const body = (record.body ?? {}) as Record<string, any>;
      const usage = reply.usage !== undefined ? reply.usage : options.usage !== undefined ? options.usage : DEFAULT_USAGE;
      const completion = {
        id: `fake-${++nextId}`,
        model: typeof body.model === 'string' ? body.model : (options.model ?? 'fake-model'),
        content,
        usage,
        created: Math.floor(Date.now() / 1000),
      };
      if (reply.type === 'empty-choices') {
        const full = endpoint === 'responses' ? renderResponse(completion) : renderChatCompletion(completion);
        return sendJson(response, 200, endpoint === 'responses' ? { ...full, output: [] } : { ...full, choices: [] });
      }
      if (endpoint === 'responses') return sendJson(response, 200, renderResponse(completion));
      if (body.stream === true) {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const frame of renderChatChunks(completion, body.stream_options?.include_usage === true)) {
          response.write(frame);
        }
        return response.end();
      }
      sendJson(response, 200, renderChatCompletion(completion));
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const record: RecordedRequest = {
      index: requests.length,
      method,
      path,
      headers: recordHeaders(request),
      hasAuthorization: request.headers.authorization !== undefined,
      body: await readBody(request),
      outcome: 'not-found',
    };
    requests.push(record);
    const endpoint = endpointOf(method, path);
    if (!endpoint) {
      return sendJson(response, 404, errorBody(`no route ${method} ${path}`, 'invalid_request_error', 'not_found'));
    }
    const waitMs = rpmWindow?.admit() ?? 0;
    if (waitMs > 0) {
      record.outcome = 'rpm-limited';
      const headers = { 'retry-after': String(Math.ceil(waitMs / 1000)), 'retry-after-ms': String(waitMs) };
      return sendJson(response, 429, errorBody(`Rate limit reached: ${options.rpm} RPM`, 'requests', 'rate_limit_exceeded'), headers);
    }
    if (options.rejectJsonSchema && asksForJsonSchema(endpoint, record.body)) {
      record.outcome = 'json-schema-rejected';
      const message = "Invalid value for 'response_format': json_schema is not supported by this server";
      return sendJson(response, 400, errorBody(message, 'invalid_request_error', 'unsupported_response_format'));
    }
    const reply = pickReply(record);
    if (!reply) {
      record.outcome = 'script-exhausted';
      return sendJson(response, 500, errorBody('fake script exhausted', 'server_error', null));
    }
    record.outcome = reply.type;
    answer(endpoint, record, reply, response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, errorBody(String(error), 'server_error', null));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
