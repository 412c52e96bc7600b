import OpenAI, { BadRequestError } from 'openai';
import type { TokenUsage } from './planner.ts';
import type { CallBudget } from './call-budget.ts';
import { EmptyReplyError } from './empty-reply-error.ts';
import { OpenAICallError } from './openai-call-error.ts';
import { classifyError, withRetry, type RetryOptions } from './with-retry.ts';

/** Which OpenAI API shape the server speaks: Chat Completions (everyone) or Responses (OpenAI, some proxies). */
export type OpenAIBackend = 'chat' | 'responses';

export interface OpenAIJsonClientOptions {
  model: string;
  apiKey: string;
  baseURL?: string;
  backend?: OpenAIBackend;
  /** Per-attempt timeout (default 60 s). */
  timeoutMs?: number;
  retry?: RetryOptions;
  temperature?: number;
  /** Extra headers for proxies (e.g. LiteLLM tags). */
  headers?: Record<string, string>;
}

export interface JsonMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonRequest {
  messages: JsonMessage[];
  schemaName: string;
  schema: Record<string, unknown>;
  /** For error messages, e.g. "plan for entry E01". */
  purpose: string;
  entryId?: string;
  /** The prompt's budget: deadline, 429 allowance, stop signal, and the tally of every request sent. */
  budget?: CallBudget;
}

export interface JsonReply {
  /** The raw message text; the caller parses and validates it. */
  content: string;
  usage: TokenUsage;
  attempts: number;
  /** The response format actually used for this call. */
  format: 'json_schema' | 'json_object';
}

// Rough chars-per-token ratio for when a server omits usage; good enough for a TPM budget.
const CHARS_PER_TOKEN = 4;

function estimateUsage(request: JsonRequest, content: string): TokenUsage {
  const promptChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
  const prompt_tokens = Math.ceil(promptChars / CHARS_PER_TOKEN);
  const completion_tokens = Math.ceil(content.length / CHARS_PER_TOKEN);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens, estimated: true };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * One JSON-returning model call with our bounded retry, over Chat Completions or Responses. Remembers, per
 * instance, when the server refuses `json_schema` so later calls go straight to `json_object`.
 */
export class OpenAIJsonClient {
  readonly model: string;
  readonly backend: OpenAIBackend;
  private readonly client: OpenAI;
  private readonly apiKey: string;
  private readonly retry: RetryOptions;
  private readonly temperature?: number;
  private readonly timeoutMs: number;
  private jsonSchemaSupported = true;

  constructor(options: OpenAIJsonClientOptions) {
    this.model = options.model;
    this.backend = options.backend ?? 'chat';
    this.apiKey = options.apiKey;
    this.retry = options.retry ?? {};
    this.temperature = options.temperature;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    // maxRetries 0: the client would sleep on any Retry-After without an upper bound; withRetry caps it.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: 0,
      timeout: this.timeoutMs,
      defaultHeaders: options.headers,
    });
  }

  /** True until the server has rejected a json_schema response format. */
  get usesJsonSchema(): boolean {
    return this.jsonSchemaSupported;
  }

  /** Sends the messages and returns the reply text; throws OpenAICallError (API key redacted) on failure. */
  async complete(request: JsonRequest): Promise<JsonReply> {
    let attempts = 0;
    try {
      return await withRetry(async () => {
        attempts += 1;
        return await this.callWithFormatFallback(request, attempts);
      }, { ...this.retry, budget: request.budget });
    } catch (error) {
      throw new OpenAICallError({
        purpose: request.purpose,
        entryId: request.entryId,
        attempts,
        decision: classifyError(error, this.retry.now),
        detail: error instanceof Error ? error.message : String(error),
        apiKey: this.apiKey,
      });
    }
  }

  private async callWithFormatFallback(request: JsonRequest, attempts: number): Promise<JsonReply> {
    if (!this.jsonSchemaSupported) return this.call(request, 'json_object', attempts);
    try {
      return await this.call(request, 'json_schema', attempts);
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      // Servers without structured outputs (older vLLM, some Ollama/LiteLLM routes) answer 400 here.
      const reply = await this.call(request, 'json_object', attempts);
      this.jsonSchemaSupported = false;
      return reply;
    }
  }

  // A run-wide stop signal aborts the request in flight, not only the wait between attempts; a prompt's budget
  // also ends it at the deadline, so one request never outlives the prompt's allowance.
  private requestOptions(budget?: CallBudget) {
    if (budget) return { signal: budget.signal, timeout: Math.max(1, Math.min(this.timeoutMs, budget.remainingMs())) };
    return this.retry.signal ? { signal: this.retry.signal } : undefined;
  }

  /** One request, tallied on the budget whether it brings a reply or not. */
  private async call(request: JsonRequest, format: JsonReply['format'], attempts: number): Promise<JsonReply> {
    try {
      const reply = await this.send(request, format, attempts);
      request.budget?.recordRequest({ ok: true, tokens: reply.usage.total_tokens });
      return reply;
    } catch (error) {
      request.budget?.recordRequest({ ok: false, tokens: error instanceof EmptyReplyError ? error.usage.total_tokens : undefined });
      throw error;
    }
  }

  private async send(request: JsonRequest, format: JsonReply['format'], attempts: number): Promise<JsonReply> {
    const temperature = this.temperature !== undefined ? { temperature: this.temperature } : {};
    if (this.backend === 'responses') {
      const response = await this.client.responses.create({
        model: this.model,
        input: request.messages.map((message) => ({ role: message.role, content: message.content })),
        text: {
          format:
            format === 'json_schema'
              ? { type: 'json_schema', name: request.schemaName, schema: request.schema, strict: false }
              : { type: 'json_object' },
        },
        ...temperature,
      }, this.requestOptions(request.budget));
      const content = response.output_text ?? '';
      const usage = response.usage;
      const prompt = count(usage?.input_tokens);
      const completion = count(usage?.output_tokens);
      const reply: JsonReply = {
        content,
        usage:
          prompt !== undefined && completion !== undefined
            ? { prompt_tokens: prompt, completion_tokens: completion, total_tokens: count(usage?.total_tokens) ?? prompt + completion }
            : estimateUsage(request, content),
        attempts,
        format,
      };
      if (Array.isArray(response.output) && response.output.length === 0) throw new EmptyReplyError(this.backend, reply.usage);
      return reply;
    }
    const completion = await this.client.chat.completions.create({
      model: this.model,
      messages: request.messages,
      response_format:
        format === 'json_schema'
          ? { type: 'json_schema', json_schema: { name: request.schemaName, schema: request.schema, strict: false } }
          : { type: 'json_object' },
      ...temperature,
    }, this.requestOptions(request.budget));
    const content = completion.choices?.[0]?.message?.content ?? '';
    const prompt = count(completion.usage?.prompt_tokens);
    const produced = count(completion.usage?.completion_tokens);
    const reply: JsonReply = {
      content,
      usage:
        prompt !== undefined && produced !== undefined
          ? { prompt_tokens: prompt, completion_tokens: produced, total_tokens: count(completion.usage?.total_tokens) ?? prompt + produced }
          : estimateUsage(request, content),
      attempts,
      format,
    };
    if (!Array.isArray(completion.choices) || completion.choices.length === 0) throw new EmptyReplyError(this.backend, reply.usage);
    return reply;
  }
}

