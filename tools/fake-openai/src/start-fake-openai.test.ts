import OpenAI, { APIConnectionTimeoutError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './index.ts';
import type { FakeOpenAI, FakeOpenAIOptions, FakeScript } from './index.ts';

let fake: FakeOpenAI | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(script: FakeScript, options?: FakeOpenAIOptions) {
  fake = await startFakeOpenAI(script, options);
  return {
    fake,
    client: new OpenAI({ baseURL: fake.url, apiKey: 'sk-test-SECRET123', maxRetries: 0, timeout: 2_000 }),
  };
}

const ask = (client: OpenAI) =>
  client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

describe('startFakeOpenAI', () => {
  it('answers chat completions from the script in order and records the requests', async () => {
    const { fake, client } = await start([
      { type: 'json', body: { a: 1 } },
      { type: 'content', content: '{not json' },
    ]);
    const first = await ask(client);
    const second = await ask(client);
    expect(JSON.parse(first.choices[0].message.content ?? '')).toEqual({ a: 1 });
    expect(second.choices[0].message.content).toBe('{not json');
    expect(first.usage).toEqual({ prompt_tokens: 120, completion_tokens: 80, total_tokens: 200 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', hasAuthorization: true });
    expect(fake.requests[0].body).toMatchObject({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(JSON.stringify(fake.requests)).not.toContain('SECRET123');
  });

  it('omits usage when configured to, like some compatible servers', async () => {
    const { client } = await start([{ type: 'json', body: {} }], { usage: null });
    expect((await ask(client)).usage).toBeUndefined();
  });

  it('streams chat completions as SSE chunks with usage on request', async () => {
    const body = { plan: 'x'.repeat(100) };
    const { client } = await start([{ type: 'json', body }]);
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: unknown;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(JSON.parse(text)).toEqual(body);
    expect(chunks).toBeGreaterThan(3);
    expect(usage).toMatchObject({ total_tokens: 200 });
  });

  it('answers the Responses API with output_text', async () => {
    const { fake, client } = await start([{ type: 'json', body: { ok: true } }]);
    const response = await client.responses.create({ model: 'm', input: 'hi' });
    expect(JSON.parse(response.output_text)).toEqual({ ok: true });
    expect(response.usage?.total_tokens).toBe(200);
    expect(fake.requests[0].path).toBe('/v1/responses');
  });

  it('sends 429 with Retry-After and retry-after-ms, and 500', async () => {
    const { client } = await start([
      { type: 'rate-limit', retryAfterSeconds: 7, retryAfterMs: 50 },
      { type: 'error', status: 500 },
    ]);
    const limited = await ask(client).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers.get('retry-after')).toBe('7');
    expect((limited as RateLimitError).headers.get('retry-after-ms')).toBe('50');
    expect(await ask(client).catch((error: unknown) => error)).toBeInstanceOf(InternalServerError);
  });

  it('hangs until the client times out', async () => {
    const { client } = await start([{ type: 'hang' }]);
    const quick = client.withOptions({ timeout: 100 });
    await expect(ask(quick)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('rejects json_schema response formats when asked to, without using up the script', async () => {
    const { fake, client } = await start([{ type: 'json', body: { ok: 1 } }], { rejectJsonSchema: true });
    const rejected = await client.chat.completions
      .create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
      })
      .catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(BadRequestError);
    const accepted = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(accepted.choices[0].message.content ?? '')).toEqual({ ok: 1 });
    expect(fake.requests.map((request) => request.outcome)).toEqual(['json-schema-rejected', 'json']);
  });

  it('caps requests per sliding minute and frees a slot once the oldest leaves the window', async () => {
    let now = 1_000_000;
    const { fake, client } = await start(() => ({ type: 'json', body: {} }), { rpm: 2, now: () => now });
    await ask(client);
    now += 10_000;
    await ask(client);
    const limited = (await ask(client).catch((error: unknown) => error)) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('50');
    now += 50_000;
    await expect(ask(client)).resolves.toBeDefined();
    expect(fake.requests.map((request) => request.outcome)).toEqual(['json', 'json', 'rpm-limited', 'json']);
  });

  it('answers 500 once an array script is exhausted and 404 for unknown routes', async () => {
    const { fake, client } = await start([]);
    expect(await ask(client).catch((error: unknown) => error)).toBeInstanceOf(InternalServerError);
    const response = await fetch(`${fake.url}/nothing`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(fake.requests.map((request) => request.outcome)).toEqual(['script-exhausted', 'not-found']);
  });
  it('answers empty-choices with a 200 whose choices array is empty, with usage', async () => {
    const { client } = await start([{ type: 'empty-choices' }]);
    const reply = await ask(client);
    expect(reply.choices).toEqual([]);
    expect(reply.usage?.total_tokens).toBe(200);
  });
});
