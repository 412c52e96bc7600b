/** Token counts the fake reports; `null` in options or a reply omits `usage` like some compatible servers do. */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

interface ReplyTiming {
  /** Delay before answering, overriding the server-wide latency. */
  latencyMs?: number;
}

/** What the fake answers to one model call. */
export type FakeReply =
  /** A message whose content is `JSON.stringify(body)`. */
  | ({ type: 'json'; body: unknown; usage?: FakeUsage | null } & ReplyTiming)
  /** A message with this exact content, e.g. malformed JSON. */
  | ({ type: 'content'; content: string; usage?: FakeUsage | null } & ReplyTiming)
  /** HTTP 429 with `Retry-After` (seconds) and/or `retry-after-ms`. */
  | ({ type: 'rate-limit'; retryAfterSeconds?: number; retryAfterMs?: number } & ReplyTiming)
  /** Any HTTP error in the OpenAI error shape (`{error: {message, type, code}}`), or a raw body. */
  | ({ type: 'error'; status: number; message?: string; body?: unknown; headers?: Record<string, string> } & ReplyTiming)
  /** A 200 whose `choices` (or Responses `output`) is empty, as some proxies answer after a content filter. */
  | ({ type: 'empty-choices'; usage?: FakeUsage | null } & ReplyTiming)
  /** Never answers; the client has to time out (or abort). */
  | { type: 'hang' };

/** One request as the fake received it. The Authorization header is never kept, only whether it was there. */
export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  hasAuthorization: boolean;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** How the fake answered: a script reply type, or why it answered on its own. */
  outcome: FakeReply['type'] | 'rpm-limited' | 'json-schema-rejected' | 'not-found' | 'script-exhausted';
}

/** Replies in call order, or a function choosing one per request (`index` counts scripted calls from 0). */
export type FakeScript = readonly FakeReply[] | ((request: RecordedRequest, index: number) => FakeReply);

export interface FakeOpenAIOptions {
  /** Default delay before each answer. */
  latencyMs?: number;
  /** Answer 429 with Retry-After once more than this many requests arrived within a sliding minute. */
  rpm?: number;
  /** Default usage for answers; `null` omits the field. */
  usage?: FakeUsage | null;
  /** Answer 400 to `json_schema` response formats, like servers that only know `json_object`. */
  rejectJsonSchema?: boolean;
  /** Model name echoed in answers when the request names none. */
  model?: string;
  /** Clock for the rpm window (ms). */
  now?: () => number;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
}

export interface FakeOpenAI {
  /** Base URL for the openai client, ending in `/v1`. */
  url: string;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}
